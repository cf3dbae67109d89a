package io.gatehouse.webhook;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The applications' webhook endpoints; secrets stay sealed here and are opened only to sign. */
@Repository
class WebhookStore {

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(UUID applicationId, String url, String sealedSecret, Instant createdAt, Instant rotatedAt, String previousSealed,
            Instant previousUntil) {

        WebhookView view() {
            return new WebhookView(applicationId.toString(), url, createdAt, rotatedAt);
        }
    }

    Optional<Row> find(UUID applicationId) {
        return jdbc.sql("select application_id, url, secret_sealed, created_at, rotated_at, previous_secret_sealed, previous_until"
                        + " from application_webhook where application_id = ?")
                .param(applicationId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        instant(rs.getTimestamp(5)), rs.getString(6), instant(rs.getTimestamp(7))))
                .optional();
    }

    /** Of these applications, those with a webhook. */
    List<UUID> withWebhook(Collection<UUID> applicationIds) {
        if (applicationIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select application_id from application_webhook where application_id in (:ids)")
                .param("ids", applicationIds).query(UUID.class).list();
    }

    /** Locks the application's row so that two admins configuring it at once take turns; false when there is none. */
    boolean lockApplication(UUID applicationId) {
        return jdbc.sql("select id from application where id = ? for update").param(applicationId).query(UUID.class).optional()
                .isPresent();
    }

    void insert(UUID applicationId, String url, String sealedSecret, Instant now) {
        jdbc.sql("insert into application_webhook (application_id, url, secret_sealed, created_at) values (?, ?, ?, ?)")
                .params(applicationId, url, sealedSecret, Timestamp.from(now)).update();
    }

    void changeUrl(UUID applicationId, String url) {
        jdbc.sql("update application_webhook set url = ? where application_id = ?").params(url, applicationId).update();
    }

    /** A new secret; the one it replaces keeps signing too until {@code previousUntil}. */
    void rotate(UUID applicationId, String sealedSecret, Instant now, Instant previousUntil) {
        jdbc.sql("""
                        update application_webhook set previous_secret_sealed = secret_sealed, previous_until = ?, secret_sealed = ?,
                            rotated_at = ?
                        where application_id = ?""")
                .params(Timestamp.from(previousUntil), sealedSecret, Timestamp.from(now), applicationId).update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    boolean delete(UUID applicationId) {
        return jdbc.sql("delete from application_webhook where application_id = ?").param(applicationId).update() == 1;
    }
}
