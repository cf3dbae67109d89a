package io.gatehouse.security;

import org.springframework.security.core.AuthenticationException;

class SignInThrottledException extends AuthenticationException {

    private final long retryAfterSeconds;

    SignInThrottledException(long retryAfterSeconds) {
        super("too many failed sign-ins");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
