package io.gatehouse.security.factor;

import io.gatehouse.security.Sealing;
import io.gatehouse.security.SecondFactorKind;
import io.gatehouse.shared.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An account's authenticator app: its secret, sealed at rest, pending until a code confirms it;
 * and each code accepted once. The step of the last accepted code is raised by a conditional
 * update, so of two submissions of the same code at once exactly one passes.
 */
@Component
class AuthenticatorApps implements SecondFactorKind {

    private final JdbcClient jdbc;
    private final Sealing.Key vault;
    private final Clock clock;

    AuthenticatorApps(JdbcClient jdbc, Sealing sealing, Clock clock,
            @Value("${gatehouse.second-factor.secret:}") String configuredSecret) {
        this.jdbc = jdbc;
        this.vault = sealing.key("authenticator-app", configuredSecret);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "totp";
    }

    @Override
    public int enrolled(UserId account) {
        return jdbc.sql("select count(*) from authenticator_app where user_id = ? and confirmed = true")
                .param(account.value()).query(Integer.class).single();
    }

    @Override
    public void removeAll(UserId account) {
        jdbc.sql("delete from authenticator_app where user_id = ?").param(account.value()).update();
    }

    /** A new secret waiting for its first code; a pending one is replaced, a confirmed one stays (empty then). */
    Optional<String> begin(UserId account) {
        if (enrolled(account) > 0) {
            return Optional.empty();
        }
        byte[] secret = Totp.newSecret();
        String text = Totp.base32(secret);
        jdbc.sql("delete from authenticator_app where user_id = ? and confirmed = false").param(account.value()).update();
        jdbc.sql("""
                        insert into authenticator_app (user_id, secret_sealed, confirmed, last_used_step, created_at)
                        values (?, ?, false, -1, ?)""")
                .params(account.value(), vault.seal(text), Timestamp.from(clock.instant()))
                .update();
        return Optional.of(text);
    }

    /** The secret still waiting for its first code, to show again. */
    Optional<String> pending(UserId account) {
        return jdbc.sql("select secret_sealed from authenticator_app where user_id = ? and confirmed = false")
                .param(account.value()).query(String.class).optional().flatMap(vault::open);
    }

    /** Confirms the pending secret with a code from it: true when the app now counts. */
    boolean confirm(UserId account, String code) {
        Optional<String> secret = pending(account);
        if (secret.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        OptionalLong step = Totp.matchingStep(Totp.fromBase32(secret.get()), code, now);
        return step.isPresent() && jdbc.sql("""
                        update authenticator_app set confirmed = true, confirmed_at = ?, last_used_step = ?
                        where user_id = ? and confirmed = false and last_used_step < ?""")
                .params(Timestamp.from(now), step.getAsLong(), account.value(), step.getAsLong())
                .update() == 1;
    }

    /**
     * Whether the code is the confirmed app's, of a step after the last one accepted: the step
     * becomes the last accepted in the same statement that checks it.
     */
    boolean verify(UserId account, String code) {
        Optional<String> secret = jdbc.sql("select secret_sealed from authenticator_app where user_id = ? and confirmed = true")
                .param(account.value()).query(String.class).optional().flatMap(vault::open);
        if (secret.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(Totp.fromBase32(secret.get()), code, clock.instant());
        return step.isPresent() && jdbc.sql("""
                        update authenticator_app set last_used_step = ?
                        where user_id = ? and confirmed = true and last_used_step < ?""")
                .params(step.getAsLong(), account.value(), step.getAsLong())
                .update() == 1;
    }
}
