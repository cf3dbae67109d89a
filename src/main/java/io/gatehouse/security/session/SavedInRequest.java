package io.gatehouse.security.session;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.session.Session;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sessions saved during the request, kept until it ends. Spring Session commits a session twice
 * when the response is sent before the request ends (once as the response commits, once at the
 * end) and reads it from the store again for the second time: with this, the second commit finds
 * it here instead. Only between this filter's start and end; every other read goes to the store.
 */
final class SavedInRequest extends OncePerRequestFilter {

    private static final ThreadLocal<Map<String, Session>> SAVED = new ThreadLocal<>();

    static void remember(Session session) {
        Map<String, Session> saved = SAVED.get();
        if (saved != null) {
            saved.put(session.getId(), session);
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Session> T recall(String id) {
        Map<String, Session> saved = SAVED.get();
        return saved == null ? null : (T) saved.get(id);
    }

    static void forget(String id) {
        Map<String, Session> saved = SAVED.get();
        if (saved != null) {
            saved.remove(id);
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SAVED.set(new HashMap<>(2));
        try {
            chain.doFilter(request, response);
        } finally {
            SAVED.remove();
        }
    }
}
