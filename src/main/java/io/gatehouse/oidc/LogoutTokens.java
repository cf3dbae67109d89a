package io.gatehouse.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * OpenID Connect Back-Channel Logout tokens: a JWT, signed like the application's ID tokens (by
 * the same {@link TokenEncoder}), that tells it a person's sign-in there is over. Made when sent,
 * not when queued, so a delivery retried after a while still carries a fresh token.
 */
class LogoutTokens {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    private static final Duration LIFETIME = Duration.ofMinutes(2);

    private final JwtEncoder encoder;
    private final Clock clock;

    LogoutTokens(JwtEncoder encoder, Clock clock) {
        this.encoder = encoder;
        this.clock = clock;
    }

    String make(String issuer, String clientId, String subject, JWSAlgorithm algorithm) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(clientId))
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .id(UUID.randomUUID().toString())
                .claim("events", Map.of(EVENT, Map.of()))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.from(algorithm.getName())).type("logout+jwt").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
