package io.gatehouse.oidc;

import io.gatehouse.support.PortalSession;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.gatehouse.security.factor.SecondFactors;
import io.gatehouse.security.factor.TotpCodes;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** No authorization code for a person who proved their password but still owes their second factor. */
@IntegrationTest
class SecondFactorAuthorizeTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    ClientRegistrations registrations;

    @Autowired
    SecondFactors factors;

    @Test
    void aHalfSignedInPersonGetsNoAuthorizationCodeUntilTheSecondStepIsDone() throws Exception {
        ClientRegistrations.ClientView client = ShowcaseClient.registered(registrations, data);
        TestMember person = data.user(data.organizationId(), "Showcase 360 Administrator");
        String secret = factors.beginAuthenticator(person.userId()).orElseThrow();
        TotpCodes.awayFromStepEdge();
        factors.confirmAuthenticator(data.actor(person.userId()), TotpCodes.code(secret, -1));
        PortalSession browser = new PortalSession(port);
        URI authorize = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"), new ClientID(client.clientId()),
                OidcFlowTest.CALLBACK).endpointURI(URI.create("http://localhost:" + port + "/oauth2/authorize"))
                .state(new State()).nonce(new Nonce()).build().toURI();

        assertThat(browser.location(browser.get(authorize.toString()))).endsWith("/signin");
        HttpResponse<String> afterPassword = browser.follow(browser.signIn(person.email(), person.password()));
        assertThat(afterPassword.statusCode()).isEqualTo(200);
        assertThat(afterPassword.uri().getPath()).isEqualTo("/signin/second-factor");
        HttpResponse<String> again = browser.get(authorize.toString());
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(browser.location(again)).as("asking again gives no code either").endsWith("/signin/second-factor");

        String csrf = browser.csrf("/signin/second-factor");
        HttpResponse<String> back = browser.follow(browser.postForm("/signin/second-factor",
                Map.of("code", TotpCodes.code(secret, 0), "_csrf", csrf)));

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(browser.location(back)).startsWith(OidcFlowTest.CALLBACK.toString()).contains("code=");
    }
}
