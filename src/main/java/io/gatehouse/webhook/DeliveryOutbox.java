package io.gatehouse.webhook;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The delivery outbox: what is to be told to which application, and how each attempt went. */
@Repository
class DeliveryOutbox {

    private static final String COLUMNS = "d.id, d.application_id, d.kind, d.event_id, d.organization_id, d.user_id,"
            + " d.change_request_id, d.payload, d.status, d.attempts, d.next_attempt_at, d.last_error, d.last_status_code,"
            + " d.created_at, d.delivered_at";

    private final JdbcClient jdbc;

    DeliveryOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a delivery, due at {@code due}, retried until {@code retryUntil}. */
    UUID insert(NewDelivery delivery, Instant now, Instant due, Instant retryUntil) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into webhook_delivery (id, application_id, kind, event_id, organization_id, user_id, change_request_id,
                            payload, status, attempts, next_attempt_at, retry_until, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)""")
                .params(id, delivery.applicationId(), delivery.kind(), "msg_" + id.toString().replace("-", ""),
                        delivery.organizationId().value(), delivery.userId().value(), delivery.changeRequestId(), delivery.payload(),
                        Timestamp.from(due), Timestamp.from(retryUntil), Timestamp.from(now))
                .update();
        return id;
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code claimant} until {@code until}. The due rows
     * are picked with {@code FOR UPDATE SKIP LOCKED}, so that two nodes claiming at the same moment
     * take different rows instead of waiting for each other; the update is conditional besides, so a
     * row another node holds a live claim on is never taken.
     */
    List<Claimed> claim(UUID claimant, int limit, Instant now, Instant until) {
        Timestamp at = Timestamp.from(now);
        List<UUID> due = jdbc.sql("""
                        select id from webhook_delivery
                        where status in ('PENDING', 'RETRYING') and next_attempt_at <= ? and (leased_until is null or leased_until < ?)
                        order by next_attempt_at, id limit ?
                        for update skip locked""")
                .params(at, at, limit)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
        if (due.isEmpty()) {
            return List.of();
        }
        int claimed = jdbc.sql("""
                        update webhook_delivery set leased_by = :claimant, leased_until = :until
                        where id in (:ids) and status in ('PENDING', 'RETRYING') and (leased_until is null or leased_until < :now)""")
                .param("claimant", claimant).param("until", Timestamp.from(until)).param("ids", due).param("now", at)
                .update();
        if (claimed == 0) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + ", d.retry_until from webhook_delivery d"
                        + " where d.id in (:ids) and d.leased_by = :claimant and d.status in ('PENDING', 'RETRYING')"
                        + " order by d.next_attempt_at, d.id")
                .param("ids", due).param("claimant", claimant)
                .query((rs, n) -> new Claimed(delivery(rs), instant(rs.getTimestamp("retry_until")))).list();
    }

    /** A claimed delivery, and until when it may still be retried. */
    record Claimed(Delivery delivery, Instant retryUntil) {
    }

    /** Records the receiver's 2xx; false when the claim was taken over meanwhile, and then nothing is touched. */
    boolean delivered(UUID claimant, UUID id, int statusCode, Instant now) {
        return jdbc.sql("""
                        update webhook_delivery set status = 'DELIVERED', delivered_at = ?, attempts = attempts + 1, last_status_code = ?,
                            last_error = null, leased_by = null, leased_until = null
                        where id = ? and leased_by = ?""")
                .params(Timestamp.from(now), statusCode, id, claimant).update() == 1;
    }

    /** Records a failed attempt: tried again at {@code next}, or given up as FAILED when {@code next} is null. */
    boolean failed(UUID claimant, UUID id, Integer statusCode, String error, Instant next) {
        return jdbc.sql("""
                        update webhook_delivery set status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?,
                            next_attempt_at = coalesce(?, next_attempt_at), leased_by = null, leased_until = null
                        where id = ? and leased_by = ?""")
                .params(next == null ? "FAILED" : "RETRYING", statusCode, truncate(error), next == null ? null : Timestamp.from(next),
                        id, claimant)
                .update() == 1;
    }

    /** Gives up the claims {@code claimant} still holds, so that another run takes those rows at once. */
    void release(UUID claimant) {
        jdbc.sql("update webhook_delivery set leased_by = null, leased_until = null where leased_by = ?").param(claimant).update();
    }

    /** A failed or retrying delivery made due now, and retried for a new while; false when it is in no such state. */
    boolean retryNow(UUID applicationId, UUID id, Instant now, Instant retryUntil) {
        return jdbc.sql("""
                        update webhook_delivery set status = 'RETRYING', next_attempt_at = ?, retry_until = ?
                        where id = ? and application_id = ? and status in ('FAILED', 'RETRYING')""")
                .params(Timestamp.from(now), Timestamp.from(retryUntil), id, applicationId).update() == 1;
    }

    Optional<DeliveryView> find(UUID applicationId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_delivery d where d.id = ? and d.application_id = ?")
                .params(id, applicationId).query(DeliveryOutbox::view).optional();
    }

    /** An application's deliveries, newest first; only those of one status when it is given. */
    PageResult<DeliveryView> list(UUID applicationId, DeliveryStatus status, PageRequest page) {
        String where = " where d.application_id = :app" + (status == null ? "" : " and d.status = :status");
        var count = jdbc.sql("select count(*) from webhook_delivery d" + where).param("app", applicationId);
        var items = jdbc.sql("select " + COLUMNS + " from webhook_delivery d" + where
                        + " order by d.created_at desc, d.id limit :limit offset :offset")
                .param("app", applicationId).param("limit", page.size()).param("offset", page.offset());
        if (status != null) {
            count = count.param("status", status.name());
            items = items.param("status", status.name());
        }
        return new PageResult<>(items.query(DeliveryOutbox::view).list(), count.query(Long.class).single(), page.page(), page.size());
    }

    /** The webhooks sent for a change request, with their application's name. */
    List<Informed.Application> forChangeRequest(UUID changeRequestId) {
        return informed("d.change_request_id = :key", "key", changeRequestId, null);
    }

    /** The webhooks of the newest change of this person's access in this organization that had any. */
    List<Informed.Application> latestForMember(OrganizationId organization, UserId user) {
        return jdbc.sql("""
                        select created_at from webhook_delivery where organization_id = ? and user_id = ? and kind = 'WEBHOOK'
                        order by created_at desc limit 1""")
                .params(organization.value(), user.value()).query(Timestamp.class).optional()
                .map(newest -> informed("d.organization_id = :key and d.user_id = :user and d.created_at = :at", "key",
                        organization.value(), new Object[] {user.value(), newest}))
                .orElse(List.of());
    }

    private List<Informed.Application> informed(String where, String keyName, Object key, Object[] member) {
        var query = jdbc.sql("select a.name, d.status, d.created_at, d.delivered_at from webhook_delivery d"
                        + " join application a on a.id = d.application_id where d.kind = 'WEBHOOK' and " + where
                        + " order by a.position, a.name, d.created_at")
                .param(keyName, key);
        if (member != null) {
            query = query.param("user", member[0]).param("at", member[1]);
        }
        return query.query((rs, n) -> new Informed.Application(rs.getString("name"), DeliveryStatus.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("delivered_at")))).list();
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        UUID request = rs.getObject("change_request_id", UUID.class);
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("application_id", UUID.class), rs.getString("kind"),
                rs.getString("event_id"), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                new UserId(rs.getObject("user_id", UUID.class)), request, rs.getString("payload"), rs.getInt("attempts"),
                instant(rs.getTimestamp("created_at")));
    }

    private static DeliveryView view(ResultSet rs, int n) throws SQLException {
        UUID request = rs.getObject("change_request_id", UUID.class);
        int code = rs.getInt("last_status_code");
        Integer statusCode = rs.wasNull() ? null : code;
        return new DeliveryView(rs.getObject("id", UUID.class).toString(), rs.getObject("application_id", UUID.class).toString(),
                rs.getString("kind"), rs.getString("event_id"), rs.getObject("organization_id", UUID.class).toString(),
                rs.getObject("user_id", UUID.class).toString(), request == null ? null : request.toString(),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), statusCode, rs.getString("last_error"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("next_attempt_at")),
                instant(rs.getTimestamp("delivered_at")));
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
