package io.gatehouse.security.session;

import static io.gatehouse.security.session.HttpBrowser.FIREFOX_ON_WINDOWS;
import static io.gatehouse.security.session.HttpBrowser.SAFARI_ON_IPHONE;
import static io.gatehouse.security.session.HttpBrowser.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/** A new password ends the person's other sessions and, unless they untick the box, their API tokens. */
@IntegrationTest
class PasswordChangeEndsSessionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NEW_PASSWORD = "Willow-Canal-Lantern-47";

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Test
    void changingThePasswordEndsTheOtherSessionsAndRevokesTheApiTokensByDefault() throws Exception {
        TestMember me = data.user(data.organizationId());
        HttpBrowser laptop = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        HttpBrowser phone = new HttpBrowser(port, SAFARI_ON_IPHONE);
        laptop.signIn(me.email(), me.password());
        phone.signIn(me.email(), me.password());
        String token = issueToken(me);
        String form = laptop.get("/profile").body();
        assertThat(form).contains("Also revoke my API tokens");
        assertThat(form).as("ticked by default").containsPattern("<input[^>]*name=\"revokeApiTokens\"[^>]*checked");

        HttpResponse<String> changed = changePassword(laptop, me, true);

        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(laptop.get("/profile").body())
                .contains("Your password is changed.", "Your other sessions have ended and your API tokens are revoked.");
        assertThat(laptop.signedIn()).isTrue();
        assertThat(phone.signedIn()).isFalse();
        assertThat(laptop.send("GET", "/api/v1/me", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
    }

    @Test
    void untickingAlsoRevokeMyApiTokensKeepsThemWorkingButStillEndsTheOtherSessions() throws Exception {
        TestMember me = data.user(data.organizationId());
        HttpBrowser laptop = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        HttpBrowser phone = new HttpBrowser(port, SAFARI_ON_IPHONE);
        laptop.signIn(me.email(), me.password());
        phone.signIn(me.email(), me.password());
        String token = issueToken(me);

        Map<String, String> mistyped = new LinkedHashMap<>(Map.of("currentPassword", me.password(), "newPassword", NEW_PASSWORD,
                "confirmPassword", "Something-Else-12345", "apiTokensChoice", "offered"));
        String again = laptop.post("/profile/password", mistyped, "/profile").body();
        assertThat(again).as("the choice stays unticked next to the error")
                .doesNotContainPattern("<input[^>]*name=\"revokeApiTokens\"[^>]*checked");
        HttpResponse<String> changed = changePassword(laptop, me, false);

        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(laptop.get("/profile").body())
                .contains("Your password is changed.", "Your other sessions have ended; your API tokens keep working.");
        assertThat(phone.signedIn()).isFalse();
        assertThat(laptop.signedIn()).isTrue();
        assertThat(laptop.send("GET", "/api/v1/me", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
    }

    @Test
    void theApiKeepsTheTokensOnlyWhenAskedTo() throws Exception {
        TestMember me = data.user(data.organizationId());
        String token = issueToken(me);
        HttpBrowser script = new HttpBrowser(port, "curl/8.5.0");
        String keep = "{\"currentPassword\":\"" + me.password() + "\",\"newPassword\":\"" + NEW_PASSWORD + "\",\"revokeApiTokens\":false}";
        assertThat(script.send("POST", "/api/v1/me/password", keep, "Authorization", basic(me.email(), me.password())).statusCode())
                .isEqualTo(204);
        assertThat(script.send("GET", "/api/v1/me", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

        String byDefault = "{\"currentPassword\":\"" + NEW_PASSWORD + "\",\"newPassword\":\"Second-" + NEW_PASSWORD + "\"}";
        assertThat(script.send("POST", "/api/v1/me/password", byDefault, "Authorization", basic(me.email(), NEW_PASSWORD)).statusCode())
                .isEqualTo(204);
        assertThat(script.send("GET", "/api/v1/me", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> changePassword(HttpBrowser browser, TestMember me, boolean revokeTokens) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("currentPassword", me.password());
        form.put("newPassword", NEW_PASSWORD);
        form.put("confirmPassword", NEW_PASSWORD);
        form.put("apiTokensChoice", "offered");
        if (revokeTokens) {
            form.put("revokeApiTokens", "true");
        }
        return browser.post("/profile/password", form, "/profile");
    }

    private String issueToken(TestMember owner) throws Exception {
        HttpResponse<String> created = new HttpBrowser(port, "curl/8.5.0").send("POST", "/api/v1/me/tokens", "{\"name\":\"Backup\"}",
                "Authorization", basic(owner.email(), owner.password()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("token").asString();
    }
}
