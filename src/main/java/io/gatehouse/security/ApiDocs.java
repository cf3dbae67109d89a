package io.gatehouse.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read the API's description (Swagger UI and the OpenAPI document): anyone, people signed
 * in to the portal, or nobody (the paths answer 404).
 */
enum ApiDocs {
    PUBLIC, AUTHENTICATED, OFF;

    static final String[] PATHS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"};

    @ConfigurationProperties("gatehouse")
    record Settings(ApiDocs apiDocs) {

        Settings {
            apiDocs = apiDocs == null ? PUBLIC : apiDocs;
        }
    }

    /** With the description off, its paths do not exist. */
    static final class Off extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return !(path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/") || path.startsWith("/v3/api-docs.")
                    || path.startsWith("/swagger-ui/") || path.equals("/swagger-ui.html"));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
