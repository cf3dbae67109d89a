package io.gatehouse.scim;

import io.gatehouse.access.Role;
import io.gatehouse.shared.CustomPlans;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Members as SCIM Users: the membership, the account, and what the directory told us beyond them. */
@Component
class ScimUserStore {

    private static final String JOINS = "\n" + """
             join user_account u on u.id = m.user_id
             left join scim_user s on s.organization_id = m.organization_id and s.user_id = m.user_id""";
    private static final String FROM = "\n from membership m" + JOINS + "\n where m.organization_id = ?";
    private static final String COLUMNS = """
            select m.user_id, u.email, u.first_name, u.last_name, u.position, u.status, m.role, m.created_at,
                   coalesce(s.last_modified, m.created_at), s.external_id, s.department, s.manager_id,
                   coalesce(s.version, 0) + m.version + u.version""";

    private final JdbcClient jdbc;
    private final CustomPlans customPlans;

    ScimUserStore(JdbcClient jdbc, CustomPlans customPlans) {
        this.jdbc = jdbc;
        this.customPlans = customPlans;
    }

    /**
     * One member as SCIM shows them. version adds the directory's, the membership's and the
     * account's versions: each only grows, so any change anywhere gives a new ETag.
     */
    record UserRow(UUID id, String email, String firstName, String lastName, String position, boolean active, Role role,
            Instant created, Instant lastModified, String externalId, String department, String manager, long version,
            List<UUID> rights) {

        UserRow withRights(List<UUID> held) {
            return new UserRow(id, email, firstName, lastName, position, active, role, created, lastModified, externalId,
                    department, manager, version, held);
        }

        String etag() {
            return "W/\"" + version + "\"";
        }
    }

    record Page(List<UserRow> rows, long total) {
    }

    /**
     * One page of the members the condition selects, and how many it selects. A condition with a
     * pattern (userName sw "ab") is planned with its values: a prefix then reads the
     * text_pattern_ops index, where a plan made for any prefix reads every member of the
     * organization. Both statements read the membership alone unless the condition or the order
     * names the account or the directory's attributes: the count then comes from the index, and
     * only the page's rows are joined to their account.
     */
    Page page(OrganizationId organization, UserFilterSql.Condition condition, String sortColumn, boolean descending,
            int offset, int limit) {
        if (condition != null && condition.matchesPatterns()) {
            customPlans.forThisTransaction();
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(organization.value());
        String where = "";
        if (condition != null) {
            where = " and " + condition.sql();
            parameters.addAll(condition.parameters());
        }
        boolean conditionBeyond = condition != null && condition.readsBeyondMembership();
        long total = jdbc.sql("select count(*)" + from(conditionBeyond) + where).params(parameters).query(Long.class).single();
        if (limit == 0 || total == 0 || offset >= total) {
            return new Page(List.of(), total);
        }
        String sort = sortColumn == null ? "m.created_at" : sortColumn;
        String direction = descending ? " desc" : "";
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(limit);
        paged.add(offset);
        // The page's memberships carry what the answer shows of them, so only their accounts are joined.
        String chosen = "select m.user_id, m.organization_id, m.role, m.created_at, m.version, " + sort + " as page_key"
                + from(conditionBeyond || UserFilterSql.readsBeyondMembership(sort)) + where
                + " order by page_key" + direction + ", m.user_id" + direction + " limit ? offset ?";
        List<UserRow> rows = jdbc.sql(COLUMNS + "\n from (" + chosen + ") m" + JOINS
                        + " order by m.page_key" + direction + ", m.user_id" + direction)
                .params(paged)
                .query(ScimUserStore::row).list();
        return new Page(withRights(organization, rows), total);
    }

    /** The members of the organization, joined to their account and the directory's attributes only when asked. */
    private static String from(boolean beyondMembership) {
        return "\n from membership m" + (beyondMembership ? JOINS : "") + "\n where m.organization_id = ?";
    }

    Optional<UserRow> one(OrganizationId organization, UserId user) {
        return jdbc.sql(COLUMNS + FROM + " and m.user_id = ?").params(organization.value(), user.value())
                .query(ScimUserStore::row).optional()
                .map(row -> withRights(organization, List.of(row)).get(0));
    }

    /** The directory's own attributes of a member; the row is made on first use. */
    void save(OrganizationId organization, UserId user, String externalId, String department, String manager, Instant now) {
        int updated = jdbc.sql("""
                        update scim_user set external_id = ?, department = ?, manager_id = ?, last_modified = ?, version = version + 1
                        where organization_id = ? and user_id = ?""")
                .params(externalId, department, manager, Timestamp.from(now), organization.value(), user.value()).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into scim_user (organization_id, user_id, external_id, department, manager_id, last_modified, version)
                            values (?, ?, ?, ?, ?, ?, 1)""")
                    .params(organization.value(), user.value(), externalId, department, manager, Timestamp.from(now)).update();
        }
    }

    void forget(OrganizationId organization, UserId user) {
        jdbc.sql("delete from scim_user where organization_id = ? and user_id = ?").params(organization.value(), user.value()).update();
    }

    /** Who holds which right in the organization, and each member's role: what the groups are made of. */
    Map<UUID, List<UUID>> rightHolders(OrganizationId organization) {
        Map<UUID, List<UUID>> holders = new HashMap<>();
        jdbc.sql("""
                        select mr.right_id, m.user_id from membership m join membership_right mr on mr.membership_id = m.id
                        where m.organization_id = ? order by m.created_at, m.user_id""")
                .param(organization.value())
                .query((rs, n) -> holders.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(rs.getObject(2, UUID.class)))
                .list();
        return holders;
    }

    Map<Role, List<UUID>> roleHolders(OrganizationId organization) {
        Map<Role, List<UUID>> holders = new HashMap<>();
        jdbc.sql("select role, user_id from membership where organization_id = ? order by created_at, user_id")
                .param(organization.value())
                .query((rs, n) -> holders.computeIfAbsent(Role.valueOf(rs.getString(1)), k -> new ArrayList<>())
                        .add(rs.getObject(2, UUID.class)))
                .list();
        return holders;
    }

    /** Display names ("First Last") of the organization's members, for a group's member list. */
    Map<UUID, String> names(OrganizationId organization) {
        Map<UUID, String> names = new HashMap<>();
        jdbc.sql("select m.user_id, u.first_name, u.last_name from membership m join user_account u on u.id = m.user_id "
                        + "where m.organization_id = ?")
                .param(organization.value())
                .query((rs, n) -> names.put(rs.getObject(1, UUID.class), rs.getString(2) + " " + rs.getString(3)))
                .list();
        return names;
    }

    private List<UserRow> withRights(OrganizationId organization, List<UserRow> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(organization.value());
        rows.forEach(r -> parameters.add(r.id()));
        String marks = String.join(", ", Collections.nCopies(rows.size(), "?"));
        Map<UUID, List<UUID>> rights = new HashMap<>();
        jdbc.sql("select m.user_id, mr.right_id from membership m join membership_right mr on mr.membership_id = m.id "
                        + "where m.organization_id = ? and m.user_id in (" + marks + ")")
                .params(parameters)
                .query((rs, n) -> rights.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(rs.getObject(2, UUID.class)))
                .list();
        return rows.stream().map(r -> r.withRights(rights.getOrDefault(r.id(), List.of()))).toList();
    }

    private static UserRow row(ResultSet rs, int n) throws SQLException {
        return new UserRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                !"DISABLED".equals(rs.getString(6)), Role.valueOf(rs.getString(7)), rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getString(11), rs.getString(12), rs.getLong(13), List.of());
    }
}
