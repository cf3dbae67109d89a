package io.gatehouse.oidc;

import io.gatehouse.shared.Audited;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Revokes what an application holds for a person the moment their access there ends: every change
 * to a member or an account is audited, and each such change asks the sign-on policy again for
 * every application the person is signed in to. It runs in the change's own transaction, so the
 * change and the revocation commit together: the next refresh is refused and introspection says
 * inactive from the very commit.
 */
@Component
class AccessRevocation {

    private static final Set<String> PERSON_TARGETS = Set.of("member", "user");

    private final JdbcClient jdbc;
    private final SignOns signOns;

    AccessRevocation(JdbcClient jdbc, SignOns signOns) {
        this.jdbc = jdbc;
        this.signOns = signOns;
    }

    record Held(String client, UUID organization) {
    }

    @EventListener
    void on(Audited change) {
        if (!PERSON_TARGETS.contains(change.targetType()) || change.targetId() == null) {
            return;
        }
        UserId user;
        try {
            user = UserId.parse(change.targetId());
        } catch (IllegalArgumentException notAPerson) {
            return;
        }
        revokeWhereDenied(user, change.organizationId());
    }

    /** Revokes the person's authorizations (in one organization, or all when null) that the policy no longer allows. */
    List<Held> revokeWhereDenied(UserId user, OrganizationId organization) {
        List<Held> held = jdbc.sql("""
                        select distinct registered_client_id, organization_id from oauth2_authorization
                        where principal_name = :user and organization_id is not null"""
                        + (organization == null ? "" : " and organization_id = :org"))
                .param("user", user.toString())
                .param("org", organization == null ? null : organization.value())
                .query((rs, n) -> new Held(rs.getString(1), rs.getObject(2, UUID.class)))
                .list();
        Set<Held> revoked = new LinkedHashSet<>();
        for (Held h : held) {
            boolean allowed = signOns.person(user, new OrganizationId(h.organization()), UUID.fromString(h.client()))
                    .map(p -> p.decision().allowed()).orElse(false);
            if (!allowed) {
                revoke(user, h);
                revoked.add(h);
            }
        }
        return List.copyOf(revoked);
    }

    private void revoke(UserId user, Held held) {
        String where = "principal_name = ? and registered_client_id = ? and organization_id = ?";
        jdbc.sql("delete from oauth2_spent_refresh_token where authorization_id in (select id from oauth2_authorization where "
                        + where + ")")
                .params(user.toString(), held.client(), held.organization()).update();
        jdbc.sql("delete from oauth2_authorization where " + where)
                .params(user.toString(), held.client(), held.organization()).update();
    }
}
