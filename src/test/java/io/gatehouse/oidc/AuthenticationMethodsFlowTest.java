package io.gatehouse.oidc;

import io.gatehouse.support.PortalSession;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * How a person signed in, as applications learn it (amr, acr) and ask for more (acr_values), driven
 * by an independent client library. A second step is stood for by what it leaves in the session kept
 * in the database: the sign-in gains the second factor's authority, as the second sign-in step does.
 */
@IntegrationTest
@Import(OidcTestBeans.class)
class AuthenticationMethodsFlowTest {

    static final UUID SHOWCASE = OidcFlowTest.SHOWCASE;
    static final URI CALLBACK = OidcFlowTest.CALLBACK;
    static final String SAVED_REQUEST = "SPRING_SECURITY_SAVED_REQUEST";

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    io.gatehouse.security.factor.SecondFactors secondFactors;

    @Autowired
    ClientRegistrations registrations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FindByIndexNameSessionRepository<? extends Session> sessions;

    OIDCProviderMetadata provider;
    ClientID clientId;
    ClientAuthentication clientAuth;

    @BeforeEach
    void registerShowcaseAsAClient() throws Exception {
        ClientRegistrations.ClientView client = registrations.find(data.admin(), SHOWCASE).isPresent()
                ? registrations.rotateSecret(data.admin(), SHOWCASE)
                : registrations.register(data.admin(), SHOWCASE,
                        ClientRegistration.of(List.of(CALLBACK.toString()), List.of(), null, null, false, false, null));
        clientId = new ClientID(client.clientId());
        clientAuth = new ClientSecretBasic(clientId, new Secret(client.clientSecret()));
        provider = OIDCProviderMetadata.resolve(new Issuer("http://localhost:" + port));
    }

    @Test
    void aPasswordSignInIsSaidAsPwdAtThePasswordLevelInTheIdTokenAndIntrospection() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        PortalSession browser = new PortalSession(port);
        Authorization authorization = authorization(Map.of());

        HttpResponse<String> toSignIn = browser.get(authorization.uri().toString());
        assertThat(browser.location(toSignIn)).endsWith("/signin");
        HttpResponse<String> back = browser.follow(browser.signIn(person.email(), person.password()));
        OIDCTokenResponse tokens = exchange(authorization, back);

        IDTokenClaimsSet id = validated(tokens, authorization);
        assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(id.getACR()).isEqualTo(new ACR(AuthenticationMethods.PASSWORD));
        TokenIntrospectionSuccessResponse introspected = introspect(tokens);
        assertThat(introspected.isActive()).isTrue();
        assertThat(introspected.getStringListParameter("amr")).containsExactly("pwd");
        assertThat(introspected.getStringParameter("acr")).isEqualTo(AuthenticationMethods.PASSWORD);
    }

    @Test
    void aSignInWithPasswordAndAuthenticatorCodeIsSaidAsMultiFactorAndARefreshSaysTheSame() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        PortalSession browser = signedIn(person);
        proveSecondFactor(person, "FACTOR_TOTP");
        Authorization authorization = authorization(Map.of());

        OIDCTokenResponse tokens = exchange(authorization, browser.get(authorization.uri().toString()));

        IDTokenClaimsSet id = validated(tokens, authorization);
        assertThat(id.getStringListClaim("amr")).containsExactlyInAnyOrder("pwd", "otp", "mfa");
        assertThat(id.getACR()).isEqualTo(new ACR(AuthenticationMethods.MFA));
        assertThat(JWTParser.parse(tokens.getOIDCTokens().getAccessToken().getValue()).getJWTClaimsSet().getStringListClaim("amr"))
                .containsExactlyInAnyOrder("pwd", "otp", "mfa");

        TokenResponse refreshed = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth,
                new RefreshTokenGrant(tokens.getOIDCTokens().getRefreshToken()), null).toHTTPRequest().send());
        assertThat(refreshed.indicatesSuccess()).isTrue();
        JWTClaimsSet again = ((OIDCTokenResponse) refreshed.toSuccessResponse()).getOIDCTokens().getIDToken().getJWTClaimsSet();
        assertThat(again.getStringListClaim("amr")).as("the refreshed ID token says how the person signed in")
                .containsExactlyInAnyOrder("pwd", "otp", "mfa");
        assertThat(again.getStringClaim("acr")).isEqualTo(AuthenticationMethods.MFA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"urn:gatehouse:acr:mfa", "http://schemas.openid.net/pape/policies/2007/06/multi-factor"})
    void anApplicationAskingForASecondFactorGetsNoCodeUntilThePersonProvesOne(String acrValues) throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        PortalSession browser = signedIn(person);
        Authorization authorization = authorization(Map.of("acr_values", acrValues));

        HttpResponse<String> asked = browser.get(authorization.uri().toString());

        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(browser.location(asked)).endsWith(ApplicationGate.SECOND_FACTOR).doesNotContain("code=");
        assertThat(codesIssuedTo(person)).isZero();
        SavedRequest saved = session(person).getAttribute(SAVED_REQUEST);
        assertThat(saved).as("the second step continues to the saved authorization request").isNotNull();
        assertThat(saved.getRedirectUrl()).contains(ApplicationGate.AUTHORIZE).contains("acr_values=");

        proveSecondFactor(person, "FACTOR_TOTP");
        OIDCTokenResponse tokens = exchange(authorization, browser.get(saved.getRedirectUrl()));

        IDTokenClaimsSet id = validated(tokens, authorization);
        assertThat(id.getACR()).isEqualTo(new ACR(AuthenticationMethods.MFA));
        assertThat(id.getStringListClaim("amr")).contains("otp", "mfa");
    }

    @Test
    void withoutAPageToShowAnApplicationAskingForASecondFactorHearsInteractionRequired() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        PortalSession browser = signedIn(person);
        Authorization authorization = authorization(Map.of("acr_values", AuthenticationMethods.MFA, "prompt", "none"));

        HttpResponse<String> answer = browser.get(authorization.uri().toString());

        assertThat(answer.statusCode()).isEqualTo(302);
        AuthenticationResponse response = AuthenticationResponseParser.parse(URI.create(browser.location(answer)));
        assertThat(response.indicatesSuccess()).isFalse();
        assertThat(response.toErrorResponse().getErrorObject().getCode()).isEqualTo("interaction_required");
        assertThat(codesIssuedTo(person)).isZero();
    }

    @Test
    void acrValuesGatehouseDoesNotKnowAreIgnoredAndTheIdTokenSaysWhatWasDone() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        PortalSession browser = signedIn(person);
        Authorization authorization = authorization(Map.of("acr_values", "urn:example:loa:4"));

        OIDCTokenResponse tokens = exchange(authorization, browser.get(authorization.uri().toString()));

        assertThat(validated(tokens, authorization).getACR()).isEqualTo(new ACR(AuthenticationMethods.PASSWORD));
    }

    @Test
    void aPersonWhoHoldsASecondFactorButProvedOnlyTheirPasswordIsSentToTheSecondStep() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        String secret = secondFactors.beginAuthenticator(person.userId()).orElseThrow();
        secondFactors.confirmAuthenticator(data.actor(person.userId()), io.gatehouse.security.factor.TotpCodes.code(secret, 0));
        PortalSession browser = signedIn(person);
        Authorization authorization = authorization(Map.of());

        HttpResponse<String> asked = browser.get(authorization.uri().toString());
        assertThat(browser.location(asked)).endsWith(ApplicationGate.SECOND_FACTOR);
        assertThat(codesIssuedTo(person)).isZero();

        proveSecondFactor(person, "FACTOR_TOTP");
        OIDCTokenResponse tokens = exchange(authorization, browser.get(authorization.uri().toString()));
        assertThat(validated(tokens, authorization).getStringListClaim("amr")).containsExactlyInAnyOrder("pwd", "otp", "mfa");
    }

    @Test
    void discoveryListsTheAuthenticationLevelsApplicationsMayAskFor() {
        assertThat(provider.getACRs()).extracting(ACR::getValue)
                .containsExactlyInAnyOrder(AuthenticationMethods.PASSWORD, AuthenticationMethods.MFA);
    }

    // ---- the steps

    record Authorization(URI uri, CodeVerifier verifier, Nonce nonce, State state) {
    }

    Authorization authorization(Map<String, String> parameters) {
        CodeVerifier verifier = new CodeVerifier();
        Nonce nonce = new Nonce();
        State state = new State();
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email"), clientId, CALLBACK)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256);
        parameters.forEach(request::customParameter);
        return new Authorization(request.build().toURI(), verifier, nonce, state);
    }

    PortalSession signedIn(TestMember person) throws Exception {
        PortalSession browser = new PortalSession(port);
        HttpResponse<String> signedIn = browser.signIn(person.email(), person.password());
        assertThat(browser.location(signedIn)).doesNotContain("error");
        return browser;
    }

    /** What the second sign-in step leaves behind: the same sign-in, with the second factor's authority added. */
    void proveSecondFactor(TestMember person, String factor) {
        saveInSession(sessions, person, factor);
    }

    private static <S extends Session> void saveInSession(FindByIndexNameSessionRepository<S> sessions, TestMember person, String factor) {
        S session = onlySession(sessions, person);
        SecurityContext context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        Authentication before = context.getAuthentication();
        List<GrantedAuthority> authorities = new ArrayList<>(before.getAuthorities());
        authorities.add(FactorGrantedAuthority.fromAuthority(factor));
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(before.getPrincipal(), null, authorities)));
        sessions.save(session);
    }

    Session session(TestMember person) {
        return onlySession(sessions, person);
    }

    private static <S extends Session> S onlySession(FindByIndexNameSessionRepository<S> sessions, TestMember person) {
        Map<String, S> theirs = sessions.findByPrincipalName(person.id());
        assertThat(theirs).as("the person's portal sessions").hasSize(1);
        return theirs.values().iterator().next();
    }

    long codesIssuedTo(TestMember person) {
        return jdbc.sql("select count(*) from oauth2_authorization where principal_name = ? and authorization_code_value is not null")
                .param(person.id()).query(Long.class).single();
    }

    OIDCTokenResponse exchange(Authorization authorization, HttpResponse<String> back) throws Exception {
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        URI callback = back.uri().resolve(back.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(CALLBACK.toString());
        AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
        assertThat(response.indicatesSuccess()).as(callback.toString()).isTrue();
        assertThat(response.getState()).isEqualTo(authorization.state());
        TokenResponse tokens = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth,
                new AuthorizationCodeGrant(response.toSuccessResponse().getAuthorizationCode(), CALLBACK, authorization.verifier()), null)
                .toHTTPRequest().send());
        assertThat(tokens.indicatesSuccess()).as(() -> tokens.toErrorResponse().getErrorObject().toString()).isTrue();
        return (OIDCTokenResponse) tokens.toSuccessResponse();
    }

    IDTokenClaimsSet validated(OIDCTokenResponse tokens, Authorization authorization) throws Exception {
        return new IDTokenValidator(provider.getIssuer(), clientId, JWSAlgorithm.RS256, provider.getJWKSetURI().toURL())
                .validate(tokens.getOIDCTokens().getIDToken(), authorization.nonce());
    }

    TokenIntrospectionSuccessResponse introspect(OIDCTokenResponse tokens) throws Exception {
        return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(provider.getIntrospectionEndpointURI(), clientAuth,
                tokens.getOIDCTokens().getAccessToken()).toHTTPRequest().send()).toSuccessResponse();
    }
}
