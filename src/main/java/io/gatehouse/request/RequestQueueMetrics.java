package io.gatehouse.request;

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
 * The support queue as the operator watches it: how many requests wait for a decision (open or
 * taken on), and how long the oldest of them has waited. Read from the database, so every node
 * tells the same.
 */
@Component
class RequestQueueMetrics implements MeterBinder {

    private record Queue(long pending, Instant oldest) {
    }

    private final Clock clock;
    private final Sampled<Queue> queue;

    RequestQueueMetrics(JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.queue = new Sampled<>(() -> jdbc.sql("""
                        select count(*), min(created_at) from change_request where status in ('OPEN', 'IN_PROGRESS')""")
                .query((rs, row) -> new Queue(rs.getLong(1), instant(rs.getTimestamp(2)))).single(), Duration.ofSeconds(5), clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gatehouse.support.requests.pending", queue, q -> q.get().pending())
                .description("Requests in the support queue waiting for a decision (open or in progress)").register(registry);
        Gauge.builder("gatehouse.support.requests.oldest.pending", queue, q -> age(q.get().oldest()))
                .description("How long the oldest request waiting in the support queue has waited; 0 when none waits")
                .baseUnit("seconds").register(registry);
    }

    private double age(Instant oldest) {
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
