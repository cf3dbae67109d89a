package io.gatehouse.user;

import io.gatehouse.shared.PersonName;
import io.gatehouse.mail.MailRequest;
import io.gatehouse.mail.Mails;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.LinkTokens;
import io.gatehouse.shared.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Forgot password": a single-use link by mail, valid for an hour. The answer is the same, and
 * comes as fast, whether or not the address belongs to anyone: the lookup, the link and the mail
 * are made after it, so the page tells nobody who has an account.
 */
@Service
@Transactional
public class PasswordResets {

    static final Duration VALID_FOR = Duration.ofHours(1);
    /** More requests than this for one account within the hour send nothing more. */
    static final int PER_HOUR = 5;

    private final UserAccountRepository accounts;
    private final Accounts accountService;
    private final Mails mails;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final PasswordResetWork work;
    private final TransactionTemplate transactions;

    PasswordResets(UserAccountRepository accounts, Accounts accountService, Mails mails, JdbcClient jdbc, Clock clock,
            PasswordResetWork work, PlatformTransactionManager transactionManager) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.mails = mails;
        this.jdbc = jdbc;
        this.clock = clock;
        this.work = work;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Hands the request to {@link PasswordResetWork} and returns at once: the caller's answer is
     * the same, and takes the same time, whether or not the address has an account.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void request(String email) {
        if (email == null || email.isBlank() || email.length() > 254) {
            return;
        }
        String address = email.strip();
        work.submit(() -> transactions.executeWithoutResult(status -> send(address)));
    }

    /** Sends a reset link to the account with this address, if there is one that may sign in. */
    private void send(String email) {
        Optional<UserAccount> account = accounts.findByEmailKey(UserAccount.key(email)).filter(UserAccount::active);
        if (account.isEmpty()) {
            return;
        }
        UUID user = account.get().id();
        Instant now = clock.instant();
        long recent = jdbc.sql("select count(*) from password_reset where user_id = ? and created_at > ?")
                .params(user, Timestamp.from(now.minus(Duration.ofHours(1)))).query(Long.class).single();
        if (recent >= PER_HOUR) {
            return;
        }
        String token = LinkTokens.generate();
        jdbc.sql("insert into password_reset (id, user_id, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), user, LinkTokens.digest(token), Timestamp.from(now), Timestamp.from(now.plus(VALID_FOR)))
                .update();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("name", PersonName.orEmail(account.get().firstName(), account.get().lastName(), account.get().email()));
        variables.put("link", "/password/reset?token=" + token);
        variables.put("validMinutes", VALID_FOR.toMinutes());
        mails.enqueue(new MailRequest(account.get().email(), account.get().language().locale(), "password-reset", variables));
    }

    /** The address a still-good link belongs to. */
    @Transactional(readOnly = true)
    public Optional<String> open(String token) {
        return find(token).flatMap(found -> accounts.findById(found.user())).map(UserAccount::email);
    }

    /** Sets the new password and spends the link (and any other open link of the account). */
    public void reset(String token, String newPassword) {
        Found found = find(token).orElseThrow(() -> InvalidInputException.of("token", "validation.passwordReset.expired"));
        accountService.resetPassword(new UserId(found.user()), newPassword);
        jdbc.sql("update password_reset set used_at = ? where user_id = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), found.user()).update();
    }

    private record Found(UUID id, UUID user) {
    }

    private Optional<Found> find(String token) {
        if (!LinkTokens.plausible(token)) {
            return Optional.empty();
        }
        return jdbc.sql("select id, user_id from password_reset where token_hash = ? and used_at is null and expires_at > ?")
                .params(LinkTokens.digest(token), Timestamp.from(clock.instant()))
                .query((rs, n) -> new Found(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional();
    }
}
