package io.gatehouse.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.gatehouse.access.StaffRole;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The vendor admin registers each application as a client through the API, sees its secret once and rotates it. */
@IntegrationTest
class ClientApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void theVendorAdminCreatesAnApplicationWithItsRightsAndRegistersItsClientSeeingTheSecretOnce() throws Exception {
        String application = newApplication();
        String registered = mvc.perform(put("/api/v1/applications/{id}/client", application).with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"redirectUris": ["https://planner.example.test/login/oauth2/code/gatehouse"],
                                 "postLogoutRedirectUris": ["https://planner.example.test/"],
                                 "backchannelLogoutUri": "https://planner.example.test/logout/connect/back-channel/gatehouse",
                                 "accessTokenSeconds": 120}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.clientId").value(application))
                .andExpect(jsonPath("$.clientSecret").isNotEmpty())
                .andExpect(jsonPath("$.issuer").isNotEmpty())
                .andExpect(jsonPath("$.accessTokenSeconds").value(120))
                .andReturn().getResponse().getContentAsString();
        String secret = JsonPath.read(registered, "$.clientSecret");

        mvc.perform(get("/api/v1/applications/{id}/client", application).with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.clientSecret").doesNotExist())
                .andExpect(jsonPath("$.backchannelLogoutUri").value("https://planner.example.test/logout/connect/back-channel/gatehouse"));
        mvc.perform(put("/api/v1/applications/{id}/client", application).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"redirectUris\": [\"https://planner.example.test/callback\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.clientSecret").doesNotExist());
        assertThat(jdbc.sql("select client_secret from oauth2_registered_client where id = ?").param(application)
                .query(String.class).single()).startsWith("{sha256}").doesNotContain(secret);
        assertThat(canGetToken(application, secret)).isTrue();

        String rotated = JsonPath.read(mvc.perform(post("/api/v1/applications/{id}/client/secret", application).with(admin()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(), "$.clientSecret");
        assertThat(canGetToken(application, secret)).as("the old secret stops working at once").isFalse();
        assertThat(canGetToken(application, rotated)).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_entry where target_id = ? and action like 'oidc.%'").param(application)
                .query(Long.class).single()).isEqualTo(3);

        mvc.perform(delete("/api/v1/applications/{id}/client", application).with(admin())).andExpect(status().isNoContent());
        assertThat(canGetToken(application, rotated)).isFalse();
        mvc.perform(get("/api/v1/applications/{id}/client", application).with(admin())).andExpect(status().isNotFound());
    }

    @Test
    void anAddressThatCouldLeakCodesIsRefusedInWordsAndNothingIsRegistered() throws Exception {
        String application = newApplication();
        mvc.perform(put("/api/v1/applications/{id}/client", application).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .header("Accept-Language", "fr")
                        .content("""
                                {"redirectUris": ["javascript:alert(1)", "http://planner.example.test/callback",
                                                  "https://planner.example.test/cb#frag"],
                                 "accessTokenSeconds": 86400}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'redirectUris')].message").value(org.hamcrest.Matchers.hasItem(
                        containsString("n’envoie personne"))))
                .andExpect(jsonPath("$.errors[?(@.field == 'accessTokenSeconds')]").isNotEmpty());
        mvc.perform(put("/api/v1/applications/{id}/client", application).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"redirectUris\": []}"))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select count(*) from oauth2_registered_client where id = ?").param(application)
                .query(Long.class).single()).isZero();
    }

    @Test
    void onlyTheVendorAdminSeesOrChangesClientsAndUnknownApplicationsAreNotFound() throws Exception {
        String application = newApplication();
        String body = "{\"redirectUris\": [\"https://planner.example.test/callback\"]}";
        TestData.TestMember manager = data.manager(data.organizationId());
        var support = data.staff(StaffRole.VENDOR_SUPPORT);
        mvc.perform(put("/api/v1/applications/{id}/client", application).with(httpBasic(manager.email(), manager.password()))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/applications/{id}/client", application).with(httpBasic(support.email(), TestData.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/oidc/signing-keys/rotate").with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/applications/{id}/client", java.util.UUID.randomUUID()).with(admin())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/applications/{id}/client", "not-an-id").with(admin())).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from oauth2_registered_client where id = ?").param(application)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anApplicationChoosesEs256AndItsTokensAreSignedWithItsOwnKeyPublishedBesideTheRsaOne() throws Exception {
        String application = newApplication();
        String registered = mvc.perform(put("/api/v1/applications/{id}/client", application).with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"redirectUris\": [\"https://planner.example.test/callback\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signingAlgorithm").value("RS256"))
                .andReturn().getResponse().getContentAsString();
        String secret = JsonPath.read(registered, "$.clientSecret");
        assertThat(tokenHeader(application, secret).getAlgorithm()).as("RS256 unless chosen otherwise").isEqualTo(JWSAlgorithm.RS256);

        mvc.perform(put("/api/v1/applications/{id}/client", application).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"redirectUris\": [\"https://planner.example.test/callback\"], \"signingAlgorithm\": \"es256\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.signingAlgorithm").value("ES256"));
        mvc.perform(get("/api/v1/applications/{id}/client", application).with(admin()))
                .andExpect(jsonPath("$.signingAlgorithm").value("ES256"));

        JWSHeader header = tokenHeader(application, secret);
        assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        JWKSet published = JWKSet.load(URI.create("http://localhost:" + port + "/oauth2/jwks").toURL());
        assertThat(published.getKeyByKeyId(header.getKeyID())).as("the ES256 key is published").isInstanceOf(ECKey.class);
        assertThat(published.getKeys()).as("beside the RSA key of the applications that keep RS256")
                .anySatisfy(key -> assertThat(key).isInstanceOf(RSAKey.class));
        assertThat(published.getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
        assertThat(jdbc.sql("select count(*) from audit_entry where target_id = ? and action = 'oidc.clientChanged' and after_state like ?")
                .params(application, "%ES256%").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anAlgorithmGatehouseDoesNotSignWithIsRefusedInWordsAndChangesNothing() throws Exception {
        String application = newApplication();
        String body = "{\"redirectUris\": [\"https://planner.example.test/callback\"], \"signingAlgorithm\": \"%s\"}";
        mvc.perform(put("/api/v1/applications/{id}/client", application).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted("ES256")))
                .andExpect(status().isOk());
        for (String refused : new String[] {"HS256", "none", "RS256; drop table oidc_client", "x".repeat(10_000)}) {
            mvc.perform(put("/api/v1/applications/{id}/client", application).with(admin()).contentType(MediaType.APPLICATION_JSON)
                            .header("Accept-Language", "es").content(body.formatted(refused)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[?(@.field == 'signingAlgorithm')].message").value(org.hamcrest.Matchers.hasItem(
                            containsString("RS256, ES256"))));
        }
        mvc.perform(get("/api/v1/applications/{id}/client", application).with(admin()))
                .andExpect(jsonPath("$.signingAlgorithm").value("ES256"));
    }

    @Test
    void anApplicationsRightsAgreeOnWhetherTheyAreManagedOutsideThePortal() throws Exception {
        mvc.perform(post("/api/v1/applications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "%s", "rights": [{"name": "%s", "externallyManaged": true},
                                                          {"name": "%s", "externallyManaged": false}]}"""
                                .formatted(TestData.unique("App"), TestData.unique("Right"), TestData.unique("Right"))))
                .andExpect(status().isBadRequest());
        TestData.TestMember manager = data.manager(data.organizationId());
        mvc.perform(post("/api/v1/applications").with(httpBasic(manager.email(), manager.password()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Mine\", \"rights\": []}"))
                .andExpect(status().isForbidden());
    }

    private String newApplication() throws Exception {
        String right = TestData.unique("Planner Editor");
        return JsonPath.read(mvc.perform(post("/api/v1/applications").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "%s", "rights": [{"name": "%s", "needsApproval": true}]}"""
                                .formatted(TestData.unique("Planner"), right)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.rights[0].name").value(right))
                .andExpect(jsonPath("$.rights[0].needsApproval").value(true))
                .andReturn().getResponse().getContentAsString(), "$.id");
    }

    private boolean canGetToken(String clientId, String secret) throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(URI.create("http://localhost:" + port + "/oauth2/token"),
                new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), new ClientCredentialsGrant(), null)
                .toHTTPRequest().send());
        return response.indicatesSuccess();
    }

    /** The header of a client-credentials token the client gets with its secret. */
    private JWSHeader tokenHeader(String clientId, String secret) throws Exception {
        TokenResponse response = TokenResponse.parse(new TokenRequest(URI.create("http://localhost:" + port + "/oauth2/token"),
                new ClientSecretBasic(new ClientID(clientId), new Secret(secret)), new ClientCredentialsGrant(), null)
                .toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
        return SignedJWT.parse(response.toSuccessResponse().getTokens().getAccessToken().getValue()).getHeader();
    }

    private static RequestPostProcessor admin() {
        return httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
    }
}
