package io.gatehouse.audit;

import io.gatehouse.shared.Audited;
import io.gatehouse.shared.CustomPlans;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes each {@link Audited} event inside the transaction that published it: if the entry cannot
 * be written, the change rolls back with it.
 */
@Component
class AuditTrail {

    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;
    private final CustomPlans customPlans;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditTrail(JdbcClient jdbc, Clock clock, CustomPlans customPlans) {
        this.customPlans = customPlans;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void record(Audited event) {
        jdbc.sql("""
                        insert into audit_entry (id, occurred_at, actor_id, actor_label, organization_id, action,
                            target_type, target_id, before_state, after_state, client_address)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), Timestamp.from(clock.instant()),
                        event.actor().userId() == null ? null : event.actor().userId().value(),
                        truncate(event.actor().label(), 500),
                        event.organizationId() == null ? null : event.organizationId().value(),
                        event.action(), event.targetType(), event.targetId(),
                        event.before() == null ? null : json.writeValueAsString(event.before()),
                        event.after() == null ? null : json.writeValueAsString(event.after()),
                        clientAddress())
                .update();
    }

    @Transactional(readOnly = true)
    PageResult<AuditEntryView> search(OrganizationId organization, UUID actor, String action, Instant from, Instant to, PageRequest page) {
        StringBuilder where = new StringBuilder("organization_id = :org");
        Map<String, Object> params = new HashMap<>();
        params.put("org", organization.value());
        if (actor != null) {
            where.append(" and actor_id = :actor");
            params.put("actor", actor);
        }
        if (action != null && !action.isBlank()) {
            where.append(" and action = :action");
            params.put("action", action.strip());
        }
        if (from != null) {
            where.append(" and occurred_at >= :from");
            params.put("from", Timestamp.from(from));
        }
        if (to != null) {
            where.append(" and occurred_at < :to");
            params.put("to", Timestamp.from(to));
        }
        customPlans.forThisTransaction();
        long total = jdbc.sql("select count(*) from audit_entry where " + where).params(params).query(Long.class).single();
        List<AuditEntryView> items = jdbc.sql("select * from audit_entry where " + where
                        + " order by occurred_at desc, id limit " + page.size() + " offset " + page.offset())
                .params(params)
                .query((rs, n) -> new AuditEntryView(rs.getString("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor_id"), rs.getString("actor_label"), rs.getString("organization_id"),
                        rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                        state(rs.getString("before_state")), state(rs.getString("after_state")), rs.getString("client_address")))
                .list();
        return new PageResult<>(items, total, page.page(), page.size());
    }

    private Map<String, Object> state(String text) {
        return text == null ? null : json.readValue(text, STATE);
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return truncate(request.getRemoteAddr(), 64);
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
