package io.gatehouse.security;

import io.gatehouse.shared.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Throttles the second sign-in step per account, with the sign-in counters every node shares. Its
 * counter is the account's own, apart from the password's: a right password does not give the
 * guesses at a code back.
 */
@Component
public class SecondStepThrottle {

    /** An attempt counted and let through, or refused with how many seconds to wait. */
    public static final class Attempt {

        private final SignInThrottle.Admission admission;
        private final long retryAfterSeconds;

        private Attempt(SignInThrottle.Admission admission, long retryAfterSeconds) {
            this.admission = admission;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public boolean refused() {
            return admission == null;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final SignInThrottle throttle;
    private final SignInMetrics metrics;

    SecondStepThrottle(SignInThrottle throttle, SignInMetrics metrics) {
        this.throttle = throttle;
        this.metrics = metrics;
    }

    /** Counts an attempt before its code is checked, so parallel guesses cannot all slip under the limit. */
    public Attempt admit(UserId account, HttpServletRequest request) {
        try {
            return new Attempt(throttle.admit(new SignInThrottle.Attempt("second-step:" + account, Optional.empty(),
                    request.getRemoteAddr())), 0);
        } catch (SignInThrottledException e) {
            metrics.throttled("second_factor");
            return new Attempt(null, e.retryAfterSeconds());
        }
    }

    /** The code was right: the attempt is taken back. */
    public void succeeded(Attempt attempt) {
        if (!attempt.refused()) {
            throttle.succeeded(attempt.admission);
        }
    }
}
