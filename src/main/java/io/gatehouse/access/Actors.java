package io.gatehouse.access;

import io.gatehouse.access.Actor.OrganizationAccess;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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

    /** The actor as they are now, read in the caller's transaction; empty when the account may no longer act. */
    Optional<Actor> current(UserId user) {
        Loaded loaded = read(user);
        return loaded.active() ? Optional.of(loaded.actor()) : Optional.empty();
    }

    private record Loaded(Actor actor, boolean active) {
    }

    /**
     * One statement of indexed lookups: the account with its staff role (kind A), then every
     * membership with its rights (R) and sites (S).
     */
    private Loaded read(UserId user) {
        record Account(String label, boolean active, StaffRole staff) {
        }
        List<Account> account = new ArrayList<>(1);
        Map<UUID, Role> roles = new HashMap<>();
        Map<UUID, MembershipStatus> statuses = new HashMap<>();
        Map<UUID, Set<String>> rights = new HashMap<>();
        Map<UUID, Set<SiteId>> sites = new HashMap<>();
        jdbc.sql("""
                        select 'A' as kind, cast(null as uuid) as organization_id, s.role, u.status, u.first_name as item,
                               u.last_name, u.email
                        from user_account u left join staff_member s on s.user_id = u.id where u.id = :user
                        union all
                        select 'R' as kind, m.organization_id, m.role, m.status, r.name as item,
                               cast(null as varchar(100)), cast(null as varchar(320))
                        from membership m
                        left join membership_right mr on mr.membership_id = m.id
                        left join access_right r on r.id = mr.right_id
                        where m.user_id = :user
                        union all
                        select 'S' as kind, m.organization_id, m.role, m.status, cast(s.site_id as varchar(36)) as item,
                               cast(null as varchar(100)), cast(null as varchar(320))
                        from membership m join site_access s on s.membership_id = m.id
                        where m.user_id = :user""")
                .param("user", user.value())
                .query((rs, n) -> {
                    String kind = rs.getString(1);
                    if ("A".equals(kind)) {
                        account.add(new Account(rs.getString(5) + " " + rs.getString(6) + " <" + rs.getString(7) + ">",
                                "ACTIVE".equals(rs.getString(4)), rs.getString(3) == null ? null : StaffRole.valueOf(rs.getString(3))));
                        return kind;
                    }
                    UUID org = rs.getObject(2, UUID.class);
                    roles.put(org, Role.valueOf(rs.getString(3)));
                    statuses.put(org, MembershipStatus.valueOf(rs.getString(4)));
                    Set<String> held = rights.computeIfAbsent(org, k -> new HashSet<>());
                    String item = rs.getString(5);
                    if (item != null) {
                        if ("S".equals(kind)) {
                            sites.computeIfAbsent(org, k -> new HashSet<>()).add(new SiteId(UUID.fromString(item)));
                        } else {
                            held.add(item);
                        }
                    }
                    return kind;
                })
                .list();
        if (account.isEmpty()) {
            return new Loaded(new Actor(user, user.toString(), null, Map.of()), false);
        }
        Map<OrganizationId, OrganizationAccess> organizations = new HashMap<>();
        roles.forEach((org, role) -> organizations.put(new OrganizationId(org), new OrganizationAccess(
                new OrganizationId(org), role, statuses.get(org), rights.get(org), sites.getOrDefault(org, Set.of()))));
        return new Loaded(new Actor(user, account.get(0).label(), account.get(0).staff(), organizations), account.get(0).active());
    }
}
