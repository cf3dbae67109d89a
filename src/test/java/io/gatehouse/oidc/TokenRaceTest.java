package io.gatehouse.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An authorization code and a refresh token are spent once, however many requests present them at the same moment. */
@IntegrationTest
class TokenRaceTest {

    private static final int RACERS = 4;

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    ClientRegistrations registrations;

    ClientID clientId;
    ClientAuthentication clientAuth;
    OIDCProviderMetadata provider;

    @BeforeEach
    void registerShowcaseAsAClient() throws Exception {
        ShowcaseClient.Connected showcase = ShowcaseClient.connected(registrations, data, port);
        clientId = showcase.clientId();
        clientAuth = showcase.clientAuth();
        provider = showcase.provider();
    }

    @Test
    void parallelRefreshesWithOneTokenGiveNewTokensToOneOfThemOnly() throws Exception {
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(exchange(code()).toHTTPRequest().send())
                .toSuccessResponse();
        RefreshToken once = tokens.getOIDCTokens().getRefreshToken();

        List<Integer> statuses = race(new TokenRequest(provider.getTokenEndpointURI(), clientAuth, new RefreshTokenGrant(once), null));

        assertThat(statuses).as("one new set of tokens; the others refused as a client error, never a server error")
                .containsOnlyOnce(200).allMatch(status -> status == 200 || status == 400);
    }

    @Test
    void parallelExchangesOfOneCodeGiveTokensToOneOfThemOnly() throws Exception {
        List<Integer> statuses = race(exchange(code()));

        assertThat(statuses).as("one set of tokens for one code; the others refused as a client error, never a server error")
                .containsOnlyOnce(200).allMatch(status -> status == 200 || status == 400);
    }

    private AuthorizationCode code() throws Exception {
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        PortalSession browser = new PortalSession(port);
        browser.signIn(person.email(), person.password());
        URI authorize = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"), clientId, OidcFlowTest.CALLBACK)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(new State()).nonce(new Nonce()).build().toURI();
        URI callback = URI.create(browser.get(authorize.toString()).headers().firstValue("Location").orElseThrow());
        return AuthenticationResponseParser.parse(callback).toSuccessResponse().getAuthorizationCode();
    }

    private TokenRequest exchange(AuthorizationCode code) {
        return new TokenRequest(provider.getTokenEndpointURI(), clientAuth, new AuthorizationCodeGrant(code, OidcFlowTest.CALLBACK), null);
    }

    /** The same request sent by several threads at once; their answers' statuses. */
    private static List<Integer> race(TokenRequest request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        ExecutorService racers = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<HTTPResponse>> answers = new ArrayList<>();
            Callable<HTTPResponse> send = () -> {
                var http = request.toHTTPRequest();
                start.await();
                return http.send();
            };
            for (int i = 0; i < RACERS; i++) {
                answers.add(racers.submit(send));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HTTPResponse> answer : answers) {
                statuses.add(answer.get().getStatusCode());
            }
            return statuses;
        } finally {
            racers.shutdown();
        }
    }
}
