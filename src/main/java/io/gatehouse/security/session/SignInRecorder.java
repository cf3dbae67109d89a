package io.gatehouse.security.session;

import io.gatehouse.shared.UserId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a portal sign-in came from, noted beside its session. During the sign-in request the session
 * has no row yet (or one under its id from before sign-in), so the sign-in is only remembered on the
 * request; a filter around Spring Session's own writes it down once Spring Session has saved the session.
 */
@Component
public class SignInRecorder {

    private static final String ATTRIBUTE = SignInRecorder.class.getName();

    private final Clock clock;

    SignInRecorder(Clock clock) {
        this.clock = clock;
    }

    /**
     * Called by the sign-in's success handler.
     *
     * @param newDevice   the browser carried no device cookie of this account
     * @param firstSignIn the account had never signed in before
     */
    public void signedIn(HttpServletRequest request, UserId account, boolean newDevice, boolean firstSignIn) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        request.setAttribute(ATTRIBUTE, new SignIns.SignIn(account, session.getId(), request.getHeader("User-Agent"),
                request.getRemoteAddr(), clock.instant(), newDevice, firstSignIn));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<AfterSessionSaved> signInRecording(SignIns signIns) {
            FilterRegistrationBean<AfterSessionSaved> registration = new FilterRegistrationBean<>(new AfterSessionSaved(signIns));
            // Outside Spring Session's filter: it has saved the session by the time this one goes on.
            registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
            return registration;
        }
    }

    static final class AfterSessionSaved extends OncePerRequestFilter {

        private static final Logger LOG = LoggerFactory.getLogger(AfterSessionSaved.class);

        private final SignIns signIns;

        AfterSessionSaved(SignIns signIns) {
            this.signIns = signIns;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(request, response);
            if (request.getAttribute(ATTRIBUTE) instanceof SignIns.SignIn signIn) {
                request.removeAttribute(ATTRIBUTE);
                try {
                    signIns.record(signIn);
                } catch (RuntimeException e) {
                    // The person is signed in already; a note that could not be written must not turn that into an error.
                    LOG.warn("Could not note the sign-in of session for account {}", signIn.account(), e);
                }
            }
        }
    }
}
