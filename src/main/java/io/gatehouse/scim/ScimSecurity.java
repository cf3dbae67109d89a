package io.gatehouse.scim;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Actors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * /scim/v2 has its own filter chain, before the API's and the portal's: no session, no CSRF (the
 * token travels in a header, which another site cannot forge), and only an organization's SCIM
 * token lets a request through — as "Authorization: Bearer", or as HTTP Basic's password since
 * some provisioning clients only do Basic.
 */
@Configuration(proxyBeanMethods = false)
class ScimSecurity {

    /** Who acts, read once per request: the token's directory, and the token's creator as they are now. */
    record ScimCaller(ScimClient client, Actor actor) {
    }

    static final String CALLER = "io.gatehouse.scim.caller";

    @Bean
    @Order(0)
    SecurityFilterChain scim(HttpSecurity http, ScimTokens tokens, Actors actors, ScimErrors errors, JsonMapper json)
            throws Exception {
        http.securityMatcher("/scim/v2/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(new TokenFilter(tokens, actors, errors, json), SecurityContextHolderFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    static final class TokenFilter extends OncePerRequestFilter {

        private final ScimTokens tokens;
        private final Actors actors;
        private final ScimErrors errors;
        private final JsonMapper json;

        TokenFilter(ScimTokens tokens, Actors actors, ScimErrors errors, JsonMapper json) {
            this.tokens = tokens;
            this.actors = actors;
            this.errors = errors;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Optional<ScimClient> client = token(request.getHeader("Authorization")).flatMap(tokens::authenticate);
            if (client.isEmpty()) {
                refuse(response, "scim.error.unauthorized");
                return;
            }
            Optional<Actor> creator = actors.forRequest(client.get().createdBy(), request);
            if (creator.isEmpty()) {
                refuse(response, "scim.error.creatorInactive");
                return;
            }
            String label = creator.get().label() + " via SCIM token \"" + client.get().tokenName() + "\"";
            request.setAttribute(CALLER, new ScimCaller(client.get(),
                    creator.get().labelled(label.length() > 300 ? label.substring(0, 300) : label)));
            chain.doFilter(request, response);
        }

        private void refuse(HttpServletResponse response, String code) throws IOException {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"scim\", Basic realm=\"scim\"");
            response.setContentType("application/scim+json;charset=UTF-8");
            response.getWriter().write(json.writeValueAsString(errors.body(401, null, code, List.of(), LocaleContextHolder.getLocale())));
        }

        /** The token from "Bearer …", or the password of "Basic …" whatever the user name. */
        static Optional<String> token(String header) {
            if (header == null) {
                return Optional.empty();
            }
            if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.of(header.substring(7).strip());
            }
            if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    }
}
