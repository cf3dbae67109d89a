package io.gatehouse.licence;

import io.gatehouse.shared.TooManyRequestsException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Against guessing licence keys and activation ids: failed attempts per client address are counted
 * in the database, so every node sees the same count, and once an address reaches the limit within
 * the window it is refused until the window has passed. The address is kept as its SHA-256.
 */
@Component
class ActivationThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    ActivationThrottle(JdbcClient jdbc, Clock clock,
            @Value("${gatehouse.activations.max-failures-per-address:20}") int maxFailures,
            @Value("${gatehouse.activations.window:15m}") Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    @Transactional(readOnly = true)
    public void check(String address) {
        Instant now = clock.instant();
        jdbc.sql("select failures, window_started_at from activation_attempt where counter_key = ?").param(key(address))
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getTimestamp(2).toInstant()})
                .optional()
                .ifPresent(row -> {
                    Instant started = (Instant) row[1];
                    Instant ends = started.plus(window);
                    if ((int) row[0] >= maxFailures && ends.isAfter(now)) {
                        Duration wait = Duration.between(now, ends);
                        throw new TooManyRequestsException("activation.throttled", wait, Math.max(1, wait.toMinutes()));
                    }
                });
    }

    /** Counted in a transaction of its own: the failed attempt's own work is rolled back, its count is not. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String address) {
        String key = key(address);
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp windowStart = Timestamp.from(clock.instant().minus(window));
        int changed = jdbc.sql("""
                        update activation_attempt set
                          failures = case when window_started_at <= :windowStart then 1 else failures + 1 end,
                          window_started_at = case when window_started_at <= :windowStart then :now else window_started_at end
                        where counter_key = :key""")
                .param("windowStart", windowStart).param("now", now).param("key", key).update();
        if (changed == 0) {
            try {
                jdbc.sql("insert into activation_attempt (counter_key, failures, window_started_at) values (?, 1, ?)")
                        .params(key, now).update();
            } catch (DuplicateKeyException counted) {
                // another node counted this address's first failure at the same moment: one count is enough
            }
        }
    }

    private static String key(String address) {
        return HexFormat.of().formatHex(LicenceVault.sha256("activation|" + (address == null ? "" : address)));
    }
}
