package io.gatehouse.mail;

import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox table: what was queued, and how each attempt to send it went. */
@Repository
class Outbox {

    private static final String COLUMNS = "id, recipient, subject, text_body, html_body, status, delivery, created_at, sent_at,"
            + " attempts, last_error, next_attempt_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    Outbox(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    void insert(UUID id, MailRequest request, MailTemplates.Rendered mail, String status, String delivery, Instant now) {
        Timestamp at = Timestamp.from(now);
        jdbc.sql("""
                        insert into mail_outbox (id, recipient, recipient_key, template, language, subject, text_body, html_body,
                            created_at, status, delivery, attempts, next_attempt_at, sent_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
                .params(id, request.to(), key(request.to()), request.template(), request.locale().getLanguage(), mail.subject(),
                        mail.text(), mail.html(), at, status, delivery, at, OutboxMail.SENT.equals(status) ? at : null)
                .update();
    }

    Optional<OutboxMail> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where id = ?").param(id).query(Outbox::row).optional();
    }

    List<OutboxMail> to(String address) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where recipient_key = ? order by created_at desc, id")
                .param(key(address)).query(Outbox::row).list();
    }

    /** Newest first; with a search, only recipients that start with it. */
    PageResult<OutboxMail> list(String search, PageRequest page) {
        String prefix = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        long total = jdbc.sql("select count(*) from mail_outbox where recipient_key like ? escape '\\'")
                .param(like).query(Long.class).single();
        List<OutboxMail> items = jdbc.sql("select " + COLUMNS + " from mail_outbox where recipient_key like ? escape '\\'"
                        + " order by created_at desc, id limit ? offset ?")
                .params(like, page.size(), page.offset()).query(Outbox::row).list();
        return new PageResult<>(items, total, page.page(), page.size());
    }

    /**
     * Claims up to {@code limit} due mails for {@code claimant} until {@code until}. The due rows are
     * picked with {@code FOR UPDATE SKIP LOCKED}, so that two nodes claiming at the same moment take
     * different rows instead of waiting for each other; the update is conditional besides, so a row
     * another node holds a live claim on is never taken.
     */
    List<OutboxMail> claim(UUID claimant, int limit, Instant now, Instant until) {
        Timestamp at = Timestamp.from(now);
        List<UUID> due = jdbc.sql("""
                        select id from mail_outbox
                        where status = 'PENDING' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)
                        order by next_attempt_at, id limit ?
                        for update skip locked""")
                .params(at, at, limit)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
        if (due.isEmpty()) {
            return List.of();
        }
        int claimed = jdbc.sql("""
                        update mail_outbox set claimed_by = :claimant, claimed_until = :until
                        where id in (:ids) and status = 'PENDING' and (claimed_until is null or claimed_until < :now)""")
                .param("claimant", claimant).param("until", Timestamp.from(until)).param("ids", due).param("now", at)
                .update();
        if (claimed == 0) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where id in (:ids) and claimed_by = :claimant and status = 'PENDING'"
                        + " order by next_attempt_at, id")
                .param("ids", due).param("claimant", claimant).query(Outbox::row).list();
    }

    /**
     * Extends the claim on one mail to {@code until}, before it is sent; false when the claim is no
     * longer {@code claimant}'s (it ran out and another node took the mail over) or the mail left.
     */
    boolean renew(UUID claimant, UUID id, Instant until) {
        return jdbc.sql("update mail_outbox set claimed_until = ? where id = ? and claimed_by = ? and status = 'PENDING'")
                .params(Timestamp.from(until), id, claimant).update() == 1;
    }

    /** Gives up the claims {@code claimant} still holds, so that another run takes those mails at once. */
    int release(UUID claimant) {
        return jdbc.sql("update mail_outbox set claimed_by = null, claimed_until = null where claimed_by = ? and status = 'PENDING'")
                .param(claimant).update();
    }

    /** Marks one claimed mail sent; false when its claim was taken over meanwhile, and then it is not touched. */
    boolean markSent(UUID claimant, UUID id, String delivery, Instant now) {
        return jdbc.sql("""
                        update mail_outbox set status = 'SENT', delivery = ?, sent_at = ?, attempts = attempts + 1,
                            last_error = null, claimed_by = null, claimed_until = null
                        where id = ? and claimed_by = ?""")
                .params(delivery, Timestamp.from(now), id, claimant).update() == 1;
    }

    /** Marks claimed mails sent at once (the Mailbox: nothing leaves); a mail claimed by another node meanwhile is not touched. */
    int markSent(UUID claimant, List<UUID> ids, String delivery, Instant now) {
        Timestamp at = Timestamp.from(now);
        int[] counts = batch.batchUpdate("""
                        update mail_outbox set status = 'SENT', delivery = ?, sent_at = ?, attempts = attempts + 1,
                            last_error = null, claimed_by = null, claimed_until = null
                        where id = ? and claimed_by = ?""",
                ids.stream().map(id -> new Object[] {delivery, at, id, claimant}).toList());
        return Arrays.stream(counts).map(c -> c == Statement.SUCCESS_NO_INFO ? 1 : c).sum();
    }

    /**
     * Records a failed attempt: tried again at {@code next}, or given up as FAILED when {@code next} is
     * null; a mail whose claim another node took over meanwhile is not touched.
     */
    int markFailed(UUID claimant, UUID id, String error, Instant next) {
        if (next == null) {
            return jdbc.sql("""
                            update mail_outbox set attempts = attempts + 1, last_error = ?, status = 'FAILED',
                                claimed_by = null, claimed_until = null
                            where id = ? and claimed_by = ?""")
                    .params(error, id, claimant).update();
        }
        return jdbc.sql("""
                        update mail_outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                            claimed_by = null, claimed_until = null
                        where id = ? and claimed_by = ?""")
                .params(error, Timestamp.from(next), id, claimant).update();
    }

    static String key(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    private static OutboxMail row(ResultSet rs, int n) throws SQLException {
        return new OutboxMail(rs.getObject("id", UUID.class), rs.getString("recipient"), rs.getString("subject"),
                rs.getString("text_body"), rs.getString("html_body"), rs.getString("status"), rs.getString("delivery"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("sent_at")), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs.getTimestamp("next_attempt_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
