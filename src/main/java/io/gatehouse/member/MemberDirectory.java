package io.gatehouse.member;

import io.gatehouse.access.Role;
import io.gatehouse.shared.CustomPlans;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads members of one organization for lists, search and export. Every statement is bound to
 * the organization id; the search runs on the membership's own lower-case copies of the person's
 * name, email and login, so it never scans the account table.
 */
@Component
@Transactional(readOnly = true)
class MemberDirectory {

    /**
     * One page of memberships, chosen and ordered on the membership table alone, then joined to
     * their accounts: the join touches 50 accounts, not every match.
     */
    private static final String PAGE = """
            select m.id as membership_id, m.user_id, u.first_name, u.last_name, u.email, u.login, u.position,
                   m.role, m.status, u.status as account_status, m.created_at, u.last_sign_in_at, m.invited_at,
                   m.last_name_key, m.first_name_key
            from (select m.id, m.user_id, m.role, m.status, m.created_at, m.invited_at, m.first_name_key, m.last_name_key,
                         m.email_key, m.login_key
                  from membership m where %1$s order by %2$s limit %3$d offset %4$d) m
            join user_account u on u.id = m.user_id
            order by %2$s""";

    /**
     * A search: the page and the number of matches in one statement. PostgreSQL gathers the
     * matches through the name, email and login indexes, counts them and keeps the first ones in
     * name order, instead of walking the whole organization in name order to find fifty of them.
     */
    private static final String PAGE_WITH_TOTAL = """
            select m.id as membership_id, m.user_id, u.first_name, u.last_name, u.email, u.login, u.position,
                   m.role, m.status, u.status as account_status, m.created_at, u.last_sign_in_at, m.invited_at,
                   m.last_name_key, m.first_name_key, m.total
            from (select m.id, m.user_id, m.role, m.status, m.created_at, m.invited_at, m.first_name_key, m.last_name_key,
                         m.email_key, m.login_key, count(*) over () as total
                  from membership m where %1$s order by %2$s limit %3$d offset %4$d) m
            join user_account u on u.id = m.user_id
            order by %2$s""";

    private final JdbcClient jdbc;
    private final CustomPlans customPlans;

    MemberDirectory(JdbcClient jdbc, CustomPlans customPlans) {
        this.jdbc = jdbc;
        this.customPlans = customPlans;
    }

    PageResult<MemberView> page(OrganizationId organization, MemberQuery query, PageRequest page, Supplier<List<String>> allSites) {
        Filter filter = filter(organization, query);
        customPlans.forThisTransaction();
        if (query.q() != null) {
            long[] total = {0};
            List<Row> rows = bind(jdbc.sql(PAGE_WITH_TOTAL.formatted(filter.where(), query.sort().orderBy(), page.size(),
                    page.offset())), filter).query((rs, n) -> {
                        total[0] = rs.getLong("total");
                        return row(rs, n);
                    }).list();
            if (rows.isEmpty() && page.offset() > 0) {
                total[0] = count(filter);
            }
            return new PageResult<>(views(rows, allSites), total[0], page.page(), page.size());
        }
        long total = count(filter);
        if (total == 0 || page.offset() >= total) {
            return new PageResult<>(List.of(), total, page.page(), page.size());
        }
        List<Row> rows = bind(jdbc.sql(PAGE.formatted(filter.where(), query.sort().orderBy(), page.size(), page.offset())), filter)
                .query(MemberDirectory::row).list();
        return new PageResult<>(views(rows, allSites), total, page.page(), page.size());
    }

    private long count(Filter filter) {
        return bind(jdbc.sql("select count(*) from membership m where " + filter.where()), filter).query(Long.class).single();
    }

    /**
     * One member with their rights and sites in one statement: the member's row (kind M), then a
     * row per right (R) and per site (S), as the list gives them: a Manager has every site of the
     * organization, in name order. A single statement needs no transaction of its own.
     */
    private static final String ONE = """
            select 'M' as kind, m.id as membership_id, m.user_id, u.first_name, u.last_name, u.email, u.login, u.position,
                   m.role, m.status, u.status as account_status, m.created_at, u.last_sign_in_at, m.invited_at,
                   cast(null as varchar(200)) as item, 0 as p1, 0 as p2
            from membership m join user_account u on u.id = m.user_id
            where m.organization_id = :org and m.user_id = :user
            union all
            select 'R', m.id, m.user_id, null, null, null, null, null, null, null, null,
                   cast(null as timestamp with time zone), cast(null as timestamp with time zone), cast(null as timestamp with time zone),
                   r.name, a.position, r.position
            from membership m
            join membership_right mr on mr.membership_id = m.id
            join access_right r on r.id = mr.right_id
            join application a on a.id = r.application_id
            where m.organization_id = :org and m.user_id = :user
            union all
            select 'S', m.id, m.user_id, null, null, null, null, null, null, null, null,
                   cast(null as timestamp with time zone), cast(null as timestamp with time zone), cast(null as timestamp with time zone),
                   cast(s.id as varchar(36)), row_number() over (order by s.name_key, s.id), 0
            from membership m join site s on s.organization_id = m.organization_id
            where m.organization_id = :org and m.user_id = :user and m.role = 'MANAGER'
            union all
            select 'S', m.id, m.user_id, null, null, null, null, null, null, null, null,
                   cast(null as timestamp with time zone), cast(null as timestamp with time zone), cast(null as timestamp with time zone),
                   cast(sa.site_id as varchar(36)), 0, 0
            from membership m join site_access sa on sa.membership_id = m.id
            where m.organization_id = :org and m.user_id = :user and m.role <> 'MANAGER'
            order by kind, p1, p2, item""";

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    Optional<MemberView> one(OrganizationId organization, UserId user) {
        List<Row> member = new ArrayList<>(1);
        List<String> rights = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        jdbc.sql(ONE).param("org", organization.value()).param("user", user.value())
                .query((rs, n) -> {
                    switch (rs.getString("kind")) {
                        case "M" -> member.add(row(rs, n));
                        case "R" -> rights.add(rs.getString("item"));
                        default -> sites.add(rs.getString("item"));
                    }
                    return n;
                })
                .list();
        if (member.isEmpty()) {
            return Optional.empty();
        }
        Row row = member.get(0);
        return Optional.of(view(row, rights, sites));
    }

    /**
     * Streams every matching member in name order, a batch at a time, so memory stays flat however
     * large the list. Each batch continues after the last row of the one before (keyset), read
     * along the (organization, last name, first name, id) index rather than sorted again.
     */
    void forEach(OrganizationId organization, MemberQuery query, Supplier<List<String>> allSites, Consumer<MemberView> consumer) {
        Filter filter = filter(organization, query);
        customPlans.forThisTransaction();
        int batch = 1000;
        Object[] after = null;
        while (true) {
            String where = filter.where() + (after == null ? ""
                    : " and (m.last_name_key, m.first_name_key, m.id) > (:kLast, :kFirst, :kId)");
            var spec = bind(jdbc.sql(PAGE.formatted(where, "m.last_name_key, m.first_name_key, m.id", batch, 0)), filter);
            if (after != null) {
                spec = spec.param("kLast", after[0]).param("kFirst", after[1]).param("kId", after[2]);
            }
            List<Object[]> keys = new ArrayList<>();
            List<Row> rows = spec.query((rs, n) -> {
                keys.add(new Object[] {rs.getString("last_name_key"), rs.getString("first_name_key"), rs.getObject("membership_id", UUID.class)});
                return row(rs, n);
            }).list();
            views(rows, allSites).forEach(consumer);
            if (rows.size() < batch) {
                return;
            }
            after = keys.get(keys.size() - 1);
        }
    }

    private record Row(UUID membershipId, UUID userId, String firstName, String lastName, String email, String login,
            String position, Role role, String status, String accountStatus, Instant createdAt, Instant lastSignInAt,
            Instant invitedAt) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("membership_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"), rs.getString("login"),
                rs.getString("position"), Role.valueOf(rs.getString("role")), rs.getString("status"),
                rs.getString("account_status"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_sign_in_at")),
                instant(rs.getTimestamp("invited_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Each row's rights and sites in one statement. Every site of the organization is read only
     * when a Manager is among the rows: a Manager reaches them all.
     */
    private List<MemberView> views(List<Row> rows, Supplier<List<String>> allSites) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(Row::membershipId).toList();
        Map<UUID, List<String>> rights = new HashMap<>();
        Map<UUID, List<String>> sites = new HashMap<>();
        jdbc.sql("""
                        select mr.membership_id, 'R' as kind, r.name as item, a.position as p1, r.position as p2
                        from membership_right mr
                        join access_right r on r.id = mr.right_id
                        join application a on a.id = r.application_id
                        where mr.membership_id in (:ids)
                        union all
                        select sa.membership_id, 'S' as kind, cast(sa.site_id as varchar(36)) as item, 0 as p1, 0 as p2
                        from site_access sa
                        where sa.membership_id in (:ids)
                        order by kind, p1, p2, item""")
                .param("ids", ids)
                .query((rs, n) -> {
                    UUID membership = rs.getObject(1, UUID.class);
                    (("S".equals(rs.getString(2))) ? sites : rights).computeIfAbsent(membership, k -> new ArrayList<>())
                            .add(rs.getString(3));
                    return membership;
                })
                .list();
        List<String> everySite = rows.stream().anyMatch(r -> r.role().reachesAllSites()) ? allSites.get() : List.of();
        return rows.stream().map(r -> view(r, rights.getOrDefault(r.membershipId(), List.of()),
                r.role().reachesAllSites() ? everySite : sites.getOrDefault(r.membershipId(), List.of()))).toList();
    }

    private static MemberView view(Row r, List<String> rights, List<String> sites) {
        return new MemberView(r.userId().toString(), r.firstName(), r.lastName(), r.email(), r.login(), r.position(),
                r.role(), rights, sites, r.role().reachesAllSites(), status(r), r.createdAt(), r.lastSignInAt());
    }

    private static MemberStatus status(Row r) {
        if ("DISABLED".equals(r.accountStatus())) {
            return MemberStatus.DISABLED;
        }
        if ("BLOCKED".equals(r.status())) {
            return MemberStatus.BLOCKED;
        }
        if ("INVITED".equals(r.accountStatus())) {
            return MemberStatus.NOTIFIED;
        }
        if (r.invitedAt() == null) {
            return MemberStatus.ACTIVE;
        }
        return r.lastSignInAt() != null && !r.lastSignInAt().isBefore(r.invitedAt()) ? MemberStatus.CONNECTED : MemberStatus.NOTIFIED;
    }

    private record Filter(String where, Map<String, Object> params) {
    }

    private static Filter filter(OrganizationId organization, MemberQuery query) {
        StringBuilder where = new StringBuilder("m.organization_id = :org");
        Map<String, Object> params = new HashMap<>();
        params.put("org", organization.value());
        if (query.q() != null) {
            params.put("q", likePrefix(query.q()));
            where.append(" and (m.last_name_key like :q escape '\\' or m.first_name_key like :q escape '\\'"
                    + " or m.email_key like :q escape '\\' or m.login_key like :q escape '\\')");
        }
        if (query.role() != null) {
            params.put("role", query.role().name());
            where.append(" and m.role = :role");
        }
        if (query.application() != null) {
            params.put("application", query.application());
            where.append(" and exists (select 1 from membership_right mr join access_right r on r.id = mr.right_id"
                    + " join application a on a.id = r.application_id where mr.membership_id = m.id and a.name = :application)");
        }
        if (query.right() != null) {
            params.put("right", query.right());
            where.append(" and exists (select 1 from membership_right mr join access_right r on r.id = mr.right_id"
                    + " where mr.membership_id = m.id and r.name = :right)");
        }
        if (query.site() != null) {
            params.put("site", query.site().value());
            where.append(" and (m.role = 'MANAGER' or exists (select 1 from site_access sa"
                    + " where sa.membership_id = m.id and sa.site_id = :site))");
        }
        if (query.onlyWithApplication()) {
            where.append(" and exists (select 1 from membership_right mr where mr.membership_id = m.id)");
        }
        if (!query.statuses().isEmpty()) {
            // The same reading as status(Row), in SQL; several statuses are any of them.
            String account = " exists (select 1 from user_account u2 where u2.id = m.user_id and ";
            List<String> any = new ArrayList<>();
            for (MemberStatus status : MemberStatus.values()) {
                if (!query.statuses().contains(status)) {
                    continue;
                }
                any.add(switch (status) {
                    case DISABLED -> account + "u2.status = 'DISABLED')";
                    case BLOCKED -> "m.status = 'BLOCKED' and" + account + "u2.status <> 'DISABLED')";
                    case NOTIFIED -> "m.status = 'ACTIVE' and" + account + "(u2.status = 'INVITED'"
                            + " or (u2.status = 'ACTIVE' and m.invited_at is not null"
                            + " and (u2.last_sign_in_at is null or u2.last_sign_in_at < m.invited_at))))";
                    case CONNECTED -> "m.status = 'ACTIVE' and m.invited_at is not null and" + account
                            + "u2.status = 'ACTIVE' and u2.last_sign_in_at >= m.invited_at)";
                    case ACTIVE -> "m.status = 'ACTIVE' and m.invited_at is null and" + account + "u2.status = 'ACTIVE')";
                });
            }
            where.append(" and ((").append(String.join(") or (", any)).append("))");
        }
        return new Filter(where.toString(), params);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Filter filter) {
        JdbcClient.StatementSpec bound = spec;
        for (Map.Entry<String, Object> param : filter.params().entrySet()) {
            bound = bound.param(param.getKey(), param.getValue());
        }
        return bound;
    }

    static String likePrefix(String query) {
        return query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
