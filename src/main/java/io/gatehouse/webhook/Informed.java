package io.gatehouse.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which applications were told of a change and how far each delivery got: what a ticket and a
 * member's page show ("Applied 0.4 s ago · 3 of 3 applications informed").
 *
 * @param appliedAt    when the change was committed
 * @param asOf         when this was read
 * @param applications one line per application told
 */
public record Informed(Instant appliedAt, Instant asOf, List<Application> applications) {

    public Informed {
        applications = List.copyOf(applications);
    }

    /** One application: its delivery's status, and when it was received. */
    public record Application(String name, DeliveryStatus status, Instant queuedAt, Instant deliveredAt) {

        /** From the commit to the receiver's answer; null while not delivered. */
        public Duration latency() {
            return deliveredAt == null ? null : Duration.between(queuedAt, deliveredAt);
        }

        public Span latencySpan() {
            Duration latency = latency();
            return latency == null ? null : Span.of(latency);
        }
    }

    /**
     * A length of time as people read it: "less than 0.1 s", tenths of a second under ten seconds,
     * then whole seconds, minutes, hours or days. {@code unit} ends a message key ({@code webhook.span.seconds}…).
     */
    public record Span(String unit, Number amount) {

        static Span of(Duration duration) {
            long millis = Math.max(0, duration.toMillis());
            if (millis < 50) {
                return new Span("moment", 0.1);
            }
            if (millis < 10_000) {
                return new Span("seconds", Math.round(millis / 100.0) / 10.0);
            }
            if (millis < 60_000) {
                return new Span("seconds", millis / 1000);
            }
            if (millis < 3_600_000) {
                return new Span("minutes", millis / 60_000);
            }
            if (millis < 86_400_000) {
                return new Span("hours", millis / 3_600_000);
            }
            return new Span("days", millis / 86_400_000);
        }
    }

    /** How long before {@link #asOf()} the change was applied. */
    public Span ago() {
        return Span.of(Duration.between(appliedAt, asOf));
    }

    public long delivered() {
        return applications.stream().filter(a -> a.status() == DeliveryStatus.DELIVERED).count();
    }

    public int total() {
        return applications.size();
    }

    /** The slowest delivery so far, or null when none has arrived: "informed within …". */
    public Duration slowest() {
        return applications.stream().map(Application::latency).filter(java.util.Objects::nonNull)
                .max(Duration::compareTo).orElse(null);
    }

    static Informed of(List<Application> applications, Instant asOf) {
        if (applications.isEmpty()) {
            return null;
        }
        Instant applied = applications.stream().map(Application::queuedAt).min(Instant::compareTo).orElseThrow();
        return new Informed(applied, asOf, applications);
    }
}
