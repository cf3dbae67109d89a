package io.gatehouse.access;

import io.gatehouse.access.Actor.OrganizationAccess;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads what a person may do right now: three small indexed queries on every request, no cache to go stale. */
@Service
@Transactional(readOnly = true)
public class Actors {

    private final JdbcClient jdbc;
    private final Staff staff;

    Actors(JdbcClient jdbc, Staff staff) {
        this.jdbc = jdbc;
        this.staff = staff;
    }

    public Actor load(UserId user) {
        String label = jdbc.sql("select first_name, last_name, email from user_account where id = ?")
                .param(user.value())
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " <" + rs.getString(3) + ">")
                .optional().orElse(user.toString());
        record Row(UUID org, Role role, MembershipStatus status, String right) {
        }
        Map<UUID, Role> roles = new HashMap<>();
        Map<UUID, MembershipStatus> statuses = new HashMap<>();
        Map<UUID, Set<String>> rights = new HashMap<>();
        Map<UUID, Set<SiteId>> sites = new HashMap<>();
        jdbc.sql("""
                        select m.organization_id, m.role, m.status, r.name
                        from membership m
                        left join membership_right mr on mr.membership_id = m.id
                        left join access_right r on r.id = mr.right_id
                        where m.user_id = ?""")
                .param(user.value())
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), Role.valueOf(rs.getString(2)),
                        MembershipStatus.valueOf(rs.getString(3)), rs.getString(4)))
                .list()
                .forEach(row -> {
                    roles.put(row.org(), row.role());
                    statuses.put(row.org(), row.status());
                    Set<String> held = rights.computeIfAbsent(row.org(), k -> new HashSet<>());
                    if (row.right() != null) {
                        held.add(row.right());
                    }
                });
        jdbc.sql("""
                        select m.organization_id, s.site_id from membership m
                        join site_access s on s.membership_id = m.id where m.user_id = ?""")
                .param(user.value())
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .list()
                .forEach(e -> sites.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(new SiteId(e.getValue())));
        Map<OrganizationId, OrganizationAccess> organizations = new HashMap<>();
        roles.forEach((org, role) -> organizations.put(new OrganizationId(org), new OrganizationAccess(
                new OrganizationId(org), role, statuses.get(org), rights.get(org), sites.getOrDefault(org, Set.of()))));
        return new Actor(user, label, staff.roleOf(user).orElse(null), organizations);
    }
}
