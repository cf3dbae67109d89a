package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The counts as the database keeps them, with a clock moved by hand. Each test uses accounts,
 * devices and addresses of its own, so tests sharing the database never meet each other's counts.
 */
@IntegrationTest
class SignInThrottleTest {

    private static final int PER_ACCOUNT = 3;
    private static final int PER_ADDRESS = 5;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(8);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    private final String alice = "id:" + TestData.unique("alice");
    private final String bob = "id:" + TestData.unique("bob");
    private final String home = address();
    private final String office = address();

    private SignInThrottle throttle() {
        return new SignInThrottle(new SignInThrottle.Settings(PER_ACCOUNT, PER_ADDRESS, WINDOW, DELAY, MAX_DELAY, null),
                jdbc, transactions, clock);
    }

    @Test
    void refusesAnAccountFromUnknownDevicesOnceItReachesItsLimitFromAnyAddress() {
        SignInThrottle throttle = throttle();
        fail(throttle, alice, home, PER_ACCOUNT);

        assertThatThrownBy(() -> throttle.admit(unknown(alice, home))).isInstanceOf(SignInThrottledException.class)
                .extracting(e -> ((SignInThrottledException) e).retryAfterSeconds()).isEqualTo(WINDOW.toSeconds());
        assertThat(refuses(throttle, unknown(alice, office))).as("the account is refused from any address").isTrue();
        assertThat(refuses(throttle, unknown(bob, home))).as("other accounts, and the address, are under their limits").isFalse();
    }

    @Test
    void treatsATypedNameWithoutRegardToCaseOrSurroundingSpaces() {
        SignInThrottle throttle = throttle();
        String name = TestData.unique("Carol") + "@Shop.TEST";
        fail(throttle, SignInThrottle.Attempt.typedName(" " + name + " "), home, PER_ACCOUNT);

        assertThat(refuses(throttle, unknown(SignInThrottle.Attempt.typedName(name.toLowerCase()), office))).isTrue();
    }

    @Test
    void aKnownDeviceSignsInWhileStrangersAreLockedOutOfTheAccount() {
        SignInThrottle throttle = throttle();
        String device = TestData.unique("device");
        fail(throttle, alice, home, PER_ACCOUNT);
        assertThat(refuses(throttle, unknown(alice, office))).isTrue();

        SignInThrottle.Admission owner = throttle.admit(known(alice, device, office));
        throttle.succeeded(owner);

        assertThat(refuses(throttle, unknown(alice, home))).as("a success from the known device frees no stranger").isTrue();
        assertThat(refuses(throttle, known(alice, device, home))).isFalse();
    }

    @Test
    void aKnownDeviceThatFailsTooOftenIsAStrangerAgain() {
        SignInThrottle throttle = throttle();
        String device = TestData.unique("device");
        for (int i = 0; i < PER_ACCOUNT; i++) {
            throttle.admit(known(alice, device, home));
        }
        assertThat(refuses(throttle, known(alice, device, home))).as("still under the account's own limit as a stranger").isFalse();

        fail(throttle, alice, office, PER_ACCOUNT);

        assertThat(refuses(throttle, known(alice, device, home))).isTrue();
    }

    @Test
    void beyondItsFreeFailuresAnAddressWaitsTwiceAsLongAfterEachFurtherFailureUpToTheMaximum() {
        SignInThrottle throttle = throttle();
        for (int i = 0; i < PER_ADDRESS; i++) {
            throttle.admit(unknown("id:" + TestData.unique("guess"), home));
        }
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String account = "id:" + TestData.unique("guess");
            try {
                throttle.admit(unknown(account, home));
                throw new AssertionError("admitted without waiting");
            } catch (SignInThrottledException e) {
                waits.add(e.retryAfterSeconds());
                clock.advance(Duration.ofSeconds(e.retryAfterSeconds()));
            }
            throttle.admit(unknown(account, home));
        }

        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 8L, 8L);
        assertThat(refuses(throttle, unknown(alice, office))).as("other addresses do not wait").isFalse();
    }

    @Test
    void anAddressIsSlowedDownNotShutOut() {
        SignInThrottle throttle = throttle();
        for (int i = 0; i < PER_ADDRESS * 20; i++) {
            try {
                throttle.admit(unknown("id:" + TestData.unique("guess"), home));
            } catch (SignInThrottledException e) {
                clock.advance(Duration.ofSeconds(e.retryAfterSeconds()));
            }
        }
        clock.advance(MAX_DELAY);

        assertThat(refuses(throttle, unknown(bob, home))).isFalse();
    }

    @Test
    void letsTheAccountTryAgainOnceItsWindowHasPassed() {
        SignInThrottle throttle = throttle();
        fail(throttle, alice, home, PER_ACCOUNT);
        clock.advance(WINDOW.minusSeconds(1));
        assertThat(refuses(throttle, unknown(alice, home))).isTrue();

        clock.advance(Duration.ofSeconds(1));

        assertThat(refuses(throttle, unknown(alice, home))).isFalse();
    }

    @Test
    void aSuccessfulSignInResetsTheAccountButGivesTheAddressBackOnlyItsOwnAttempt() {
        SignInThrottle throttle = throttle();
        fail(throttle, alice, home, PER_ACCOUNT - 1);
        throttle.succeeded(throttle.admit(unknown(alice, home)));
        fail(throttle, alice, home, PER_ACCOUNT - 1);
        assertThat(refuses(throttle, unknown(alice, office))).as("the account started afresh").isFalse();

        fail(throttle, bob, home, 1);

        assertThat(refuses(throttle, unknown("id:" + TestData.unique("dave"), home)))
                .as("the address has its five failures: the success took back its own attempt only").isTrue();
    }

    @Test
    void twoNodesShareTheCounts() {
        SignInThrottle one = throttle();
        SignInThrottle other = throttle();
        fail(one, alice, home, PER_ACCOUNT - 1);
        fail(other, alice, office, 1);

        assertThat(refuses(one, unknown(alice, home))).isTrue();
        assertThat(refuses(other, unknown(alice, home))).isTrue();
    }

    @Test
    void parallelGuessesGetNoMoreAttemptsThanTheLimit() throws Exception {
        SignInThrottle throttle = throttle();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> guesses = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                guesses.add(() -> !refusesCounting(throttle, unknown(alice, address())));
            }
            long admitted = 0;
            for (Future<Boolean> guess : pool.invokeAll(guesses)) {
                admitted += guess.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(PER_ACCOUNT);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void countersWhoseWindowHasPassedAreSweptAway() {
        SignInThrottle throttle = throttle();
        fail(throttle, alice, home, 1);
        String key = SignInThrottle.key(SignInThrottle.Kind.ACCOUNT, alice);
        assertThat(rows(key)).isOne();

        clock.advance(WINDOW);
        throttle.sweep();

        assertThat(rows(key)).isZero();
    }

    @Test
    void storesNoAccountNameAddressOrDeviceAsTyped() {
        SignInThrottle throttle = throttle();
        String typed = SignInThrottle.Attempt.typedName("maybe-my-password-" + TestData.unique("x"));
        fail(throttle, typed, home, 1);
        throttle.admit(known(alice, "device-" + TestData.unique("d"), home));

        assertThat(jdbc.sql("select count(*) from sign_in_attempt where counter_key like ? or counter_key like ?")
                .params("%password%", "%" + home + "%").query(Long.class).single()).isZero();
        assertThat(rows(SignInThrottle.key(SignInThrottle.Kind.ACCOUNT, typed))).isOne();
    }

    @Test
    void defaultsToTenPerAccountAHundredPerAddressOverFifteenMinutesThenOneSecondDoublingToAMinute() {
        SignInThrottle.Settings defaults = new SignInThrottle.Settings(null, null, null, null, null, null);

        assertThat(defaults.maxFailuresPerAccount()).isEqualTo(10);
        assertThat(defaults.maxFailuresPerAddress()).isEqualTo(100);
        assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.addressDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.maxAddressDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.deviceValidFor()).isEqualTo(Duration.ofDays(180));
    }

    private long rows(String key) {
        return jdbc.sql("select count(*) from sign_in_attempt where counter_key = ?").param(key).query(Long.class).single();
    }

    private static SignInThrottle.Attempt unknown(String account, String address) {
        return new SignInThrottle.Attempt(account, Optional.empty(), address);
    }

    private static SignInThrottle.Attempt known(String account, String device, String address) {
        return new SignInThrottle.Attempt(account, Optional.of(device), address);
    }

    /** Failed attempts: admitted, counted, and never taken back. */
    private static void fail(SignInThrottle throttle, String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.admit(unknown(account, address));
        }
    }

    /** Whether the attempt would be refused, without leaving a count behind when it is not. */
    private static boolean refuses(SignInThrottle throttle, SignInThrottle.Attempt attempt) {
        try {
            SignInThrottle.Admission admission = throttle.admit(attempt);
            throttle.succeeded(admission);
            return false;
        } catch (SignInThrottledException e) {
            return true;
        }
    }

    private static boolean refusesCounting(SignInThrottle throttle, SignInThrottle.Attempt attempt) {
        try {
            throttle.admit(attempt);
            return false;
        } catch (SignInThrottledException e) {
            return true;
        }
    }

    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

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
