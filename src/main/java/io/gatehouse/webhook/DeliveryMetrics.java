package io.gatehouse.webhook;

import io.gatehouse.shared.Sampled;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Webhook deliveries as the operator watches them: waiting to be delivered, being retried after a
 * refusal, and given up. Read from the database, so every node tells the same.
 */
@Component
class DeliveryMetrics implements MeterBinder {

    private record Figures(long pending, long retrying, long failed) {
    }

    private final Sampled<Figures> figures;

    DeliveryMetrics(JdbcClient jdbc, Clock clock) {
        this.figures = new Sampled<>(() -> jdbc.sql("""
                        select sum(case when status in ('PENDING', 'RETRYING') then 1 else 0 end),
                               sum(case when status = 'RETRYING' then 1 else 0 end),
                               sum(case when status = 'FAILED' then 1 else 0 end)
                        from webhook_delivery where status in ('PENDING', 'RETRYING', 'FAILED')""")
                .query((rs, row) -> new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single(), Duration.ofSeconds(5), clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gatehouse.webhook.deliveries.pending", figures, f -> f.get().pending())
                .description("Webhook deliveries waiting to be delivered (first attempt or a retry)").register(registry);
        Gauge.builder("gatehouse.webhook.deliveries.retrying", figures, f -> f.get().retrying())
                .description("Webhook deliveries refused at least once and to be tried again").register(registry);
        Gauge.builder("gatehouse.webhook.deliveries.failed", figures, f -> f.get().failed())
                .description("Webhook deliveries given up").register(registry);
    }
}
