package io.gatehouse.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed sign-ins, counted in the database so that every node enforces the same limits. An attempt
 * is counted before its password is checked (the counter row is locked while it is read and raised),
 * so parallel guesses cannot slip past a limit; a right password takes its count back.
 * <p>
 * What is counted and allowed is {@link ThrottleRules}; here is only how counts are kept.
 */
@Component
class SignInThrottle {

    @ConfigurationProperties("gatehouse.sign-in")
    record Settings(Integer maxFailuresPerAccount, Integer maxFailuresPerAddress, Duration window, Duration addressDelay,
            Duration maxAddressDelay, Duration deviceValidFor) {

        Settings {
            maxFailuresPerAccount = maxFailuresPerAccount == null ? 10 : maxFailuresPerAccount;
            maxFailuresPerAddress = maxFailuresPerAddress == null ? 100 : maxFailuresPerAddress;
            window = window == null ? Duration.ofMinutes(15) : window;
            addressDelay = addressDelay == null ? Duration.ofSeconds(1) : addressDelay;
            maxAddressDelay = maxAddressDelay == null ? Duration.ofMinutes(1) : maxAddressDelay;
            deviceValidFor = deviceValidFor == null ? Duration.ofDays(180) : deviceValidFor;
            if (maxFailuresPerAccount < 1 || maxFailuresPerAddress < 1) {
                throw new IllegalArgumentException("gatehouse.sign-in.max-failures-* must be at least 1");
            }
            if (!positive(window) || !positive(addressDelay) || maxAddressDelay.compareTo(addressDelay) < 0
                    || !positive(deviceValidFor)) {
                throw new IllegalArgumentException("gatehouse.sign-in durations must be positive, max-address-delay at least address-delay");
            }
        }

        private static boolean positive(Duration duration) {
            return !duration.isNegative() && !duration.isZero();
        }
    }

    /**
     * Who tries to sign in: the account (its id when it exists, else the name typed), the device
     * cookie's id when the request brought a valid one for that account, and the client address.
     */
    record Attempt(String account, Optional<String> device, String address) {

        Attempt {
            account = account == null ? "" : account;
            device = device == null ? Optional.empty() : device;
            address = address == null ? "" : address;
        }

        static String typedName(String name) {
            return "name:" + (name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** An attempt let through: which counters it raised, to take back if the password was right. */
    record Admission(String counted, String address) {
    }

    enum Kind { ACCOUNT, DEVICE, ADDRESS }

    private static final int TRIES = 5;

    private final ThrottleRules rules;
    private final Settings settings;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SignInThrottle(Settings settings, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.settings = settings;
        this.rules = new ThrottleRules(settings);
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Counts the attempt and lets it through, or refuses it without counting it.
     *
     * @throws SignInThrottledException when it must wait, with how long
     */
    Admission admit(Attempt attempt) {
        for (int tries = 1; ; tries++) {
            try {
                Instant now = clock.instant();
                Admission admission = transaction.execute(status -> admitNow(attempt, now));
                if (admission == null) {
                    throw new IllegalStateException("no admission");
                }
                return admission;
            } catch (DuplicateKeyException | PessimisticLockingFailureException firstOfTwo) {
                // Two attempts made the same new counter at once, or the database chose this one to give way:
                // the rows exist now, so counting again locks them.
                if (tries == TRIES) {
                    throw firstOfTwo;
                }
            }
        }
    }

    private Admission admitNow(Attempt attempt, Instant now) {
        if (attempt.device().isPresent()) {
            Locked device = lock(key(Kind.DEVICE, attempt.device().get()), now);
            if (rules.trustsDevice(device.counter())) {
                save(device, Kind.DEVICE, device.counter().plusOne(now));
                return new Admission(device.key(), null);
            }
            // A device that failed too often is a stranger again until its window passes.
        }
        // Always the account first, then the address: two attempts never wait for each other's second lock.
        Locked account = lock(key(Kind.ACCOUNT, attempt.account()), now);
        Locked address = lock(key(Kind.ADDRESS, attempt.address()), now);
        Duration wait = ThrottleRules.longer(rules.accountWait(account.counter(), now), rules.addressWait(address.counter(), now));
        if (positive(wait)) {
            throw new SignInThrottledException(ThrottleRules.seconds(wait));
        }
        save(account, Kind.ACCOUNT, account.counter().plusOne(now));
        save(address, Kind.ADDRESS, address.counter().plusOne(now));
        return new Admission(account.key(), address.key());
    }

    /**
     * The password was right: the account (or device) starts afresh, and the address gets its count
     * back, though not the time it waited.
     */
    void succeeded(Admission admission) {
        // Two statements, each its own transaction: holding the account's row while waiting for the
        // address's would deadlock with an attempt that holds the address and inserts the account anew.
        jdbc.sql("delete from sign_in_attempt where counter_key = ?").param(admission.counted()).update();
        if (admission.address() != null) {
            jdbc.sql("update sign_in_attempt set failures = failures - 1 where counter_key = ? and failures > 0")
                    .param(admission.address()).update();
        }
    }

    /** Counters whose window has passed count nothing: they go, so the table stays as small as the attacks of one window. */
    @Scheduled(fixedDelayString = "${gatehouse.sign-in.sweep-interval:5m}", initialDelayString = "${gatehouse.sign-in.sweep-interval:5m}")
    int sweep() {
        return jdbc.sql("delete from sign_in_attempt where window_started_at <= ?")
                .param(Timestamp.from(clock.instant().minus(settings.window()))).update();
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /** The counter as it stands, its row locked until the transaction ends; {@code null} when there is no row yet. */
    private Locked lock(String key, Instant now) {
        return jdbc.sql("select failures, window_started_at, last_attempt_at from sign_in_attempt where counter_key = ? for update")
                .param(key)
                .query((rs, n) -> new ThrottleRules.Counter(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()))
                .optional()
                .map(counter -> new Locked(key, true, counter.current(now, settings.window())))
                .orElseGet(() -> new Locked(key, false, ThrottleRules.Counter.NONE));
    }

    private record Locked(String key, boolean exists, ThrottleRules.Counter counter) {
    }

    /**
     * Updates the row read under lock, or inserts it when there was none: an update then could
     * overwrite a row another attempt inserted meanwhile, so the insert fails instead and the
     * attempt is counted again, this time under the row's lock.
     */
    private void save(Locked locked, Kind kind, ThrottleRules.Counter counter) {
        if (locked.exists()) {
            jdbc.sql("update sign_in_attempt set failures = ?, window_started_at = ?, last_attempt_at = ? where counter_key = ?")
                    .params(counter.failures(), Timestamp.from(counter.windowStartedAt()), Timestamp.from(counter.lastAttemptAt()),
                            locked.key())
                    .update();
            return;
        }
        jdbc.sql("""
                        insert into sign_in_attempt (counter_key, kind, failures, window_started_at, last_attempt_at)
                        values (?, ?, ?, ?, ?)""")
                .params(locked.key(), kind.name(), counter.failures(), Timestamp.from(counter.windowStartedAt()),
                        Timestamp.from(counter.lastAttemptAt()))
                .update();
    }

    /** A digest, not the value: what people type as their email is sometimes their password. */
    static String key(Kind kind, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
