package io.gatehouse.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The people of the load test, read from the generated data: one Manager in each of the largest
 * self-managed organizations (where a tick changes a right at once rather than asking the vendor),
 * each with members of their organization to look up and the rights they may tick.
 */
record PortalUsers(List<PortalUser> users, List<String> rights) {

    /** A Manager who signs in, with the organization they manage and some of its members. */
    record PortalUser(String email, UUID organization, int members, List<Target> targets) {

        PortalUser {
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("an organization without members to look up: " + organization);
            }
            targets = List.copyOf(targets);
        }
    }

    /** A member whose page is opened: found by typing the start of their last name. */
    record Target(UUID user, String lastName) {
    }

    private static final int TARGETS_PER_USER = 20;

    PortalUsers {
        users = List.copyOf(users);
        rights = List.copyOf(rights);
    }

    /**
     * Managers of the {@code count} largest self-managed organizations but {@code excluded} (the
     * one of 50,000 members, whose export alone takes seconds and is measured by the benchmark).
     */
    static PortalUsers read(Connection connection, int count, UUID excluded) throws SQLException {
        List<PortalUser> users = new ArrayList<>();
        Map<UUID, Object[]> managers = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                with sizes as (select organization_id, count(*) as members from membership group by organization_id),
                managers as (
                    select distinct on (m.organization_id) m.organization_id, u.email
                    from membership m join user_account u on u.id = m.user_id
                    where m.role = 'MANAGER' and m.status = 'ACTIVE' and u.status = 'ACTIVE'
                    order by m.organization_id, m.created_at, u.id)
                select o.id, s.members, mg.email
                from organization o
                join sizes s on s.organization_id = o.id
                join managers mg on mg.organization_id = o.id
                where o.management_mode = 'SELF_MANAGED' and o.id <> ?
                order by s.members desc, o.id
                limit ?""")) {
            statement.setObject(1, excluded);
            statement.setInt(2, count);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    managers.put(rs.getObject(1, UUID.class), new Object[] {rs.getInt(2), rs.getString(3)});
                }
            }
        }
        if (managers.size() < count) {
            throw new IllegalStateException("only " + managers.size() + " organizations have a Manager who can sign in");
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                select u.id, u.last_name from membership m join user_account u on u.id = m.user_id
                where m.organization_id = ? and m.role = 'USER' and m.status = 'ACTIVE' and u.status = 'ACTIVE'
                order by u.id limit ?""")) {
            for (Map.Entry<UUID, Object[]> manager : managers.entrySet()) {
                statement.setObject(1, manager.getKey());
                statement.setInt(2, TARGETS_PER_USER);
                List<Target> targets = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        targets.add(new Target(rs.getObject(1, UUID.class), rs.getString(2)));
                    }
                }
                users.add(new PortalUser((String) manager.getValue()[1], manager.getKey(), (Integer) manager.getValue()[0], targets));
            }
        }
        // Rights a Manager ticks and that take effect at once: neither kept by another system, nor approved by
        // the vendor, nor a seat of a product the organization may hold no licence for.
        List<String> rights = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        select r.name from access_right r join application a on a.id = r.application_id
                        where not a.managed_externally and not r.needs_approval and r.name <> 'User Management'
                        and not exists (select 1 from product p where p.application_id = a.id)
                        order by a.position, r.position""")) {
            while (rs.next()) {
                rights.add(rs.getString(1));
            }
        }
        if (rights.isEmpty()) {
            throw new IllegalStateException("the catalogue has no right a Manager may tick");
        }
        return new PortalUsers(users, rights);
    }

    int smallestOrganization() {
        return users.stream().mapToInt(PortalUser::members).min().orElse(0);
    }

    int largestOrganization() {
        return users.stream().mapToInt(PortalUser::members).max().orElse(0);
    }

    int medianOrganization() {
        List<Integer> sizes = users.stream().map(PortalUser::members).sorted().toList();
        return sizes.isEmpty() ? 0 : sizes.get(sizes.size() / 2);
    }
}
