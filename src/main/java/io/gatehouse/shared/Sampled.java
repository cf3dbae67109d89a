package io.gatehouse.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A figure read from the database for the metrics, kept a few seconds: several gauges fed by one query,
 * and scrapes from several collectors, then cost one query. Every node reads the same rows, so each
 * reports the same figure.
 */
public final class Sampled<T> {

    private final Supplier<T> reading;
    private final Duration keptFor;
    private final Clock clock;
    private T value;
    private Instant readAt = Instant.MIN;

    public Sampled(Supplier<T> reading, Duration keptFor, Clock clock) {
        if (keptFor.isNegative()) {
            throw new IllegalArgumentException("keptFor must not be negative");
        }
        this.reading = reading;
        this.keptFor = keptFor;
        this.clock = clock;
    }

    public synchronized T get() {
        Instant now = clock.instant();
        if (value == null || !now.isBefore(readAt.plus(keptFor))) {
            value = reading.get();
            readAt = now;
        }
        return value;
    }
}
