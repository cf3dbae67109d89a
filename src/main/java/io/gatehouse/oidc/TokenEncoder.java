package io.gatehouse.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JoseHeaderNames;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * Signs every token Gatehouse issues (ID and access tokens, back-channel logout tokens) with the
 * key that signs the header's algorithm now ({@link SigningKeys#active}), and names that key in
 * the header. The key is looked up once, here, so a token cannot name one key and be signed by
 * another when a rotation happens meanwhile. Signers are made once per key, not per token.
 */
final class TokenEncoder implements JwtEncoder {

    /** What the authorization server, {@link GatehouseClaims} and {@link LogoutTokens} put in a header; nothing else is signed. */
    private static final Set<String> HEADERS = Set.of(JoseHeaderNames.ALG, JoseHeaderNames.KID, JoseHeaderNames.TYP);

    private final SigningKeys keys;

    TokenEncoder(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        JwsHeader requested = parameters.getJwsHeader() != null ? parameters.getJwsHeader()
                : JwsHeader.with(SignatureAlgorithm.RS256).build();
        for (String name : requested.getHeaders().keySet()) {
            if (!HEADERS.contains(name)) {
                throw new JwtEncodingException("Gatehouse signs tokens with no \"" + name + "\" header");
            }
        }
        JWSAlgorithm algorithm = JWSAlgorithm.parse(requested.getAlgorithm().getName());
        SigningKeys.SigningKey key;
        try {
            key = keys.active(algorithm);
        } catch (IllegalArgumentException e) {
            throw new JwtEncodingException(e.getMessage(), e);
        }
        JwsHeader header = JwsHeader.from(requested).keyId(key.kid()).build();
        JWSHeader.Builder jose = new JWSHeader.Builder(algorithm).keyID(key.kid());
        if (header.getType() != null) {
            jose.type(new JOSEObjectType(header.getType()));
        }
        JwtClaimsSet claims = parameters.getClaims();
        SignedJWT token = new SignedJWT(jose.build(), convert(claims));
        try {
            token.sign(key.signer());
        } catch (JOSEException e) {
            throw new JwtEncodingException("A token could not be signed: " + e.getMessage(), e);
        }
        return new Jwt(token.serialize(), claims.getIssuedAt(), claims.getExpiresAt(), header.getHeaders(), claims.getClaims());
    }

    /** The claims as JWT's registered ones (times in seconds, the issuer as a string) and the rest as they are. */
    private static JWTClaimsSet convert(JwtClaimsSet claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.getClaims().forEach((name, value) -> {
            switch (name) {
                case "iss" -> builder.issuer(value.toString());
                case "sub" -> builder.subject(claims.getSubject());
                case "aud" -> builder.audience(claims.getAudience());
                case "exp" -> builder.expirationTime(date(claims.getExpiresAt()));
                case "nbf" -> builder.notBeforeTime(date(claims.getNotBefore()));
                case "iat" -> builder.issueTime(date(claims.getIssuedAt()));
                case "jti" -> builder.jwtID(claims.getId());
                default -> builder.claim(name, value);
            }
        });
        return builder.build();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
