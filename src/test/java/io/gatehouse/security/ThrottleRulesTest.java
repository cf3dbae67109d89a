package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limits and waits, as a table: 10 per account or device, 100 free per address, then 1 s doubling up to 60 s. */
class ThrottleRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private static final ThrottleRules RULES = new ThrottleRules(new SignInThrottle.Settings(null, null, null, null, null, null));

    @ParameterizedTest(name = "{0} failures, window started {1} s ago -> wait {2} s")
    @CsvSource({
            "0,    0,   0",
            "9,  600,   0",
            "10, 600, 300",
            "10,   0, 900",
            "25, 899,   1"})
    void anAccountTriedFromUnknownDevicesWaitsForItsWindowOnceAtItsLimit(int failures, long startedSecondsAgo, long waitSeconds) {
        var counter = new ThrottleRules.Counter(failures, NOW.minusSeconds(startedSecondsAgo), NOW);

        assertThat(RULES.accountWait(counter, NOW)).isEqualTo(Duration.ofSeconds(waitSeconds));
    }

    @ParameterizedTest(name = "a device with {0} failures is trusted: {1}")
    @CsvSource({"0, true", "9, true", "10, false", "11, false"})
    void aKnownDeviceIsTrustedUpToTheAccountLimit(int failures, boolean trusted) {
        assertThat(RULES.trustsDevice(new ThrottleRules.Counter(failures, NOW, NOW))).isEqualTo(trusted);
    }

    @ParameterizedTest(name = "{0} failures, last attempt {1} s ago -> wait {2} s")
    @CsvSource({
            "99,   0,  0",
            "100,  0,  1",
            "100,  1,  0",
            "101,  0,  2",
            "102,  1,  3",
            "105,  0, 32",
            "106,  0, 60",
            "140, 10, 50",
            "5000, 0, 60"})
    void anAddressIsFreeUpToItsLimitThenWaitsTwiceAsLongAfterEachFurtherFailure(int failures, long lastSecondsAgo, long waitSeconds) {
        var counter = new ThrottleRules.Counter(failures, NOW.minusSeconds(600), NOW.minusSeconds(lastSecondsAgo));

        assertThat(RULES.addressWait(counter, NOW)).isEqualTo(Duration.ofSeconds(waitSeconds));
    }

    @ParameterizedTest(name = "{0} ms -> Retry-After {1}")
    @CsvSource({"1, 1", "999, 1", "1000, 1", "1001, 2", "59999, 60"})
    void retryAfterRoundsUpToWholeSeconds(long millis, long seconds) {
        assertThat(ThrottleRules.seconds(Duration.ofMillis(millis))).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "window started {0} s ago counts: {1}")
    @CsvSource({"0, true", "899, true", "900, false", "3600, false"})
    void aCounterCountsOnlyWithinItsWindow(long startedSecondsAgo, boolean counts) {
        var counter = new ThrottleRules.Counter(7, NOW.minusSeconds(startedSecondsAgo), NOW);

        assertThat(counter.current(NOW, Duration.ofMinutes(15)).failures()).isEqualTo(counts ? 7 : 0);
    }
}
