package io.gatehouse.security.factor;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who must sign in with a second factor: an organization's rule (everyone in it, or only those
 * holding administrative rights: Managers and holders of User Management), set by its Managers,
 * and the vendor's rule for its own staff, set by the vendor admin.
 */
@Service
public class SecondFactorRules {

    /** Whom an organization's rule covers. */
    public enum AppliesTo { NOBODY, ADMINISTRATORS, EVERYONE }

    /** Whether an account must hold a second factor, and which rules say so. */
    public record Requirement(List<String> organizations, boolean asStaff) {

        public Requirement {
            organizations = List.copyOf(organizations);
        }

        public boolean required() {
            return asStaff || !organizations.isEmpty();
        }
    }

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SecondFactorRules(JdbcClient jdbc, AccessPolicy policy, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Requirement requirement(UserId account) {
        List<String> organizations = jdbc.sql("""
                        select o.name from organization_second_factor_rule r
                        join organization o on o.id = r.organization_id
                        join membership m on m.organization_id = r.organization_id and m.user_id = ?
                        where m.status = 'ACTIVE' and (r.applies_to = 'EVERYONE' or m.role = 'MANAGER' or exists (
                            select 1 from membership_right mr join access_right ar on ar.id = mr.right_id
                            where mr.membership_id = m.id and ar.name = ?))
                        order by o.name""")
                .params(account.value(), AccessPolicy.USER_MANAGEMENT)
                .query(String.class).list();
        boolean asStaff = jdbc.sql("select count(*) from staff_member s, staff_second_factor_rule r where s.user_id = ?")
                .param(account.value()).query(Integer.class).single() > 0;
        return new Requirement(organizations, asStaff);
    }

    @Transactional(readOnly = true)
    public AppliesTo organizationRule(OrganizationId organization) {
        return jdbc.sql("select applies_to from organization_second_factor_rule where organization_id = ?")
                .param(organization.value()).query(String.class).optional().map(AppliesTo::valueOf).orElse(AppliesTo.NOBODY);
    }

    /** Sets the organization's rule (audited); nothing changes, nor is audited, when it stays the same. */
    @Transactional
    public void setOrganizationRule(Actor actor, OrganizationId organization, AppliesTo appliesTo) {
        policy.requireSecondFactor(actor, organization).orThrow();
        AppliesTo before = organizationRule(organization);
        if (before == appliesTo) {
            return;
        }
        jdbc.sql("delete from organization_second_factor_rule where organization_id = ?").param(organization.value()).update();
        if (appliesTo != AppliesTo.NOBODY) {
            jdbc.sql("insert into organization_second_factor_rule (organization_id, applies_to, changed_at) values (?, ?, ?)")
                    .params(organization.value(), appliesTo.name(), Timestamp.from(clock.instant())).update();
        }
        events.publishEvent(new Audited(actor.ref(), organization, "organization.secondFactorRuleChanged", "organization",
                organization.toString(), state(before.name()), state(appliesTo.name())));
    }

    @Transactional(readOnly = true)
    public boolean staffRule() {
        return jdbc.sql("select count(*) from staff_second_factor_rule").query(Integer.class).single() > 0;
    }

    /** Whether every vendor staff member must hold a second factor (audited when it changes). */
    @Transactional
    public void setStaffRule(Actor actor, boolean required) {
        policy.requireSecondFactorForStaff(actor).orThrow();
        boolean before = staffRule();
        if (before == required) {
            return;
        }
        if (required) {
            jdbc.sql("insert into staff_second_factor_rule (scope, changed_at) values ('STAFF', ?)")
                    .param(Timestamp.from(clock.instant())).update();
        } else {
            jdbc.sql("delete from staff_second_factor_rule").update();
        }
        events.publishEvent(new Audited(actor.ref(), null, "staff.secondFactorRuleChanged", "staff", null,
                state(Boolean.toString(before)), state(Boolean.toString(required))));
    }

    private static Map<String, Object> state(String value) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("secondFactorRequired", value);
        return state;
    }

    public static Optional<AppliesTo> parse(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(AppliesTo.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
