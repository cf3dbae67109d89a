package io.gatehouse.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.support.IntegrationTest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * The encoder the authorization server signs every ID and access token with: each token verifies
 * with the key published at the JWKS under the id its header names, checked by Nimbus with the
 * JDK's own verifiers (ES256 is signed through BouncyCastle), and the claims arrive as given.
 */
@IntegrationTest
class TokenEncoderTest {

    @Autowired
    JwtEncoder encoder;

    @Autowired
    SigningKeys keys;

    @LocalServerPort
    int port;

    @Test
    void theAuthorizationServerSignsWithGatehousesEncoder() {
        assertThat(encoder).isInstanceOf(TokenEncoder.class);
    }

    @Test
    void anEs256TokenVerifiesWithThePublishedKeyThroughTheJdksOwnVerifier() throws Exception {
        Jwt jwt = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(), claims()));

        SignedJWT token = SignedJWT.parse(jwt.getTokenValue());
        JWK published = published(token.getHeader().getKeyID());
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(token.getHeader().getKeyID()).isEqualTo(keys.active(JWSAlgorithm.ES256).kid());
        assertThat(token.verify(new ECDSAVerifier(published.toECKey()))).isTrue();
        assertTheClaimsArrivedAsGiven(token);
        assertThat(jwt.getHeaders()).containsEntry("kid", token.getHeader().getKeyID());
    }

    @Test
    void anRs256TokenVerifiesWithThePublishedKey() throws Exception {
        Jwt jwt = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims()));

        SignedJWT token = SignedJWT.parse(jwt.getTokenValue());
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(token.verify(new RSASSAVerifier(published(token.getHeader().getKeyID()).toRSAKey()))).isTrue();
        assertTheClaimsArrivedAsGiven(token);
    }

    @Test
    void twoEs256SignaturesOfTheSameClaimsDifferAndBothVerify() throws Exception {
        JwtEncoderParameters parameters = JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(), claims());
        SignedJWT first = SignedJWT.parse(encoder.encode(parameters).getTokenValue());
        SignedJWT second = SignedJWT.parse(encoder.encode(parameters).getTokenValue());

        // ECDSA with a fresh nonce each time: a repeated nonce would give the private key away.
        assertThat(first.getSignature()).isNotEqualTo(second.getSignature());
        ECDSAVerifier verifier = new ECDSAVerifier(published(first.getHeader().getKeyID()).toECKey());
        assertThat(first.verify(verifier)).isTrue();
        assertThat(second.verify(verifier)).isTrue();
    }

    @Test
    void theHeaderNamesTheKeyThatSignedWhicheverKeyItAskedFor() throws Exception {
        Jwt jwt = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).keyId("a-retired-key").build(),
                claims()));

        SignedJWT token = SignedJWT.parse(jwt.getTokenValue());
        assertThat(token.getHeader().getKeyID()).isEqualTo(keys.active(JWSAlgorithm.RS256).kid());
        assertThat(token.verify(new RSASSAVerifier(published(token.getHeader().getKeyID()).toRSAKey()))).isTrue();
    }

    @Test
    void aHeaderOrAlgorithmGatehouseDoesNotSignWithIsRefused() {
        assertThatThrownBy(() -> encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).jwkSetUrl("https://elsewhere.example.test/jwks").build(), claims())))
                .isInstanceOf(JwtEncodingException.class).hasMessageContaining("jku");
        assertThatThrownBy(() -> encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.PS256).build(), claims())))
                .isInstanceOf(JwtEncodingException.class).hasMessageContaining("PS256");
    }

    private JWK published(String kid) throws Exception {
        JWK key = JWKSet.load(URI.create("http://localhost:" + port + "/oauth2/jwks").toURL()).getKeyByKeyId(kid);
        assertThat(key).as("key %s published", kid).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        return key;
    }

    private static JwtClaimsSet claims() {
        Instant issued = Instant.parse("2026-12-07T10:00:00Z");
        return JwtClaimsSet.builder()
                .issuer("https://gatehouse.example.test")
                .subject("person-1")
                .audience(List.of("showcase"))
                .issuedAt(issued)
                .notBefore(issued)
                .expiresAt(issued.plusSeconds(300))
                .id("token-1")
                .claim("rights", List.of("Licenses", "Contacts Viewer"))
                .claim("org", Map.of("id", "org-1", "name", "Atelier Dupont"))
                .build();
    }

    private static void assertTheClaimsArrivedAsGiven(SignedJWT token) throws Exception {
        var claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("https://gatehouse.example.test");
        assertThat(claims.getSubject()).isEqualTo("person-1");
        assertThat(claims.getAudience()).containsExactly("showcase");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2026-12-07T10:05:00Z"));
        assertThat(claims.getJWTID()).isEqualTo("token-1");
        assertThat(claims.getStringListClaim("rights")).containsExactly("Licenses", "Contacts Viewer");
        assertThat(claims.getJSONObjectClaim("org")).containsEntry("name", "Atelier Dupont");
    }
}
