package io.gatehouse.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * /actuator: the health probes are open (UP or DOWN, nothing more); the metrics answer only the
 * bearer token in GATEHOUSE_METRICS_TOKEN, and nobody while none is set; any other endpoint nobody.
 * No session and no CSRF: nothing here is a form, and nothing here changes anything.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {

    static final String METRICS = "/actuator/prometheus";
    private static final String SCRAPER = "METRICS_SCRAPER";

    @Bean
    @Order(-1)
    SecurityFilterChain actuator(HttpSecurity http, @Value("${gatehouse.metrics.token:}") String token) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(METRICS).hasAuthority(SCRAPER)
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.requireExplicitSave(true))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> refuse(response))
                        .accessDeniedHandler((request, response, e) -> response.sendError(HttpServletResponse.SC_FORBIDDEN)))
                .addFilterBefore(new MetricsToken(token), AuthorizationFilter.class);
        return http.build();
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"Gatehouse metrics\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }

    /** The scraper's token, compared in constant time; without a token configured the metrics do not exist. */
    static final class MetricsToken extends OncePerRequestFilter {

        private final byte[] expected;

        MetricsToken(String token) {
            this.expected = token == null || token.isBlank() ? null : token.strip().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !METRICS.equals(request.getRequestURI().substring(request.getContextPath().length()));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (expected == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                refuse(response);
                return;
            }
            byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(expected, given)) {
                refuse(response);
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("metrics-scraper", null,
                    List.of(new SimpleGrantedAuthority(SCRAPER))));
            SecurityContextHolder.setContext(context);
            chain.doFilter(request, response);
        }
    }
}
