package io.gatehouse.security;

import io.gatehouse.user.AccountEvents.AccountDisabled;
import io.gatehouse.user.AccountEvents.PasswordChanged;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sessions live in the database, so ending them here ends them on every node at once. Runs in
 * the transaction of the change: a disable that commits has ended its sessions.
 */
@Component
class SessionRevocation {

    private final JdbcClient jdbc;

    SessionRevocation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(AccountDisabled disabled) {
        jdbc.sql("delete from spring_session where principal_name = ?").param(disabled.userId().toString()).update();
    }

    /** A new password signs out every other session; the one that changed it stays. */
    @EventListener
    void on(PasswordChanged changed) {
        String current = currentSessionId();
        jdbc.sql("delete from spring_session where principal_name = ? and session_id <> ?")
                .params(changed.userId().toString(), current == null ? "" : current).update();
    }

    private static String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpSession session = attributes.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }
}
