package io.gatehouse.mail;

import io.gatehouse.shared.Sampled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mail outbox as the operator watches it: mails waiting to go, those of them a mail server
 * already refused once (being tried again), those given up, and the age of the oldest waiting.
 * Read from the database, so every node tells the same.
 */
@Component
class OutboxMetrics implements MeterBinder {

    private record Figures(long queued, long retrying, long failed, Instant oldestQueued) {
    }

    private final Clock clock;
    private final Sampled<Figures> figures;

    OutboxMetrics(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.figures = new Sampled<>(() -> jdbc.sql("""
                        select sum(case when status = 'PENDING' then 1 else 0 end),
                               sum(case when status = 'PENDING' and attempts > 0 then 1 else 0 end),
                               sum(case when status = 'FAILED' then 1 else 0 end),
                               min(case when status = 'PENDING' then created_at end)
                        from mail_outbox where status in ('PENDING', 'FAILED')""")
                .query((rs, row) -> new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3), instant(rs.getTimestamp(4))))
                .single(), Duration.ofSeconds(5), clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gatehouse.mail.queued", figures, f -> f.get().queued())
                .description("Mails in the outbox waiting to be sent").register(registry);
        Gauge.builder("gatehouse.mail.retrying", figures, f -> f.get().retrying())
                .description("Mails waiting to be sent that failed at least once and will be tried again").register(registry);
        Gauge.builder("gatehouse.mail.failed", figures, f -> f.get().failed())
                .description("Mails given up after their last attempt failed").register(registry);
        Gauge.builder("gatehouse.mail.oldest.queued", figures, f -> age(f.get().oldestQueued()))
                .description("How long the oldest mail waiting to be sent has waited; 0 when none waits")
                .baseUnit("seconds").register(registry);
    }

    private double age(Instant oldest) {
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
