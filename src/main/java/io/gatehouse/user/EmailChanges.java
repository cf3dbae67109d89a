package io.gatehouse.user;

import io.gatehouse.shared.PersonName;
import io.gatehouse.mail.MailRequest;
import io.gatehouse.mail.Mails;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.LinkTokens;
import io.gatehouse.shared.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Email changes waiting for the new address to confirm them: a single-use link to the new
 * address, and a notice to the old one, so the owner hears of it before anything changes.
 * Runs in the transaction of the change that starts or confirms it.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class EmailChanges {

    static final Duration VALID_FOR = Duration.ofHours(24);
    static final String CONFIRM_PATH = "/account/email/confirm";

    private final JdbcClient jdbc;
    private final Mails mails;
    private final Clock clock;

    EmailChanges(JdbcClient jdbc, Mails mails, Clock clock) {
        this.jdbc = jdbc;
        this.mails = mails;
        this.clock = clock;
    }

    /** A change the new address has yet to confirm. */
    record Pending(UUID id, UserId userId, String newEmail, UserId requestedBy, String requestedByLabel) {

        ActorRef requester() {
            return new ActorRef(requestedBy, requestedByLabel);
        }
    }

    /** Starts a change; an earlier one still open for the account no longer counts. */
    void start(UserAccount account, String newEmail, ActorRef by) {
        cancelOpen(new UserId(account.id()));
        String token = LinkTokens.generate();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into pending_email_change (id, user_id, new_email, token_hash, requested_by, requested_by_label,
                                                          created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), account.id(), newEmail, LinkTokens.digest(token),
                        by.userId() == null ? null : by.userId().value(), label(by), Timestamp.from(now),
                        Timestamp.from(now.plus(VALID_FOR)))
                .update();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("name", name(account));
        variables.put("newEmail", newEmail);
        variables.put("link", CONFIRM_PATH + "?token=" + token);
        variables.put("validHours", VALID_FOR.toHours());
        mails.enqueue(new MailRequest(newEmail, account.language().locale(), "email-change-confirm", variables));
    }

    /** Tells the account's current address of a change: started ({@code pending}) or made. */
    void notifyOldAddress(UserAccount account, String oldEmail, String newEmail, ActorRef by, boolean pending) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("name", name(account));
        variables.put("newEmail", newEmail);
        variables.put("by", by.label());
        variables.put("pending", pending);
        variables.put("link", "/signin");
        mails.enqueue(new MailRequest(oldEmail, account.language().locale(), "email-change-notice", variables));
    }

    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    Optional<Pending> open(String token) {
        if (!LinkTokens.plausible(token)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select id, user_id, new_email, requested_by, requested_by_label from pending_email_change
                        where token_hash = ? and confirmed_at is null and cancelled_at is null and expires_at > ?""")
                .params(LinkTokens.digest(token), Timestamp.from(clock.instant()))
                .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), new UserId(rs.getObject(2, UUID.class)), rs.getString(3),
                        rs.getObject(4, UUID.class) == null ? null : new UserId(rs.getObject(4, UUID.class)), rs.getString(5)))
                .optional();
    }

    /** The newest address still waiting for its confirmation, if any. */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    Optional<String> pendingFor(UserId user) {
        List<String> open = jdbc.sql("""
                        select new_email from pending_email_change
                        where user_id = ? and confirmed_at is null and cancelled_at is null and expires_at > ?
                        order by created_at desc""")
                .params(user.value(), Timestamp.from(clock.instant()))
                .query(String.class).list();
        return open.stream().findFirst();
    }

    /** Spends the link; false when it was spent (or cancelled) meanwhile, so one link changes the address once. */
    boolean spend(UUID id) {
        return jdbc.sql("update pending_email_change set confirmed_at = ? where id = ? and confirmed_at is null and cancelled_at is null")
                .params(Timestamp.from(clock.instant()), id).update() == 1;
    }

    void cancel(UUID id) {
        jdbc.sql("update pending_email_change set cancelled_at = ? where id = ? and confirmed_at is null and cancelled_at is null")
                .params(Timestamp.from(clock.instant()), id).update();
    }

    void cancelOpen(UserId user) {
        jdbc.sql("update pending_email_change set cancelled_at = ? where user_id = ? and confirmed_at is null and cancelled_at is null")
                .params(Timestamp.from(clock.instant()), user.value()).update();
    }

    private static String name(UserAccount account) {
        return PersonName.orEmail(account.firstName(), account.lastName(), account.email());
    }

    private static String label(ActorRef by) {
        return by.label().length() > 300 ? by.label().substring(0, 300) : by.label();
    }
}
