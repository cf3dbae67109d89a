package io.gatehouse.access;

import io.gatehouse.access.Actor.OrganizationAccess;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads what a person may do right now: two small indexed queries on every request, no cache to go
 * stale. Outside a transaction they run on their own, without a transaction of their own to begin
 * and commit: each answer is already "right now".
 */
@Service
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class Actors {

    /** Where the current request keeps its actor. */
    static final String ATTRIBUTE = Actor.class.getName();

    private final JdbcClient jdbc;

    Actors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Actor load(UserId user) {
        return read(user).actor();
    }

    /**
     * The actor of the current request, read once and kept on the request; empty when the account
     * is gone or may not act (disabled, or invited and not registered yet).
     */
    public Optional<Actor> forRequest(UserId user, HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Actor cached && cached.userId().equals(user)) {
            return Optional.of(cached);
        }
        Loaded loaded = read(user);
        if (!loaded.active()) {
            return Optional.empty();
        }
        request.setAttribute(ATTRIBUTE, loaded.actor());
        return Optional.of(loaded.actor());
    }

    private record Loaded(Actor actor, boolean active) {
    }

    /** Two indexed queries: the account with its staff role, then every membership with its rights and sites. */
    private Loaded read(UserId user) {
        record Account(String label, boolean active, StaffRole staff) {
        }
        Account account = jdbc.sql("""
                        select u.first_name, u.last_name, u.email, u.status, s.role
                        from user_account u left join staff_member s on s.user_id = u.id where u.id = ?""")
                .param(user.value())
                .query((rs, n) -> new Account(rs.getString(1) + " " + rs.getString(2) + " <" + rs.getString(3) + ">",
                        "ACTIVE".equals(rs.getString(4)), rs.getString(5) == null ? null : StaffRole.valueOf(rs.getString(5))))
                .optional()
                .orElse(new Account(user.toString(), false, null));
        Map<UUID, Role> roles = new HashMap<>();
        Map<UUID, MembershipStatus> statuses = new HashMap<>();
        Map<UUID, Set<String>> rights = new HashMap<>();
        Map<UUID, Set<SiteId>> sites = new HashMap<>();
        jdbc.sql("""
                        select m.organization_id, m.role, m.status, 'R' as kind, r.name as item
                        from membership m
                        left join membership_right mr on mr.membership_id = m.id
                        left join access_right r on r.id = mr.right_id
                        where m.user_id = :user
                        union all
                        select m.organization_id, m.role, m.status, 'S' as kind, cast(s.site_id as varchar(36)) as item
                        from membership m join site_access s on s.membership_id = m.id
                        where m.user_id = :user""")
                .param("user", user.value())
                .query((rs, n) -> {
                    UUID org = rs.getObject(1, UUID.class);
                    roles.put(org, Role.valueOf(rs.getString(2)));
                    statuses.put(org, MembershipStatus.valueOf(rs.getString(3)));
                    Set<String> held = rights.computeIfAbsent(org, k -> new HashSet<>());
                    String item = rs.getString(5);
                    if (item != null) {
                        if ("S".equals(rs.getString(4))) {
                            sites.computeIfAbsent(org, k -> new HashSet<>()).add(new SiteId(UUID.fromString(item)));
                        } else {
                            held.add(item);
                        }
                    }
                    return org;
                })
                .list();
        Map<OrganizationId, OrganizationAccess> organizations = new HashMap<>();
        roles.forEach((org, role) -> organizations.put(new OrganizationId(org), new OrganizationAccess(
                new OrganizationId(org), role, statuses.get(org), rights.get(org), sites.getOrDefault(org, Set.of()))));
        return new Loaded(new Actor(user, account.label(), account.staff(), organizations), account.active());
    }
}
