package io.gatehouse.security;

import org.springframework.security.core.AuthenticationException;

class SignInThrottledException extends AuthenticationException {

    SignInThrottledException() {
        super("too many failed sign-ins");
    }
}
