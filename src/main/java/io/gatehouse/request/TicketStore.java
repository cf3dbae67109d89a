package io.gatehouse.request;

import static io.gatehouse.shared.FormValues.blankToNull;

import io.gatehouse.member.ApprovalRequests.Receipt;
import io.gatehouse.member.MemberView;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tickets' rows and timelines. It decides nothing: callers check the policy first and run
 * inside their own transaction.
 */
@Component
class TicketStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    TicketStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a new ticket holds: the change to apply, and the state before and after as people read it. */
    record NewTicket(OrganizationId organization, RequestType type, ActorRef requester, UserId target, String targetLabel,
            Map<String, Object> change, Map<String, Object> before, Map<String, Object> after, String reason, String note,
            String subjectKey) {

        NewTicket(OrganizationId organization, RequestType type, ActorRef requester, UserId target, String targetLabel,
                Map<String, Object> change, Map<String, Object> before, Map<String, Object> after, String reason, String note) {
            this(organization, type, requester, target, targetLabel, change, before, after, reason, note, null);
        }
    }

    Receipt insert(NewTicket ticket) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into change_request (id, organization_id, type, status, requester_id, requester_label, target_user_id,
                            target_label, change_payload, before_state, after_state, reason, note, subject_key, created_at, updated_at)
                        values (:id, :org, :type, 'OPEN', :requester, :requesterLabel, :target, :targetLabel, :change, :before,
                            :after, :reason, :note, :subject, :now, :now)""")
                .param("id", id).param("org", ticket.organization().value()).param("type", ticket.type().name())
                .param("requester", ticket.requester().userId().value()).param("requesterLabel", ticket.requester().label())
                .param("target", ticket.target() == null ? null : ticket.target().value()).param("targetLabel", ticket.targetLabel())
                .param("change", write(ticket.change())).param("before", ticket.before() == null ? null : write(ticket.before()))
                .param("after", write(ticket.after())).param("reason", ticket.reason()).param("note", blankToNull(ticket.note()))
                .param("subject", ticket.subjectKey()).param("now", Timestamp.from(clock.instant()))
                .update();
        event(id, ticket.requester(), "CREATED", blankToNull(ticket.note()));
        long number = jdbc.sql("select number from change_request where id = ?").param(id).query(Long.class).single();
        return new Receipt(id.toString(), number, RequestStatus.OPEN.name());
    }

    /** Moves an undecided ticket to its decision; only one caller can win, the others find it decided. */
    void decide(RequestView request, RequestStatus to) {
        if (request.status().decided()) {
            throw new ConflictException("status", "conflict.request.decided");
        }
        String from = to == RequestStatus.CANCELLED ? "('OPEN')" : "('OPEN', 'IN_PROGRESS')";
        int decided = jdbc.sql("update change_request set status = ?, updated_at = ?, version = version + 1 where id = ? and status in " + from)
                .params(to.name(), Timestamp.from(clock.instant()), UUID.fromString(request.id())).update();
        if (decided == 0) {
            throw new ConflictException("status", "conflict.request.decided");
        }
    }

    void assign(UUID id, ActorRef assignee) {
        int moved = jdbc.sql("""
                        update change_request set status = 'IN_PROGRESS', assignee_id = ?, assignee_label = ?, updated_at = ?,
                            version = version + 1
                        where id = ? and status in ('OPEN', 'IN_PROGRESS')""")
                .params(assignee.userId().value(), assignee.label(), Timestamp.from(clock.instant()), id).update();
        if (moved == 0) {
            throw new ConflictException("status", "conflict.request.decided");
        }
    }

    void touch(UUID id) {
        jdbc.sql("update change_request set updated_at = ? where id = ?").params(Timestamp.from(clock.instant()), id).update();
    }

    Map<String, Object> change(UUID id) {
        return read(jdbc.sql("select change_payload from change_request where id = ?").param(id).query(String.class).single());
    }

    void applied(UUID id, Map<String, Object> after) {
        jdbc.sql("update change_request set after_state = ? where id = ?").params(write(after), id).update();
    }

    void event(UUID request, ActorRef actor, String kind, String text) {
        jdbc.sql("insert into change_request_event (id, request_id, occurred_at, actor_id, actor_label, kind, text) values (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), request, Timestamp.from(clock.instant()),
                        actor.userId() == null ? null : actor.userId().value(), actor.label(), kind, text)
                .update();
    }

    Optional<RequestView> load(UUID id) {
        return jdbc.sql("""
                        select r.*, o.name as organization_name from change_request r
                        join organization o on o.id = r.organization_id where r.id = ?""")
                .param(id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** oldestFirst: the queue's order, also when it is filtered by organization; My tickets shows the newest first. */
    PageResult<RequestView> query(ChangeRequests.QueueQuery query, boolean oldestFirst, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (!query.statuses().isEmpty()) {
            where.append(" and r.status in (:statuses)");
            params.put("statuses", query.statuses().stream().map(Enum::name).toList());
        }
        if (query.organization() != null) {
            where.append(" and r.organization_id = :org");
            params.put("org", query.organization().value());
        }
        if (query.type() != null) {
            where.append(" and r.type = :type");
            params.put("type", query.type().name());
        }
        if (query.olderThan() != null) {
            where.append(" and r.created_at <= :before");
            params.put("before", Timestamp.from(clock.instant().minus(query.olderThan())));
        }
        // The tickets someone has taken on come first for them: what they are working on stays in reach.
        String mine = "";
        if (query.assignedFirst() != null) {
            mine = "case when r.assignee_id = :me then 0 else 1 end, ";
        }
        var count = jdbc.sql("select count(*) from change_request r where " + where);
        var ids = jdbc.sql("select r.id from change_request r where " + where + " order by " + mine + "r.created_at "
                + (oldestFirst ? "asc" : "desc") + ", r.number " + (oldestFirst ? "asc" : "desc") + " limit " + page.size() + " offset " + page.offset());
        for (Map.Entry<String, Object> p : params.entrySet()) {
            count = count.param(p.getKey(), p.getValue());
            ids = ids.param(p.getKey(), p.getValue());
        }
        if (query.assignedFirst() != null) {
            ids = ids.param("me", query.assignedFirst().value());
        }
        long total = count.query(Long.class).single();
        List<RequestView> items = ids.query(UUID.class).list().stream().map(i -> load(i).orElseThrow()).toList();
        return new PageResult<>(items, total, page.page(), page.size());
    }

    /**
     * The organization's requests about its members that nobody has decided yet, oldest first.
     * A new ticket's number is taken from a sequence, so the oldest open one has the lowest.
     */
    List<Pending> undecided(OrganizationId organization, UserId target, RequestType type) {
        StringBuilder sql = new StringBuilder("""
                select id, number, type, target_user_id from change_request
                where organization_id = :org and status in ('OPEN', 'IN_PROGRESS') and target_user_id is not null""");
        var params = new LinkedHashMap<String, Object>();
        params.put("org", organization.value());
        if (target != null) {
            sql.append(" and target_user_id = :target");
            params.put("target", target.value());
        }
        if (type != null) {
            sql.append(" and type = :type");
            params.put("type", type.name());
        }
        sql.append(" order by number");
        var query = jdbc.sql(sql.toString());
        for (Map.Entry<String, Object> p : params.entrySet()) {
            query = query.param(p.getKey(), p.getValue());
        }
        return query.query((rs, n) -> new Pending(rs.getObject("target_user_id", UUID.class).toString(),
                        rs.getObject("id", UUID.class).toString(), rs.getLong("number"), RequestType.valueOf(rs.getString("type"))))
                .list();
    }

    /** Undecided requests of this type about things rather than people: subject key → ticket. */
    Map<String, Pending> undecidedSubjects(OrganizationId organization, RequestType type) {
        Map<String, Pending> open = new LinkedHashMap<>();
        jdbc.sql("""
                        select id, number, type, subject_key from change_request
                        where organization_id = ? and type = ? and status in ('OPEN', 'IN_PROGRESS') and subject_key is not null
                        order by number""")
                .params(organization.value(), type.name())
                .query(rs -> {
                    open.putIfAbsent(rs.getString("subject_key"),
                            new Pending(null, rs.getObject("id", UUID.class).toString(), rs.getLong("number"), type));
                });
        return open;
    }

    /** One undecided request: whom it is about, its ticket, what it asks. */
    record Pending(String targetUserId, String requestId, long number, RequestType type) {
    }

    List<ChangeRequests.RequestingOrganization> requestingOrganizations() {
        return jdbc.sql("""
                        select o.id, o.name from organization o
                        where exists (select 1 from change_request r where r.organization_id = o.id)
                        order by lower(o.name), o.id""")
                .query((rs, n) -> new ChangeRequests.RequestingOrganization(rs.getObject("id", UUID.class).toString(), rs.getString("name")))
                .list();
    }

    /** A member's access as a ticket shows it before and after. */
    static Map<String, Object> state(MemberView member) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("role", member.role().name());
        state.put("rights", member.rights());
        state.put("sites", member.allSites() ? List.of() : member.sites());
        state.put("status", member.status().name());
        return state;
    }

    private RequestView row(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<RequestView.Event> timeline = jdbc.sql("""
                        select occurred_at, actor_label, kind, text from change_request_event
                        where request_id = ? order by occurred_at, kind""")
                .param(id)
                .query((e, n) -> new RequestView.Event(e.getTimestamp(1).toInstant(), e.getString(2), e.getString(3), e.getString(4)))
                .list();
        String before = rs.getString("before_state");
        UUID requester = rs.getObject("requester_id", UUID.class);
        UUID target = rs.getObject("target_user_id", UUID.class);
        return new RequestView(id.toString(), rs.getLong("number"), RequestType.valueOf(rs.getString("type")),
                RequestStatus.valueOf(rs.getString("status")), rs.getObject("organization_id", UUID.class).toString(),
                rs.getString("organization_name"), requester == null ? null : requester.toString(), rs.getString("requester_label"),
                target == null ? null : target.toString(), rs.getString("target_label"),
                before == null ? null : read(before), read(rs.getString("after_state")), rs.getString("reason"),
                rs.getString("note"), rs.getString("assignee_label"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), timeline);
    }

    private String write(Map<String, Object> value) {
        return json.writeValueAsString(value);
    }

    private Map<String, Object> read(String text) {
        return json.readValue(text, MAP);
    }
}
