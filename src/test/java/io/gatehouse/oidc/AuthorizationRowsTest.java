package io.gatehouse.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

@IntegrationTest
class AuthorizationRowsTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    JdbcOperations jdbc;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    ClientRegistrations registrations;

    @Autowired
    TestData data;

    RegisteredClient client;

    @BeforeEach
    void registerShowcaseAsAClient() {
        ClientRegistrations.ClientView view = ShowcaseClient.registered(registrations, data);
        client = clients.findByClientId(view.clientId());
    }

    @Test
    void anAuthorizationIsWrittenInGatehousesFormatAndReadBackWhole() {
        OAuth2Authorization signedIn = signedIn();
        AuthorizationStore store = new AuthorizationStore(jdbc, clients);

        store.save(signedIn);

        assertThat(column("attributes", signedIn)).startsWith(StoredMaps.MARK);
        assertThat(column("access_token_metadata", signedIn)).startsWith(StoredMaps.MARK);
        assertSame(store.findById(signedIn.getId()), signedIn);
    }

    @Test
    void aRowWrittenInSpringsFormatIsStillRead() {
        OAuth2Authorization signedIn = signedIn();
        new JdbcOAuth2AuthorizationService(jdbc, clients).save(signedIn);
        assertThat(column("attributes", signedIn)).doesNotStartWith(StoredMaps.MARK).contains("@class");

        assertSame(new AuthorizationStore(jdbc, clients).findById(signedIn.getId()), signedIn);
    }

    @Test
    void anAuthorizationHoldingAnotherKindOfValueIsWrittenBySpringsMapper() {
        List<OAuth2Authorization> passedOn = new ArrayList<>();
        List<SqlParameterValue> spring = List.of(new SqlParameterValue(java.sql.Types.VARCHAR, "Spring's"));
        AuthorizationRows rows = new AuthorizationRows(clients, (rs, n) -> null, authorization -> {
            passedOn.add(authorization);
            return spring;
        });
        OAuth2Authorization unusual = OAuth2Authorization.from(signedIn()).attribute("when", java.time.LocalDate.of(2026, 12, 6)).build();

        assertThat(rows.parameters(unusual)).isSameAs(spring);
        assertThat(rows.parameters(signedIn())).hasSize(33);
        assertThat(passedOn).containsExactly(unusual);
    }

    private String column(String name, OAuth2Authorization authorization) {
        return jdbc.queryForObject("select " + name + " from oauth2_authorization where id = ?", String.class, authorization.getId());
    }

    private static void assertSame(OAuth2Authorization read, OAuth2Authorization written) {
        assertThat(read.getId()).isEqualTo(written.getId());
        assertThat(read.getRegisteredClientId()).isEqualTo(written.getRegisteredClientId());
        assertThat(read.getPrincipalName()).isEqualTo(written.getPrincipalName());
        assertThat(read.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.AUTHORIZATION_CODE);
        assertThat(read.getAuthorizedScopes()).isEqualTo(written.getAuthorizedScopes());
        assertThat(read.<String>getAttribute(DigestedAuthorizations.ORGANIZATION)).isEqualTo(written.getAttribute(DigestedAuthorizations.ORGANIZATION));
        assertThat(read.<UsernamePasswordAuthenticationToken>getAttribute("java.security.Principal"))
                .isEqualTo(written.getAttribute("java.security.Principal"));
        OAuth2AuthorizationRequest request = read.getAttribute(OAuth2AuthorizationRequest.class.getName());
        assertThat(request.getRedirectUri()).isEqualTo(OidcFlowTest.CALLBACK.toString());
        assertThat(request.getAdditionalParameters()).containsEntry("nonce", "n-0S6");
        assertThat(read.getAccessToken()).isEqualTo(written.getAccessToken());
        assertThat(read.getRefreshToken()).isEqualTo(written.getRefreshToken());
        assertThat(read.getToken(OidcIdToken.class)).isEqualTo(written.getToken(OidcIdToken.class));
        assertThat(read.getAccessToken().getClaims()).isEqualTo(written.getAccessToken().getClaims());
    }

    private OAuth2Authorization signedIn() {
        String person = UUID.randomUUID().toString();
        // Mutable collections, as Spring's claims are: its own format cannot read Map.of's and List.of's back.
        Map<String, Object> org = new LinkedHashMap<>(Map.of("id", "o1", "name", "Cuisines Durand", "region", "EU"));
        Map<String, Object> accessClaims = new LinkedHashMap<>(Map.of("sub", person, "iat", NOW, "exp", NOW.plusSeconds(300),
                "aud", new ArrayList<>(List.of(client.getClientId())), "rights", new ArrayList<>(List.of("Showcase 360 Administrator")),
                "org", org));
        Map<String, Object> idClaims = new LinkedHashMap<>(Map.of("sub", person, "iss", "http://localhost", "iat", NOW,
                "exp", NOW.plusSeconds(1800), "aud", new ArrayList<>(List.of(client.getClientId())), "nonce", "n-0S6", "email_verified", true));
        return OAuth2Authorization.withRegisteredClient(client)
                .id(UUID.randomUUID().toString())
                .principalName(person)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizedScopes(Set.of("openid", "profile"))
                .attribute(DigestedAuthorizations.ORGANIZATION, UUID.randomUUID().toString())
                .attribute("java.security.Principal", UsernamePasswordAuthenticationToken.authenticated(person, null,
                        List.of(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY).issuedAt(NOW).build())))
                .attribute(OAuth2AuthorizationRequest.class.getName(), OAuth2AuthorizationRequest.authorizationCode()
                        .authorizationUri("http://localhost/oauth2/authorize").clientId(client.getClientId())
                        .redirectUri(OidcFlowTest.CALLBACK.toString()).scopes(Set.of("openid", "profile")).state("s1")
                        .additionalParameters(Map.of("nonce", "n-0S6")).build())
                .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "h:access-" + person, NOW, NOW.plusSeconds(300),
                        Set.of("openid", "profile")), metadata -> {
                            metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, accessClaims);
                            metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, false);
                        })
                .token(new OAuth2RefreshToken("h:refresh-" + person, NOW, NOW.plusSeconds(86_400)))
                .token(new OidcIdToken("h:id-" + person, NOW, NOW.plusSeconds(1800), idClaims),
                        metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idClaims))
                .build();
    }
}
