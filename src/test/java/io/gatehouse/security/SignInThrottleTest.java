package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final int PER_ACCOUNT = 3;
    private static final int PER_ADDRESS = 5;
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private static final String ALICE = "alice@shop.test";
    private static final String BOB = "bob@shop.test";
    private static final String HOME = "203.0.113.7";
    private static final String OFFICE = "198.51.100.20";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final SignInThrottle throttle =
            new SignInThrottle(new SignInThrottle.Settings(PER_ACCOUNT, PER_ADDRESS, WINDOW), clock);

    @Test
    void refusesAnAccountOnceItReachesItsLimitOfFailures() {
        fail(ALICE, HOME, PER_ACCOUNT - 1);
        assertThat(throttle.refuses(ALICE, HOME)).isFalse();

        fail(ALICE, HOME, 1);

        assertThat(throttle.refuses(ALICE, HOME)).isTrue();
        assertThat(throttle.refuses(ALICE, OFFICE)).as("the account is refused from any address").isTrue();
    }

    @Test
    void treatsTheAccountNameWithoutRegardToCaseOrSurroundingSpaces() {
        fail(" Alice@Shop.TEST ", HOME, PER_ACCOUNT);

        assertThat(throttle.refuses(ALICE, OFFICE)).isTrue();
    }

    @Test
    void leavesOtherAccountsUnaffected() {
        fail(ALICE, HOME, PER_ACCOUNT);

        assertThat(throttle.refuses(BOB, OFFICE)).isFalse();
        assertThat(throttle.refuses(BOB, HOME)).as("the address is still under its own limit").isFalse();
    }

    @Test
    void refusesAnAddressThatFailsAcrossManyAccounts() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            fail("user" + i + "@shop.test", HOME, 1);
        }

        assertThat(throttle.refuses("someone.new@shop.test", HOME)).isTrue();
        assertThat(throttle.refuses("someone.new@shop.test", OFFICE)).as("the same account from elsewhere").isFalse();
    }

    @Test
    void letsTheAccountTryAgainOnceTheWindowHasPassed() {
        fail(ALICE, HOME, PER_ACCOUNT);
        clock.advance(WINDOW.minusSeconds(1));
        assertThat(throttle.refuses(ALICE, HOME)).isTrue();

        clock.advance(Duration.ofSeconds(2));

        assertThat(throttle.refuses(ALICE, HOME)).isFalse();
    }

    @Test
    void countsOnlyTheFailuresInsideTheSlidingWindow() {
        fail(ALICE, HOME, 1);
        clock.advance(Duration.ofMinutes(10));
        fail(ALICE, HOME, PER_ACCOUNT - 1);
        assertThat(throttle.refuses(ALICE, HOME)).isTrue();

        clock.advance(Duration.ofMinutes(6));

        assertThat(throttle.refuses(ALICE, HOME)).as("the oldest failure has left the window").isFalse();
        fail(ALICE, HOME, 1);
        assertThat(throttle.refuses(ALICE, HOME)).isTrue();
    }

    @Test
    void letsTheAddressTryAgainOnceTheWindowHasPassed() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            fail("user" + i + "@shop.test", HOME, 1);
        }
        clock.advance(WINDOW.plusSeconds(1));

        assertThat(throttle.refuses("someone.new@shop.test", HOME)).isFalse();
    }

    @Test
    void aSuccessfulSignInResetsTheAccountCounter() {
        fail(ALICE, HOME, PER_ACCOUNT - 1);

        throttle.succeeded(ALICE);
        fail(ALICE, HOME, PER_ACCOUNT - 1);

        assertThat(throttle.refuses(ALICE, HOME)).isFalse();
        fail(ALICE, HOME, 1);
        assertThat(throttle.refuses(ALICE, HOME)).isTrue();
    }

    @Test
    void aSuccessfulSignInDoesNotResetTheAddressCounter() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            fail("user" + i + "@shop.test", HOME, 1);
        }

        throttle.succeeded("user0@shop.test");

        assertThat(throttle.refuses("user0@shop.test", HOME)).isTrue();
    }

    @Test
    void defaultsToTenPerAccountAHundredPerAddressOverFifteenMinutes() {
        SignInThrottle.Settings defaults = new SignInThrottle.Settings(null, null, null);

        assertThat(defaults.maxFailuresPerAccount()).isEqualTo(10);
        assertThat(defaults.maxFailuresPerAddress()).isEqualTo(100);
        assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(15));
    }

    private void fail(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, address);
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
