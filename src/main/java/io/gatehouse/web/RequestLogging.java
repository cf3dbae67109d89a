package io.gatehouse.web;

import io.gatehouse.shared.RequestIds;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request gets an id, returned in the X-Request-Id header and written with each log line, along
 * with the organization the path names and, once signed in, who acts. A proxy's id is kept when it is
 * a plain token; anything else could forge or break log lines, so it is replaced.
 */
@Configuration(proxyBeanMethods = false)
class RequestLogging {

    /** Request attribute under which templates find the id ({@code ${requestId}} on error pages). */
    static final String ATTRIBUTE = RequestIds.REQUEST_ID;

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ORGANIZATION = Pattern.compile(
            "^/(?:api/v1/|admin/)?organizations/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:/.*)?$");

    @Bean
    FilterRegistrationBean<RequestId> requestIdFilter() {
        FilterRegistrationBean<RequestId> registration = new FilterRegistrationBean<>(new RequestId());
        // First of all, so that whatever any later filter logs or answers carries the id.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Actor> actorFilter() {
        FilterRegistrationBean<Actor> registration = new FilterRegistrationBean<>(new Actor());
        // Inside Spring Security's filters: the person or client is known by then, for the portal and the API alike.
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
    }

    static final class RequestId extends OncePerRequestFilter {

        private final SecureRandom random = new SecureRandom();

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String id = request.getAttribute(ATTRIBUTE) instanceof String known ? known : accepted(request.getHeader(RequestIds.HEADER));
            request.setAttribute(ATTRIBUTE, id);
            response.setHeader(RequestIds.HEADER, id);
            MDC.put(RequestIds.REQUEST_ID, id);
            String organization = organization(request.getRequestURI());
            if (organization != null) {
                MDC.put(RequestIds.ORGANIZATION_ID, organization);
            }
            try {
                chain.doFilter(request, response);
            } finally {
                MDC.remove(RequestIds.REQUEST_ID);
                MDC.remove(RequestIds.ORGANIZATION_ID);
            }
        }

        private String accepted(String incoming) {
            if (incoming != null && ACCEPTED.matcher(incoming).matches()) {
                return incoming;
            }
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }

    /** The organization a path names, as it was written, if it is an id at all. */
    static String organization(String path) {
        if (path == null) {
            return null;
        }
        Matcher matcher = ORGANIZATION.matcher(path);
        return matcher.matches() ? matcher.group(1).toLowerCase(java.util.Locale.ROOT) : null;
    }

    static final class Actor extends OncePerRequestFilter {

        /** At debug level, one line per request: an access log with who acted (logging.level.io.gatehouse.web.RequestLogging=debug). */
        private static final Logger log = LoggerFactory.getLogger(RequestLogging.class);

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken)) {
                MDC.put(RequestIds.ACTOR_ID, authentication.getName());
            }
            long started = System.nanoTime();
            try {
                chain.doFilter(request, response);
            } finally {
                if (log.isDebugEnabled() && request.getDispatcherType() == DispatcherType.REQUEST) {
                    log.debug("{} {} {} {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                            (System.nanoTime() - started) / 1_000_000);
                }
                MDC.remove(RequestIds.ACTOR_ID);
            }
        }
    }
}
