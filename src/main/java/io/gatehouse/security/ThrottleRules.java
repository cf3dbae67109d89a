package io.gatehouse.security;

import java.time.Duration;
import java.time.Instant;

/**
 * How many failed sign-ins are allowed, and how long to wait after them.
 * <ul>
 * <li>An account tried from devices it has never signed in from: after {@code maxFailuresPerAccount}
 * failures within the window, refused from such devices until the window (counted from the first
 * failure) has passed.</li>
 * <li>A device the account signed in from before (a valid device cookie): it has a count of its own
 * with the same limit, so strangers failing on the account never shut its owner out; over its limit
 * the device is treated as unknown.</li>
 * <li>A client address: {@code maxFailuresPerAddress} failures within the window are free; after
 * that each attempt must wait after the previous one, the wait doubling with every further failure
 * from {@code addressDelay} up to {@code maxAddressDelay}. Slowed down, never shut out: many people
 * share one address behind a proxy or a NAT.</li>
 * </ul>
 */
final class ThrottleRules {

    /** Failures counted within a window, when it started and when the last attempt was let through. */
    record Counter(int failures, Instant windowStartedAt, Instant lastAttemptAt) {

        static final Counter NONE = new Counter(0, null, null);

        /** The count as it stands now: nothing once its window has passed. */
        Counter current(Instant now, Duration window) {
            return windowStartedAt == null || !windowStartedAt.plus(window).isAfter(now) ? NONE : this;
        }

        Counter plusOne(Instant now) {
            return new Counter(failures + 1, windowStartedAt == null ? now : windowStartedAt, now);
        }
    }

    private final SignInThrottle.Settings settings;

    ThrottleRules(SignInThrottle.Settings settings) {
        this.settings = settings;
    }

    Duration accountWait(Counter account, Instant now) {
        if (account.failures() < settings.maxFailuresPerAccount()) {
            return Duration.ZERO;
        }
        return positive(Duration.between(now, account.windowStartedAt().plus(settings.window())));
    }

    boolean trustsDevice(Counter device) {
        return device.failures() < settings.maxFailuresPerAccount();
    }

    Duration addressWait(Counter address, Instant now) {
        int beyond = address.failures() - settings.maxFailuresPerAddress();
        if (beyond < 0) {
            return Duration.ZERO;
        }
        return positive(Duration.between(now, address.lastAttemptAt().plus(delayAfter(beyond))));
    }

    /** The wait before the next attempt once {@code beyond} failures exceed the free ones: 1, 2, 4, 8… times the base. */
    Duration delayAfter(int beyond) {
        Duration delay = settings.addressDelay().multipliedBy(1L << Math.min(beyond, 30));
        return delay.compareTo(settings.maxAddressDelay()) > 0 || delay.isNegative() ? settings.maxAddressDelay() : delay;
    }

    static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Whole seconds for Retry-After, rounded up, at least one. */
    static long seconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
