package io.gatehouse.security;

import io.gatehouse.user.AccountEvents.AccountDisabled;
import io.gatehouse.user.AccountEvents.PasswordChanged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A new password (unless its owner chose to keep them) or a disabled account ends every personal API token of the account, in the
 * transaction of the change: a token that leaked with the old password stops working on the next
 * request, and enabling the account again brings no old token back.
 */
@Component
class ApiTokenRevocation {

    private final JdbcClient jdbc;

    ApiTokenRevocation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(PasswordChanged changed) {
        if (!changed.apiTokensRevoked()) {
            return;
        }
        jdbc.sql("delete from api_token where user_id = ?").param(changed.userId().value()).update();
    }

    @EventListener
    void on(AccountDisabled disabled) {
        jdbc.sql("delete from api_token where user_id = ?").param(disabled.userId().value()).update();
    }
}
