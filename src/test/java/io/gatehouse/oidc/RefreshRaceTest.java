package io.gatehouse.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.PortalSession;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A refresh token is spent once, however many requests present it at the same moment. */
@IntegrationTest
class RefreshRaceTest {

    private static final int RACERS = 4;

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    ClientRegistrations registrations;

    @Test
    void parallelRefreshesWithOneTokenGiveNewTokensToOneOfThemOnly() throws Exception {
        ClientRegistrations.ClientView client = ShowcaseClient.registered(registrations, data);
        ClientID clientId = new ClientID(client.clientId());
        ClientAuthentication clientAuth = new ClientSecretBasic(clientId, new Secret(client.clientSecret()));
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer("http://localhost:" + port));
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        PortalSession browser = new PortalSession(port);
        browser.signIn(person.email(), person.password());
        URI authorize = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"), clientId, OidcFlowTest.CALLBACK)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(new State()).nonce(new Nonce()).build().toURI();
        URI callback = URI.create(browser.get(authorize.toString()).headers().firstValue("Location").orElseThrow());
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(),
                clientAuth, new AuthorizationCodeGrant(AuthenticationResponseParser.parse(callback).toSuccessResponse().getAuthorizationCode(),
                        OidcFlowTest.CALLBACK), null).toHTTPRequest().send()).toSuccessResponse();
        RefreshToken once = tokens.getOIDCTokens().getRefreshToken();

        CyclicBarrier start = new CyclicBarrier(RACERS);
        ExecutorService racers = Executors.newFixedThreadPool(RACERS);
        List<Future<HTTPResponse>> answers = new ArrayList<>();
        Callable<HTTPResponse> refresh = () -> {
            var request = new TokenRequest(provider.getTokenEndpointURI(), clientAuth, new RefreshTokenGrant(once), null).toHTTPRequest();
            start.await();
            return request.send();
        };
        for (int i = 0; i < RACERS; i++) {
            answers.add(racers.submit(refresh));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<HTTPResponse> answer : answers) {
            statuses.add(answer.get().getStatusCode());
        }
        racers.shutdown();

        assertThat(statuses).as("one new set of tokens; the others refused as a client error, never a server error")
                .containsOnlyOnce(200).allMatch(status -> status == 200 || status == 400);
    }
}
