package io.gatehouse.security;

import io.gatehouse.shared.UserId;
import io.gatehouse.access.Actors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A disabled or deleted account stops on its very next request, whatever it signed in with: a
 * session that was already open, HTTP Basic or an API token.
 */
class ActiveAccountFilter extends OncePerRequestFilter {

    private final Actors actors;
    private final AuthenticationEntryPoint entryPoint;

    ActiveAccountFilter(Actors actors, AuthenticationEntryPoint entryPoint) {
        this.actors = actors;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken)
                && !isActive(authentication.getName(), request)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            entryPoint.commence(request, response, new DisabledException("account disabled"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Reads the person's actor for the whole request at the same time: the controllers find it there. */
    private boolean isActive(String name, HttpServletRequest request) {
        try {
            return actors.forRequest(UserId.parse(name), request).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
