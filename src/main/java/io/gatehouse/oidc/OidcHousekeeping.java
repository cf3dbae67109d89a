package io.gatehouse.oidc;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rotates the signing key when it is due, and forgets authorizations whose every token has
 * expired. Safe on several nodes at once: nodes due together take turns on the keys' change
 * signal and check the key's age again in their turn, so one rotates; the sweep deletes only what
 * nobody can use any more, and a delete run twice deletes nothing the second time.
 */
@Component
class OidcHousekeeping {

    /** A spent refresh token is remembered as long as a refresh token can live, and a day more. */
    private static final Duration AFTER_EXPIRY = Duration.ofDays(1);

    private final SigningKeys keys;
    private final OidcSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;

    OidcHousekeeping(SigningKeys keys, OidcSettings settings, JdbcClient jdbc, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${gatehouse.oidc.housekeeping-interval:10m}", initialDelayString = "${gatehouse.oidc.housekeeping-interval:10m}")
    void run() {
        keys.rotateIfOlderThan(settings.keyRotation());
        Timestamp before = Timestamp.from(clock.instant().minus(AFTER_EXPIRY));
        jdbc.sql("delete from oauth2_spent_refresh_token where spent_at < ?")
                .param(Timestamp.from(clock.instant().minus(settings.refreshTokenLifetime()).minus(AFTER_EXPIRY))).update();
        jdbc.sql("delete from oauth2_authorization where expires_at < ? and id not in (select authorization_id from oauth2_spent_refresh_token)")
                .param(before).update();
    }
}
