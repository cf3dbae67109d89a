package io.gatehouse.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How deliveries leave.
 *
 * @param secret       derives the key that seals the webhook secrets at rest; without it a random key kept in the database
 * @param pollInterval how often the dispatcher looks for due deliveries besides being woken after a commit
 * @param batchSize    deliveries claimed and sent at once
 * @param lease        how long a claim holds; longer than a send may take (the time-outs), so two nodes never send one row at once
 * @param connectTimeout time allowed to connect to the receiver
 * @param timeout      time allowed for the whole request
 * @param firstRetry   wait after the first failure; it doubles after each further one
 * @param maxRetry     the longest wait between two attempts
 * @param giveUpAfter  how long a delivery is retried before it is given up as FAILED
 * @param rotationOverlap how long the previous secret still signs (a second signature) after a rotation
 */
@ConfigurationProperties("gatehouse.webhooks")
record WebhookSettings(
        @DefaultValue("") String secret,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetry,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("24h") Duration rotationOverlap) {

    WebhookSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("gatehouse.webhooks.batch-size must be at least 1");
        }
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("gatehouse.webhooks.first-retry must be positive and max-retry at least first-retry");
        }
        if (lease.compareTo(timeout.plus(connectTimeout).multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("gatehouse.webhooks.lease must be at least twice the time-outs");
        }
    }

    /**
     * The wait after the given number of failed attempts: first-retry doubling, at most max-retry,
     * spread by up to a fifth either way so that many receivers coming back at once are not all
     * retried in the same second. {@code spread} is in [-1, 1].
     */
    Duration retryAfter(int failedAttempts, double spread) {
        Duration wait = firstRetry;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(maxRetry) > 0) {
            wait = maxRetry;
        }
        long millis = wait.toMillis();
        long jittered = millis + Math.round(millis * 0.2 * Math.max(-1, Math.min(1, spread)));
        return Duration.ofMillis(Math.min(jittered, maxRetry.toMillis()));
    }

    Duration retryAfter(int failedAttempts) {
        return retryAfter(failedAttempts, ThreadLocalRandom.current().nextDouble(-1, 1));
    }
}
