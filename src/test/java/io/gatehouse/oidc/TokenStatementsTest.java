package io.gatehouse.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * How many SQL statements each token request sends to the database: the count, not a time, is
 * what a test can hold steady on any machine, and the speed of the token endpoints follows from it.
 */
@IntegrationTest
@Import(OidcTestBeans.class)
class TokenStatementsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    ClientRegistrations registrations;

    OIDCProviderMetadata provider;
    ClientID clientId;
    ClientAuthentication clientAuth;

    @BeforeEach
    void registerShowcaseAsAClient() throws Exception {
        ClientRegistrations.ClientView client = registrations.find(data.admin(), OidcFlowTest.SHOWCASE).isPresent()
                ? registrations.rotateSecret(data.admin(), OidcFlowTest.SHOWCASE)
                : registrations.register(data.admin(), OidcFlowTest.SHOWCASE,
                        ClientRegistration.of(List.of(OidcFlowTest.CALLBACK.toString()), List.of(), null, null, false, false));
        clientId = new ClientID(client.clientId());
        clientAuth = new ClientSecretBasic(clientId, new Secret(client.clientSecret()));
        provider = OIDCProviderMetadata.resolve(new Issuer("http://localhost:" + port));
    }

    @Test
    void diagnose() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        PortalSession browser = new PortalSession(port);
        browser.signIn(person.email(), person.password());
        clientCredentials();
        clientCredentials();
        OidcTestBeans.Statements.clear();
        AccessToken token = clientCredentials();
        print("client credentials");
        introspect(token);
        OidcTestBeans.Statements.clear();
        introspect(token);
        print("introspection");
        HttpResponse<String> back = browser.get(authorize().toString());
        print("authorize");
        OIDCTokenResponse tokens = exchange(back);
        print("code exchange");
        RefreshToken refresh = refresh(tokens.getOIDCTokens().getRefreshToken());
        print("refresh");
        OidcTestBeans.Statements.clear();
        introspect(tokens.getOIDCTokens().getAccessToken());
        print("introspection of a person's token");
    }

    void print(String what) {
        List<String> sent = OidcTestBeans.Statements.sent();
        System.out.println("=== " + what + ": " + sent.size());
        sent.forEach(s -> System.out.println("    " + s.replaceAll("\\s+", " ")));
        OidcTestBeans.Statements.clear();
    }

    AccessToken clientCredentials() throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth,
                new ClientCredentialsGrant(), null).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return response.toSuccessResponse().getTokens().getAccessToken();
    }

    boolean introspect(AccessToken token) throws Exception {
        return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(provider.getIntrospectionEndpointURI(), clientAuth, token)
                .toHTTPRequest().send()).toSuccessResponse().isActive();
    }

    URI authorize() {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "profile", "email"), clientId, OidcFlowTest.CALLBACK)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(new State()).nonce(new Nonce()).build().toURI();
    }

    OIDCTokenResponse exchange(HttpResponse<String> back) throws Exception {
        URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
        var code = AuthenticationResponseParser.parse(callback).toSuccessResponse().getAuthorizationCode();
        TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth,
                new AuthorizationCodeGrant(code, OidcFlowTest.CALLBACK), null).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    RefreshToken refresh(RefreshToken token) throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(provider.getTokenEndpointURI(), clientAuth,
                new RefreshTokenGrant(token), null).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return response.toSuccessResponse().getTokens().getRefreshToken();
    }
}
