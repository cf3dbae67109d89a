package io.gatehouse.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sign-ins counted for the operator: gatehouse_sign_ins_total for those that succeed,
 * gatehouse_sign_in_failures_total by reason, and gatehouse_sign_in_throttled_total for the attempts
 * the throttle refused. Tags take a handful of values only (how, where, why), never an account or an
 * address. Each node counts its own; Prometheus adds the nodes up.
 */
@Component
class SignInMetrics implements AuthenticationEventPublisher {

    private final MeterRegistry registry;

    SignInMetrics(MeterRegistry registry) {
        this.registry = registry;
        // At zero from the start, so that rates and alerts have a series before the first sign-in.
        for (String channel : new String[] {"portal", "api"}) {
            success("password", channel);
            for (String reason : new String[] {"bad_credentials", "disabled", "throttled"}) {
                failure("password", channel, reason);
            }
            throttledCounter("first_factor", channel);
        }
        throttledCounter("second_factor", "portal");
    }

    @Override
    public void publishAuthenticationSuccess(Authentication authentication) {
        success(method(authentication), channel()).increment();
    }

    @Override
    public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
        String reason = reason(exception);
        failure(method(authentication), channel(), reason).increment();
        if ("throttled".equals(reason)) {
            throttled("first_factor");
        }
    }

    /** An attempt refused by the throttle before anything was checked: at the password or passkey, or at the second factor's code. */
    void throttled(String step) {
        throttledCounter(step, channel()).increment();
    }

    private Counter success(String method, String channel) {
        return Counter.builder("gatehouse.sign.ins").description("Sign-ins that succeeded (a password or a passkey proved)")
                .tag("method", method).tag("channel", channel).register(registry);
    }

    private Counter failure(String method, String channel, String reason) {
        return Counter.builder("gatehouse.sign.in.failures").description("Sign-ins refused, by reason")
                .tag("method", method).tag("channel", channel).tag("reason", reason).register(registry);
    }

    private Counter throttledCounter(String step, String channel) {
        return Counter.builder("gatehouse.sign.in.throttled").description("Sign-in attempts refused by the throttle (too many failures)")
                .tag("step", step).tag("channel", channel).register(registry);
    }

    static String reason(AuthenticationException exception) {
        if (exception instanceof SignInThrottledException) {
            return "throttled";
        }
        if (exception instanceof DisabledException) {
            return "disabled";
        }
        if (exception instanceof LockedException) {
            return "locked";
        }
        return exception instanceof BadCredentialsException ? "bad_credentials" : "other";
    }

    private static String method(Authentication authentication) {
        return authentication != null && authentication.getClass().getName().contains("WebAuthn") ? "passkey" : "password";
    }

    private static String channel() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getRequestURI().startsWith(attributes.getRequest().getContextPath() + "/api/") ? "api" : "portal";
    }
}
