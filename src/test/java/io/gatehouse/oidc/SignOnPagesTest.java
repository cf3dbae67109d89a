package io.gatehouse.oidc;

import io.gatehouse.support.PortalSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import io.gatehouse.access.Role;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The pages a person meets between an application and its token: the choice of organization,
 * the refusal that says why and whom to ask, the consent, and signing out from the application.
 */
@IntegrationTest
class SignOnPagesTest {

    static final URI CALLBACK = URI.create("https://planner.example.test/callback");
    static final String LOGGED_OUT = "https://planner.example.test/bye";

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    MockMvc mvc;

    @Autowired
    ClientRegistrations registrations;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    io.gatehouse.member.Members members;

    String right;
    String otherRight;
    String applicationName;
    UUID application;
    ClientID clientId;
    Secret secret;

    @BeforeEach
    void anApplicationWithOneRight() throws Exception {
        right = TestData.unique("Planner User");
        applicationName = TestData.unique("Planner");
        otherRight = TestData.unique("Planner Viewer");
        application = UUID.fromString(JsonPath.read(mvc.perform(post("/api/v1/applications")
                        .with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"%s\", \"rights\": [{\"name\": \"%s\"}, {\"name\": \"%s\"}]}"
                                .formatted(applicationName, right, otherRight)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id"));
        register(false);
    }

    private void register(boolean consent) {
        ClientRegistrations.ClientView client = registrations.register(data.admin(), application,
                ClientRegistration.of(List.of(CALLBACK.toString()), List.of(LOGGED_OUT), null, null, consent, false, null));
        clientId = new ClientID(client.clientId());
        if (client.clientSecret() != null) {
            secret = new Secret(client.clientSecret());
        }
    }

    @Test
    void aPersonInSeveralOrganizationsChoosesOneOnceAndTheApplicationLearnsWhich() throws Exception {
        OrganizationId first = data.organizationId();
        OrganizationId second = data.organizationId();
        TestMember person = data.user(first, right);
        data.join(person, second, Role.USER, right);
        PortalSession browser = new PortalSession(port);

        HttpResponse<String> question = browser.follow(browser.signIn(person.email(), person.password()));
        question = browser.follow(browser.get(authorize(null)));
        assertThat(question.statusCode()).isEqualTo(200);
        assertThat(question.uri().getPath()).isEqualTo("/oidc/organization");
        assertThat(question.body()).contains("Sign in to " + applicationName + " for");
        String continueTo = java.util.regex.Pattern.compile("name=\"continue\" value=\"([^\"]+)\"").matcher(question.body())
                .results().findFirst().orElseThrow().group(1).replace("&amp;", "&");
        HttpResponse<String> chosen = browser.postForm("/oidc/organization",
                Map.of("continue", continueTo, "organization", second.toString(), "_csrf", csrfOf(question.body())));
        OIDCTokenResponse tokens = exchange(code(browser.follow(chosen), browser));
        assertThat(((Map<?, ?>) tokens.getOIDCTokens().getIDToken().getJWTClaimsSet().getClaim("org")).get("id"))
                .isEqualTo(second.toString());

        HttpResponse<String> again = browser.follow(browser.get(authorize(null)));
        assertThat(browser.location(again)).as("the choice is remembered").startsWith(CALLBACK.toString());
    }

    @Test
    void aPersonWithoutAnyRightOfTheApplicationIsToldWhyAndWhomToAskAndGetsNoCode() throws Exception {
        OrganizationId organization = data.organizationId();
        TestMember manager = data.manager(organization);
        TestMember person = data.user(organization, "Licenses");
        PortalSession browser = new PortalSession(port);
        browser.signIn(person.email(), person.password());

        HttpResponse<String> refused = browser.follow(browser.get(authorize(null)));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.uri().getPath()).isEqualTo("/oidc/denied");
        assertThat(refused.body()).contains("You hold no access right of " + applicationName + " in")
                .contains(manager.email().substring(0, 5));
        assertThat(refused.body()).doesNotContain("code=");
    }

    @Test
    void anOrganizationTheApplicationNamesThatThePersonDoesNotBelongToIsRefused() throws Exception {
        TestMember person = data.user(data.organizationId(), right);
        OrganizationId someoneElses = data.organizationId();
        data.manager(someoneElses);
        PortalSession browser = new PortalSession(port);
        browser.signIn(person.email(), person.password());

        HttpResponse<String> refused = browser.follow(browser.get(authorize(someoneElses.toString())));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("You are not a member of this organization").doesNotContain(someoneElses.toString() + "\"");
        HttpResponse<String> garbage = browser.follow(browser.get(authorize("'; drop table organization; --")));
        assertThat(garbage.statusCode()).isEqualTo(403);
    }

    @Test
    void anApplicationThatAsksForConsentShowsWhatItWillReceiveInThePersonsLanguage() throws Exception {
        register(true);
        TestMember person = data.user(data.organizationId(), right);
        PortalSession browser = new PortalSession(port);
        jdbc.sql("update user_account set language = 'fr' where id = ?").param(person.userId().value()).update();
        browser.signIn(person.email(), person.password());

        HttpResponse<String> consent = browser.follow(browser.get(authorize(null)));

        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.uri().getPath()).isEqualTo("/oauth2/consent");
        assertThat(consent.body()).contains(applicationName + " demande à savoir qui vous êtes").contains("Votre adresse e-mail");
        String state = java.util.regex.Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(consent.body()).results()
                .findFirst().orElseThrow().group(1);
        HttpResponse<String> allowed = browser.postForm("/oauth2/authorize", Map.of("client_id", clientId.getValue(),
                "state", state, "scope", "profile"));
        assertThat(exchange(code(allowed, browser)).getOIDCTokens().getIDToken().getJWTClaimsSet().getClaim("given_name"))
                .isEqualTo("Test");
    }

    @Test
    void signingOutFromTheApplicationEndsThePortalSessionAndReturnsToTheApplication() throws Exception {
        TestMember person = data.user(data.organizationId(), right);
        PortalSession browser = new PortalSession(port);
        browser.signIn(person.email(), person.password());
        OIDCTokenResponse tokens = exchange(code(browser.follow(browser.get(authorize(null))), browser));

        HttpResponse<String> out = browser.get("/connect/logout?id_token_hint="
                + tokens.getOIDCTokens().getIDTokenString() + "&post_logout_redirect_uri="
                + URLEncoder.encode(LOGGED_OUT, StandardCharsets.UTF_8));

        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(browser.location(out)).isEqualTo(LOGGED_OUT);
        assertThat(browser.get("/").statusCode()).as("the portal session has ended").isEqualTo(302);
    }

    @Test
    void aRightOfTheApplicationWithdrawnEndsTheSignInEvenWhenAnotherRemains() throws Exception {
        OrganizationId organization = data.organizationId();
        TestMember person = data.user(organization, right, otherRight);
        PortalSession browser = new PortalSession(port);
        browser.signIn(person.email(), person.password());
        OIDCTokenResponse tokens = exchange(code(browser.follow(browser.get(authorize(null))), browser));

        members.change(data.admin(), organization, person.userId(), new io.gatehouse.member.Members.MemberChange(null,
                List.of(otherRight), null, null));

        TokenResponse refused = TokenResponse.parse(new TokenRequest(URI.create("http://localhost:" + port + "/oauth2/token"),
                new ClientSecretBasic(clientId, secret), new com.nimbusds.oauth2.sdk.RefreshTokenGrant(
                        tokens.getOIDCTokens().getRefreshToken()), null).toHTTPRequest().send());
        assertThat(refused.indicatesSuccess()).isFalse();
        HttpResponse<String> again = browser.follow(browser.get(authorize(null)));
        OIDCTokenResponse fresh = exchange(code(again, browser));
        assertThat(fresh.getOIDCTokens().getIDToken().getJWTClaimsSet().getStringListClaim("rights")).containsExactly(otherRight);
    }

    // ---- steps

    private String authorize(String organization) {
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile", "email"), clientId, CALLBACK)
                .endpointURI(URI.create("http://localhost:" + port + "/oauth2/authorize"))
                .state(new State()).nonce(new Nonce());
        if (organization != null) {
            request.customParameter("organization", organization);
        }
        return request.build().toURI().toString();
    }

    private com.nimbusds.oauth2.sdk.AuthorizationCode code(HttpResponse<String> redirect, PortalSession browser) throws Exception {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        URI callback = URI.create(browser.location(redirect));
        assertThat(callback.toString()).startsWith(CALLBACK.toString());
        return AuthenticationResponseParser.parse(callback).toSuccessResponse().getAuthorizationCode();
    }

    private OIDCTokenResponse exchange(com.nimbusds.oauth2.sdk.AuthorizationCode code) throws Exception {
        TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(
                URI.create("http://localhost:" + port + "/oauth2/token"), new ClientSecretBasic(clientId, secret),
                new AuthorizationCodeGrant(code, CALLBACK), null).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    private static String csrfOf(String html) {
        return java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(html).results()
                .findFirst().orElseThrow().group(1);
    }
}
