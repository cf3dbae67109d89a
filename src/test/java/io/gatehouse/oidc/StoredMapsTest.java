package io.gatehouse.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

class StoredMapsTest {

    private final StoredMaps maps = new StoredMaps();

    @Test
    void claimsReadBackWithTheirKinds() throws Exception {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("id", "0c8a6e1e-3b7e-4a43-9d0e-4b0f7e3d2a10");
        org.put("name", "Cuisines \"Durand\" & Fils <b>");
        org.put("@", "a key that looks like the tag");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "2f1e");
        claims.put("iat", Instant.parse("2026-12-06T22:45:01.123456789Z"));
        claims.put("aud", List.of("showcase"));
        claims.put("scope", new LinkedHashSet<>(List.of("openid", "profile")));
        claims.put("org", org);
        claims.put("sites", List.of(Map.of("id", "s1", "name", "Lyon")));
        claims.put("email_verified", true);
        claims.put("count", 3);
        claims.put("big", 9_000_000_000L);
        claims.put("small_long", 7L);
        claims.put("ratio", 0.5);
        claims.put("nothing", null);
        claims.put("values", new String[] {"a", "b"});
        claims.put("iss", URI.create("http://localhost:8080").toURL());
        claims.put("auth_time", new java.util.Date(1_796_597_000_123L));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("metadata.token.claims", claims);
        metadata.put("metadata.token.invalidated", false);

        String written = maps.write(metadata);
        Map<String, Object> read = maps.read(written);

        assertThat(StoredMaps.writable(metadata)).isTrue();
        assertThat(written).startsWith(StoredMaps.MARK);
        assertThat(StoredMaps.isStored(written)).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> readClaims = (Map<String, Object>) read.get("metadata.token.claims");
        assertThat(read.get("metadata.token.invalidated")).isEqualTo(false);
        assertThat(readClaims.get("iat")).isEqualTo(claims.get("iat"));
        assertThat(readClaims.get("aud")).isInstanceOf(List.class).isEqualTo(List.of("showcase"));
        assertThat(readClaims.get("scope")).isInstanceOf(Set.class).isEqualTo(Set.of("openid", "profile"));
        assertThat(readClaims.get("org")).isEqualTo(org);
        assertThat(readClaims.get("sites")).isEqualTo(List.of(Map.of("id", "s1", "name", "Lyon")));
        assertThat(readClaims.get("email_verified")).isEqualTo(true);
        assertThat(readClaims.get("count")).isEqualTo(3);
        assertThat(readClaims.get("big")).isEqualTo(9_000_000_000L);
        assertThat(readClaims.get("small_long")).isEqualTo(7L);
        assertThat(readClaims.get("ratio")).isEqualTo(0.5);
        assertThat(readClaims).containsEntry("nothing", null);
        assertThat((String[]) readClaims.get("values")).containsExactly("a", "b");
        assertThat(readClaims.get("iss")).isEqualTo(claims.get("iss"));
        assertThat(readClaims.get("auth_time")).isEqualTo(claims.get("auth_time"));
        assertThat(new ArrayList<>(readClaims.keySet())).containsExactlyElementsOf(claims.keySet());
    }

    @Test
    void theSignInKeepsItsNameAndFactors() {
        Instant signedIn = Instant.parse("2026-12-06T08:00:00Z");
        UsernamePasswordAuthenticationToken signIn = UsernamePasswordAuthenticationToken.authenticated("7d1c", null,
                List.of(new SimpleGrantedAuthority("ROLE_MEMBER"),
                        FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY).issuedAt(signedIn).build()));

        Map<String, Object> read = maps.read(maps.write(Map.of("java.security.Principal", signIn)));

        UsernamePasswordAuthenticationToken back = (UsernamePasswordAuthenticationToken) read.get("java.security.Principal");
        assertThat(back.isAuthenticated()).isTrue();
        assertThat(back.getName()).isEqualTo("7d1c");
        assertThat(back.getCredentials()).isNull();
        assertThat(back.getAuthorities()).containsExactlyElementsOf(signIn.getAuthorities());
        assertThat(((FactorGrantedAuthority) List.copyOf(back.getAuthorities()).get(1)).getIssuedAt()).isEqualTo(signedIn);
        assertThat(AuthenticationMethods.of(back)).isEqualTo(AuthenticationMethods.of(signIn));
    }

    @Test
    void theAuthorizationRequestKeepsWhatTheCodeExchangeChecks() {
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("https://portal.example/oauth2/authorize")
                .clientId("showcase")
                .redirectUri("https://showcase.example/callback")
                .scopes(Set.of("openid", "email"))
                .state("xyz")
                .additionalParameters(Map.of("nonce", "n-0S6", "code_challenge", "E9Melhoa", "prompt", new String[] {"login", "consent"}))
                .attributes(Map.of("organization", "o1"))
                .build();

        OAuth2AuthorizationRequest back = (OAuth2AuthorizationRequest) maps.read(maps.write(Map.of("request", request))).get("request");

        assertThat(back.getGrantType()).isEqualTo(request.getGrantType());
        assertThat(back.getAuthorizationUri()).isEqualTo(request.getAuthorizationUri());
        assertThat(back.getClientId()).isEqualTo("showcase");
        assertThat(back.getRedirectUri()).isEqualTo(request.getRedirectUri());
        assertThat(back.getScopes()).isEqualTo(request.getScopes());
        assertThat(back.getState()).isEqualTo("xyz");
        assertThat(back.getAdditionalParameters()).containsEntry("nonce", "n-0S6").containsEntry("code_challenge", "E9Melhoa");
        assertThat((String[]) back.getAdditionalParameters().get("prompt")).containsExactly("login", "consent");
        assertThat(back.getAttributes()).isEqualTo(request.getAttributes());
        assertThat(back.getAuthorizationRequestUri()).isEqualTo(request.getAuthorizationRequestUri());
    }

    @Test
    void aValueOfAnotherKindIsLeftToSpringsFormat() {
        assertThat(StoredMaps.writable(Map.of("when", java.time.LocalDate.of(2026, 12, 6)))).isFalse();
        assertThat(StoredMaps.writable(Map.of("nested", List.of(Map.of("n", new java.math.BigDecimal("1.5")))))).isFalse();
        assertThat(StoredMaps.writable(Map.of("principal", new TestingAuthenticationToken("someone", "secret")))).isFalse();
        assertThat(StoredMaps.writable(Map.of("principal",
                UsernamePasswordAuthenticationToken.authenticated("someone", "a password", List.of())))).isFalse();
        assertThat(StoredMaps.isStored("{\"@class\":\"java.util.Collections$UnmodifiableMap\"}")).isFalse();
        assertThat(StoredMaps.isStored(null)).isTrue();
    }
}
