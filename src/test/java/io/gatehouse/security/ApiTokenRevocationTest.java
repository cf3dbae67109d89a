package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.shared.LinkTokens;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.PasswordResets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Personal API tokens end with the password they were made under, and with a disabled account: over real HTTP. */
@IntegrationTest
class ApiTokenRevocationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NEW_PASSWORD = "Granite-Harbour-Sail-64";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Test
    void aTokenStopsWorkingWhenItsOwnerChangesTheirPassword() throws Exception {
        TestMember person = data.user(data.organizationId());
        String token = issueToken(person);
        TestMember bystander = data.user(data.organizationId());
        String bystanderToken = issueToken(bystander);
        assertThat(withToken(token, "GET", "/api/v1/me", null).statusCode()).isEqualTo(200);

        HttpResponse<String> changed = withBasic(person.email(), person.password(), "POST", "/api/v1/me/password",
                "{\"currentPassword\":\"" + person.password() + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}");
        assertThat(changed.statusCode()).isEqualTo(204);

        assertThat(withToken(token, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(withToken(bystanderToken, "GET", "/api/v1/me", null).statusCode()).as("another person's token").isEqualTo(200);
        assertThat(withBasic(person.email(), NEW_PASSWORD, "GET", "/api/v1/me/tokens", null).body()).isEqualTo("[]");
    }

    @Test
    void aTokenStopsWorkingWhenThePasswordIsReset(@Autowired PasswordResets resets, @Autowired JdbcClient jdbc) throws Exception {
        TestMember person = data.user(data.organizationId());
        String token = issueToken(person);
        String link = LinkTokens.generate();
        jdbc.sql("insert into password_reset (id, user_id, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), person.userId().value(), LinkTokens.digest(link), Timestamp.from(Instant.now()),
                        Timestamp.from(Instant.now().plusSeconds(600)))
                .update();

        resets.reset(link, NEW_PASSWORD);

        assertThat(withToken(token, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenStopsWorkingWhenTheVendorAdminSetsANewPassword() throws Exception {
        TestMember person = data.user(data.organizationId());
        String token = issueToken(person);

        assertThat(withBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD, "PUT", "/api/v1/users/" + person.id() + "/password",
                "{\"password\":\"" + NEW_PASSWORD + "\"}").statusCode()).isEqualTo(204);

        assertThat(withToken(token, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void disablingThenEnablingAnAccountBringsNoOldTokenBack() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);
        String token = issueToken(person);
        assertThat(withToken(token, "GET", "/api/v1/me", null).statusCode()).isEqualTo(200);

        assertThat(withBasic(manager.email(), manager.password(), "PATCH", "/api/v1/users/" + person.id(), "{\"disabled\":true}")
                .statusCode()).isEqualTo(200);
        assertThat(withToken(token, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(withBasic(manager.email(), manager.password(), "PATCH", "/api/v1/users/" + person.id(), "{\"disabled\":false}")
                .statusCode()).isEqualTo(200);

        assertThat(withToken(token, "GET", "/api/v1/me", null).statusCode()).isEqualTo(401);
        assertThat(withBasic(person.email(), person.password(), "GET", "/api/v1/me", null).statusCode())
                .as("the account itself works again").isEqualTo(200);
        assertThat(withToken(issueToken(person), "GET", "/api/v1/me", null).statusCode()).as("a new token works").isEqualTo(200);
    }

    private String issueToken(TestMember person) throws Exception {
        HttpResponse<String> created = withBasic(person.email(), person.password(), "POST", "/api/v1/me/tokens",
                "{\"name\":\"Nightly export\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("token").asString();
    }

    private HttpResponse<String> withToken(String token, String method, String path, String body) throws Exception {
        return send("Bearer " + token, method, path, body);
    }

    private HttpResponse<String> withBasic(String user, String password, String method, String path, String body) throws Exception {
        return send("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
                method, path, body);
    }

    private HttpResponse<String> send(String authorization, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
