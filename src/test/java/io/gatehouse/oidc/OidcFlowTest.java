package io.gatehouse.oidc;

import io.gatehouse.support.PortalSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.gatehouse.access.Role;
import io.gatehouse.member.Members;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The OpenID Connect provider driven by an independent client library (Nimbus OAuth 2.0 SDK),
 * as an application of the vendor would: discovery, authorization code with PKCE through the
 * portal's own sign-in page, the ID token checked against the published keys, UserInfo,
 * refresh with rotation, revocation, introspection and client credentials.
 */
@IntegrationTest
class OidcFlowTest {

    static final UUID SHOWCASE = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    static final URI CALLBACK = URI.create("https://showcase.example.test/callback");

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    ClientRegistrations registrations;

    @Autowired
    Members members;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SigningKeys keys;

    @Autowired
    LogoutTokens logoutTokens;

    OIDCProviderMetadata provider;
    ClientID clientId;
    ClientAuthentication clientAuth;

    @BeforeEach
    void registerShowcaseAsAClient() throws Exception {
        ShowcaseClient.Connected showcase = ShowcaseClient.connected(registrations, data, port);
        clientId = showcase.clientId();
        clientAuth = showcase.clientAuth();
        provider = showcase.provider();
    }

    @Test
    void aPersonSignsInToAnApplicationWhichLearnsTheirOrganizationRoleRightsAndSitesOfThatApplicationOnly() throws Exception {
        OrganizationId organization = data.organizationId();
        var site = data.site(organization);
        TestMember person = data.member(organization, Role.USER, List.of(site.id()), "Showcase 360 Administrator", "Licenses");

        SignIn signIn = signIn(person, null);
        OIDCTokenResponse tokens = exchange(signIn);

        IDTokenClaimsSet id = new IDTokenValidator(provider.getIssuer(), clientId, JWSAlgorithm.RS256,
                provider.getJWKSetURI().toURL()).validate(tokens.getOIDCTokens().getIDToken(), signIn.nonce());
        assertThat(id.getSubject().getValue()).isEqualTo(person.id());
        assertThat(id.getStringClaim("email")).isEqualTo(person.email());
        assertThat(id.getStringClaim("role")).isEqualTo("USER");
        assertThat(id.getStringListClaim("rights")).containsExactly("Showcase 360 Administrator");
        Map<?, ?> org = (Map<?, ?>) id.getClaim("org");
        assertThat(org.get("id")).isEqualTo(organization.toString());
        assertThat(org.get("region")).isEqualTo("EU");
        assertThat((List<?>) id.getClaim("sites", List.class)).singleElement()
                .satisfies(s -> {
                    assertThat(((Map<?, ?>) s).get("id")).isEqualTo(site.id());
                    assertThat(((Map<?, ?>) s).get("name")).isEqualTo(site.name());
                });

        JWT accessToken = com.nimbusds.jwt.JWTParser.parse(tokens.getOIDCTokens().getAccessToken().getValue());
        assertThat(((com.nimbusds.jwt.SignedJWT) accessToken).getHeader().getAlgorithm()).as("RS256 by default")
                .isEqualTo(JWSAlgorithm.RS256);
        assertThat(accessToken.getJWTClaimsSet().getStringListClaim("rights")).containsExactly("Showcase 360 Administrator");
        assertThat(accessToken.getJWTClaimsSet().getExpirationTime().getTime() - accessToken.getJWTClaimsSet().getIssueTime().getTime())
                .as("access tokens live five minutes by default").isEqualTo(300_000);

        UserInfo userInfo = userInfo(tokens.getOIDCTokens().getAccessToken());
        assertThat(userInfo.getSubject().getValue()).isEqualTo(person.id());
        assertThat(userInfo.getGivenName()).isEqualTo("Test");
        assertThat(userInfo.getLocale()).isEqualTo("en");
        assertThat(userInfo.getStringClaim("date_format")).isNotBlank();
        assertThat(userInfo.getStringListClaim("rights")).containsExactly("Showcase 360 Administrator");
    }

    @Test
    void refreshTokensAreRotatedAndASpentOneComingBackRevokesTheWholeSignIn() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        OIDCTokenResponse tokens = exchange(signIn(person, null));
        RefreshToken first = tokens.getOIDCTokens().getRefreshToken();

        TokenResponse refreshed = refresh(first);
        assertThat(refreshed.indicatesSuccess()).isTrue();
        RefreshToken second = refreshed.toSuccessResponse().getTokens().getRefreshToken();
        assertThat(second.getValue()).isNotEqualTo(first.getValue());

        TokenResponse replay = refresh(first);
        assertThat(replay.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) replay).getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(refresh(second).indicatesSuccess()).as("the whole sign-in is revoked, the latest refresh token too").isFalse();
        assertThat(active(refreshed.toSuccessResponse().getTokens().getAccessToken())).isFalse();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'oidc.refreshTokenReused' and target_id = ?")
                .param(person.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aWithdrawnRightRefusesTheNextRefreshAndIntrospectionSaysInactiveAtOnce() throws Exception {
        OrganizationId organization = data.organizationId();
        TestMember person = data.user(organization, "Showcase 360 Administrator", "Licenses");
        OIDCTokenResponse tokens = exchange(signIn(person, null));
        assertThat(active(tokens.getOIDCTokens().getAccessToken())).isTrue();

        members.change(data.admin(), organization, person.userId(), new Members.MemberChange(null, List.of("Licenses"), null, null));

        assertThat(active(tokens.getOIDCTokens().getAccessToken())).isFalse();
        TokenResponse refused = refresh(tokens.getOIDCTokens().getRefreshToken());
        assertThat(refused.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) refused).getErrorObject().getCode()).isEqualTo("invalid_grant");
    }

    @Test
    void aRevokedRefreshTokenEndsTheSignIn() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        OIDCTokenResponse tokens = exchange(signIn(person, null));

        var revocation = new TokenRevocationRequest(provider.getRevocationEndpointURI(), clientAuth,
                tokens.getOIDCTokens().getRefreshToken()).toHTTPRequest().send();
        assertThat(revocation.getStatusCode()).isEqualTo(200);

        assertThat(refresh(tokens.getOIDCTokens().getRefreshToken()).indicatesSuccess()).isFalse();
    }

    @Test
    void theDatabaseHoldsDigestsOfTokensNeverTheTokens() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        OIDCTokenResponse tokens = exchange(signIn(person, null));
        String access = tokens.getOIDCTokens().getAccessToken().getValue();
        String refresh = tokens.getOIDCTokens().getRefreshToken().getValue();

        List<String> stored = jdbc.sql("""
                        select coalesce(access_token_value, '') || ' ' || coalesce(refresh_token_value, '') || ' '
                               || coalesce(oidc_id_token_value, '') || ' ' || coalesce(authorization_code_value, '')
                        from oauth2_authorization where principal_name = ?""")
                .param(person.id()).query(String.class).list();
        assertThat(stored).singleElement().satisfies(row -> {
            assertThat(row).doesNotContain(access).doesNotContain(refresh);
            assertThat(row).contains(DigestedAuthorizations.digest(access)).contains(DigestedAuthorizations.digest(refresh));
        });
    }

    @Test
    void theVendorsBackEndGetsAnAccessTokenWithItsClientCredentials() throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth,
                new ClientCredentialsGrant(), null).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();
        assertThat(com.nimbusds.jwt.JWTParser.parse(token.getValue()).getJWTClaimsSet().getSubject()).isEqualTo(clientId.getValue());
        assertThat(active(token)).isTrue();

        ClientAuthentication wrong = new ClientSecretBasic(clientId, new Secret("not-the-secret"));
        TokenResponse refused = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), wrong,
                new ClientCredentialsGrant(), null).toHTTPRequest().send());
        assertThat(refused.indicatesSuccess()).isFalse();
    }

    @Test
    void aRotatedKeySignsNewTokensWhileTokensSignedBeforeStillVerify() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        SignIn before = signIn(person, null);
        OIDCTokenResponse old = exchange(before);
        String oldKid = ((com.nimbusds.jwt.SignedJWT) old.getOIDCTokens().getIDToken()).getHeader().getKeyID();

        String newKid = keys.rotate().get(JWSAlgorithm.RS256);

        SignIn after = signIn(person, null);
        OIDCTokenResponse fresh = exchange(after);
        assertThat(((com.nimbusds.jwt.SignedJWT) fresh.getOIDCTokens().getIDToken()).getHeader().getKeyID()).isEqualTo(newKid)
                .isNotEqualTo(oldKid);
        IDTokenValidator validator = new IDTokenValidator(provider.getIssuer(), clientId, JWSAlgorithm.RS256,
                provider.getJWKSetURI().toURL());
        assertThat(validator.validate(old.getOIDCTokens().getIDToken(), before.nonce()).getSubject().getValue()).isEqualTo(person.id());
        assertThat(validator.validate(fresh.getOIDCTokens().getIDToken(), after.nonce()).getSubject().getValue()).isEqualTo(person.id());
        assertThat(keys.rotateIfOlderThan(java.time.Duration.ofDays(30))).as("a fresh key is not rotated again").isFalse();
    }

    @Test
    void anApplicationThatChoseEs256GetsItsIdAccessRefreshedAndLogoutTokensSignedWithEs256() throws Exception {
        registrations.register(data.admin(), SHOWCASE,
                ClientRegistration.of(List.of(CALLBACK.toString()), List.of(), null, null, false, false, "ES256"));
        try {
            OIDCProviderMetadata discovered = OIDCProviderMetadata.resolve(provider.getIssuer());
            assertThat(discovered.getIDTokenJWSAlgs()).contains(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
            TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
            SignIn signIn = signIn(person, null);
            OIDCTokenResponse tokens = exchange(signIn);

            IDTokenValidator es256 = new IDTokenValidator(provider.getIssuer(), clientId, JWSAlgorithm.ES256,
                    provider.getJWKSetURI().toURL());
            assertThat(es256.validate(tokens.getOIDCTokens().getIDToken(), signIn.nonce()).getSubject().getValue())
                    .isEqualTo(person.id());
            IDTokenValidator rs256 = new IDTokenValidator(provider.getIssuer(), clientId, JWSAlgorithm.RS256,
                    provider.getJWKSetURI().toURL());
            assertThatThrownBy(() -> rs256.validate(tokens.getOIDCTokens().getIDToken(), signIn.nonce()))
                    .as("a library expecting RS256 refuses it: the choice is the application's to make").isNotNull();

            // A resource server that accepts ES256 only, as Spring's is configured for it.
            JwtDecoder resourceServer = NimbusJwtDecoder.withJwkSetUri(provider.getJWKSetURI().toString())
                    .jwsAlgorithm(SignatureAlgorithm.ES256).build();
            assertThat(resourceServer.decode(tokens.getOIDCTokens().getAccessToken().getValue()).getClaimAsStringList("rights"))
                    .containsExactly("Showcase 360 Administrator");

            TokenResponse refreshed = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth,
                    new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken()), null).toHTTPRequest().send());
            assertThat(refreshed.indicatesSuccess()).isTrue();
            OIDCTokens again = ((OIDCTokenResponse) refreshed.toSuccessResponse()).getOIDCTokens();
            assertThat(es256.validate(again.getIDToken(), null).getSubject().getValue()).isEqualTo(person.id());
            assertThat(resourceServer.decode(again.getAccessToken().getValue()).getSubject()).isEqualTo(person.id());
            assertThat(userInfo(again.getAccessToken()).getSubject().getValue()).as("UserInfo accepts an ES256 access token")
                    .isEqualTo(person.id());

            com.nimbusds.jwt.SignedJWT logout = com.nimbusds.jwt.SignedJWT.parse(
                    logoutTokens.make(provider.getIssuer().getValue(), clientId.getValue(), person.id(),
                            registrations.signingAlgorithm(SHOWCASE)));
            assertThat(logout.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            com.nimbusds.jose.jwk.JWK key = com.nimbusds.jose.jwk.JWKSet.load(provider.getJWKSetURI().toURL())
                    .getKeyByKeyId(logout.getHeader().getKeyID());
            assertThat(logout.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(key.toECKey()))).isTrue();
        } finally {
            registrations.register(data.admin(), SHOWCASE,
                    ClientRegistration.of(List.of(CALLBACK.toString()), List.of(), null, null, false, false, null));
        }
    }

    // ---- the steps of a sign-in

    record SignIn(AuthorizationCode code, CodeVerifier verifier, Nonce nonce) {
    }

    /** Starts at the application, signs in on the portal, comes back to the application with a code. */
    SignIn signIn(TestMember person, String organization) throws Exception {
        PortalSession browser = new PortalSession(port);
        CodeVerifier verifier = new CodeVerifier();
        Nonce nonce = new Nonce();
        State state = new State();
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email"), clientId, CALLBACK)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256);
        if (organization != null) {
            request.customParameter("organization", organization);
        }
        HttpResponse<String> first = browser.get(request.build().toURI().toString());
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(browser.location(first)).endsWith("/signin");
        HttpResponse<String> back = browser.follow(browser.signIn(person.email(), person.password()));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        URI callback = URI.create(browser.location(back));
        assertThat(callback.toString()).startsWith(CALLBACK.toString());
        var response = com.nimbusds.openid.connect.sdk.AuthenticationResponseParser.parse(callback);
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
        return new SignIn(response.toSuccessResponse().getAuthorizationCode(), verifier, nonce);
    }

    OIDCTokenResponse exchange(SignIn signIn) throws Exception {
        TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth,
                new AuthorizationCodeGrant(signIn.code(), CALLBACK, signIn.verifier()), null).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString()).isTrue();
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    TokenResponse refresh(RefreshToken token) throws Exception {
        return TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth, new RefreshTokenGrant(token), null)
                .toHTTPRequest().send());
    }

    boolean active(AccessToken token) throws Exception {
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(
                new TokenIntrospectionRequest(provider.getIntrospectionEndpointURI(), clientAuth, token).toHTTPRequest().send());
        return response.toSuccessResponse().isActive();
    }

    UserInfo userInfo(AccessToken token) throws Exception {
        UserInfoResponse response = UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(),
                (com.nimbusds.oauth2.sdk.token.BearerAccessToken) token).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString()).isTrue();
        return response.toSuccessResponse().getUserInfo();
    }
}
