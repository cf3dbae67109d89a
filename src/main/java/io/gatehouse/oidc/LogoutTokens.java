package io.gatehouse.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * OpenID Connect Back-Channel Logout tokens: a JWT, signed like the application's ID tokens, that
 * tells it a person's sign-in there is over. Made when sent, not when queued, so a delivery
 * retried after a while still carries a fresh token.
 */
class LogoutTokens {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final Duration LIFETIME = Duration.ofMinutes(2);

    private final SigningKeys keys;
    private final Clock clock;

    LogoutTokens(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    String make(String issuer, String clientId, String subject, JWSAlgorithm algorithm) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(clientId)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("events", Map.of(EVENT, Map.of()))
                .build();
        SigningKeys.SigningKey key = keys.active(algorithm);
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.kid())
                .type(new JOSEObjectType("logout+jwt")).build(), claims);
        try {
            token.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a logout token", e);
        }
        return token.serialize();
    }
}
