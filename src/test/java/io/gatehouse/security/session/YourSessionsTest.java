package io.gatehouse.security.session;

import static io.gatehouse.security.session.HttpBrowser.CHROME_ON_LINUX;
import static io.gatehouse.security.session.HttpBrowser.FIREFOX_ON_WINDOWS;
import static io.gatehouse.security.session.HttpBrowser.SAFARI_ON_IPHONE;
import static io.gatehouse.security.session.HttpBrowser.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** "Your sessions" over real HTTP, in the page and the API: what is listed, and what ending one does. */
@IntegrationTest
class YourSessionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theListShowsEachSessionsDeviceAddressAndLastSeenAndMarksThisOne() throws Exception {
        TestMember me = data.user(data.organizationId());
        HttpBrowser laptop = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        HttpBrowser phone = new HttpBrowser(port, SAFARI_ON_IPHONE);
        laptop.signIn(me.email(), me.password());
        phone.signIn(me.email(), me.password());

        HttpResponse<String> page = laptop.get("/account/sessions");

        assertThat(page.statusCode()).isEqualTo(200);
        String laptopRow = row(page.body(), primaryId(laptop));
        String phoneRow = row(page.body(), primaryId(phone));
        assertThat(laptopRow).contains("Firefox on Windows", "127.0.0.1", "This session").doesNotContain("End session");
        assertThat(phoneRow).contains("Safari on iOS", "127.0.0.1", "End session").doesNotContain("This session");

        JsonNode list = JSON.readTree(laptop.get("/api/v1/me/sessions").body());
        assertThat(list.size()).isEqualTo(2);
        for (JsonNode session : list) {
            boolean mine = session.path("id").asString().equals(primaryId(laptop));
            assertThat(session.path("current").asBoolean()).isEqualTo(mine);
            assertThat(session.path("device").asString()).isEqualTo(mine ? "Firefox on Windows" : "Safari on iOS");
            assertThat(session.path("browser").asString()).isEqualTo(mine ? "Firefox" : "Safari");
            assertThat(session.path("operatingSystem").asString()).isEqualTo(mine ? "Windows" : "iOS");
            assertThat(session.path("address").asString()).isEqualTo("127.0.0.1");
            Instant started = Instant.parse(session.path("startedAt").asString());
            Instant lastSeen = Instant.parse(session.path("lastSeenAt").asString());
            assertThat(started).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(5, ChronoUnit.MINUTES));
            assertThat(lastSeen).isAfterOrEqualTo(started.truncatedTo(ChronoUnit.SECONDS));
        }
        String apiDocs = laptop.send("GET", "/v3/api-docs", null, "Accept", "application/json").body();
        assertThat(apiDocs).as("documented").contains("\"/api/v1/me/sessions\"", "\"/api/v1/me/sessions/{sessionId}\"");
        JsonNode inFrench = JSON.readTree(laptop.send("GET", "/api/v1/me/sessions", null, "Accept-Language", "fr").body());
        assertThat(java.util.List.of(inFrench.get(0).path("device").asString(), inFrench.get(1).path("device").asString()))
                .containsExactlyInAnyOrder("Firefox sous Windows", "Safari sous iOS");
    }

    @Test
    void endingASessionSignsItsBrowserOutOnItsNextRequestAndIsAudited() throws Exception {
        TestMember me = data.user(data.organizationId());
        HttpBrowser laptop = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        HttpBrowser phone = new HttpBrowser(port, SAFARI_ON_IPHONE);
        laptop.signIn(me.email(), me.password());
        phone.signIn(me.email(), me.password());
        String phoneSession = primaryId(phone);

        HttpResponse<String> asked = laptop.post("/account/sessions/" + phoneSession + "/end", Map.of(), "/account/sessions");
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("End this session?", "End the session of Safari on iOS (127.0.0.1)?");
        assertThat(phone.signedIn()).as("asking ends nothing").isTrue();

        HttpResponse<String> ended = laptop.post("/account/sessions/" + phoneSession + "/end", Map.of("confirmed", "true"),
                "/account/sessions");

        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(phone.signedIn()).isFalse();
        HttpResponse<String> page = phone.get("/account/sessions");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).contains("/signin");
        assertThat(laptop.signedIn()).isTrue();
        assertThat(laptop.get("/account/sessions").body()).contains("The session of Safari on iOS has ended.");
        assertThat(jdbc.sql("select count(*) from session_sign_in where session_primary_id = ?").param(phoneSession)
                .query(Long.class).single()).as("what was noted goes with the session").isZero();
        assertThat(audited("session.ended", phoneSession)).isEqualTo(1);

        // The API does the same, and a session already ended is not found again.
        HttpBrowser tablet = new HttpBrowser(port, CHROME_ON_LINUX);
        tablet.signIn(me.email(), me.password());
        assertThat(laptop.api("DELETE", "/api/v1/me/sessions/" + primaryId(tablet)).statusCode()).isEqualTo(204);
        assertThat(tablet.signedIn()).isFalse();
        assertThat(laptop.api("DELETE", "/api/v1/me/sessions/" + phoneSession).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherPersonsSessionOrTokenIdIsNotFound() throws Exception {
        TestMember me = data.user(data.organizationId());
        TestMember other = data.user(data.organizationId());
        HttpBrowser mine = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        HttpBrowser theirs = new HttpBrowser(port, SAFARI_ON_IPHONE);
        mine.signIn(me.email(), me.password());
        theirs.signIn(other.email(), other.password());
        String theirSession = primaryId(theirs);
        String theirToken = issueToken(theirs, other);

        HttpResponse<String> endPage = mine.post("/account/sessions/" + theirSession + "/end", Map.of("confirmed", "true"), "/account/sessions");
        assertThat(endPage.statusCode()).isEqualTo(404);
        HttpResponse<String> endApi = mine.api("DELETE", "/api/v1/me/sessions/" + theirSession);
        assertThat(endApi.statusCode()).isEqualTo(404);
        assertThat(endApi.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(endApi.body()).path("detail").asString()).isNotBlank();
        assertThat(mine.post("/account/sessions/tokens/" + theirToken + "/revoke", Map.of("confirmed", "true"), "/account/sessions")
                .statusCode()).isEqualTo(404);
        assertThat(mine.api("DELETE", "/api/v1/me/tokens/" + theirToken).statusCode()).isEqualTo(404);
        assertThat(mine.api("DELETE", "/api/v1/me/sessions/not-a-session").statusCode()).isEqualTo(404);
        assertThat(mine.api("DELETE", "/api/v1/me/sessions/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(mine.get("/account/sessions").body()).doesNotContain(theirSession, theirToken);

        assertThat(theirs.signedIn()).isTrue();
        assertThat(theirs.send("GET", "/api/v1/me", null, "Authorization", "Bearer " + tokenValue).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_entry where action like 'session.%' and target_id = ?").param(theirSession)
                .query(Long.class).single()).isZero();
    }

    @Test
    void signingOutEverywhereKeepsThisSessionAndRevokesTheTokensOnlyWhenAsked() throws Exception {
        TestMember me = data.user(data.organizationId());
        HttpBrowser laptop = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        HttpBrowser phone = new HttpBrowser(port, SAFARI_ON_IPHONE);
        HttpBrowser desktop = new HttpBrowser(port, CHROME_ON_LINUX);
        for (HttpBrowser browser : new HttpBrowser[] {laptop, phone, desktop}) {
            browser.signIn(me.email(), me.password());
        }
        issueToken(laptop, me);
        String token = tokenValue;

        HttpResponse<String> asked = laptop.post("/account/sessions/end-others", Map.of(), "/account/sessions");
        assertThat(asked.body()).contains("Every other session ends at once (2 in all); this one stays signed in. Your API tokens keep working.");
        assertThat(phone.signedIn()).isTrue();
        HttpResponse<String> done = laptop.post("/account/sessions/end-others", Map.of("confirmed", "true"), "/account/sessions");
        assertThat(done.statusCode()).isEqualTo(302);

        assertThat(laptop.signedIn()).isTrue();
        assertThat(phone.signedIn()).isFalse();
        assertThat(desktop.signedIn()).isFalse();
        assertThat(laptop.get("/account/sessions").body()).contains("Other sessions ended: 2. This session stays signed in.");
        assertThat(laptop.send("GET", "/api/v1/me", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

        phone.signIn(me.email(), me.password());
        HttpResponse<String> badInput = laptop.api("DELETE", "/api/v1/me/sessions?revokeApiTokens=maybe");
        assertThat(badInput.statusCode()).isEqualTo(400);
        assertThat(badInput.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(phone.signedIn()).as("bad input changes nothing").isTrue();
        HttpResponse<String> withTokens = laptop.api("DELETE", "/api/v1/me/sessions?revokeApiTokens=true");
        assertThat(withTokens.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(withTokens.body()).path("sessionsEnded").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(withTokens.body()).path("apiTokensRevoked").asInt()).isEqualTo(1);
        assertThat(phone.signedIn()).isFalse();
        assertThat(laptop.signedIn()).isTrue();
        assertThat(laptop.send("GET", "/api/v1/me", null, "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'session.signedOutEverywhere' and actor_id = ?")
                .param(me.userId().value()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aTokenNotesWhenAndFromWhereItWasLastUsedAtMostOnceAMinute() throws Exception {
        TestMember me = data.user(data.organizationId());
        HttpBrowser laptop = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        laptop.signIn(me.email(), me.password());
        String id = issueToken(laptop, me);
        HttpBrowser script = new HttpBrowser(port, "curl/8.5.0");

        assertThat(script.send("GET", "/api/v1/me", null, "Authorization", "Bearer " + tokenValue).statusCode()).isEqualTo(200);
        Timestamp first = lastUsed(id);
        assertThat(first).isNotNull();
        assertThat(jdbc.sql("select last_used_address from api_token where id = ?").param(UUID.fromString(id)).query(String.class).single())
                .isEqualTo("127.0.0.1");
        assertThat(script.send("GET", "/api/v1/me", null, "Authorization", "Bearer " + tokenValue).statusCode()).isEqualTo(200);
        assertThat(lastUsed(id)).as("no write within the minute").isEqualTo(first);

        jdbc.sql("update api_token set last_used_at = ?, last_used_address = null where id = ?")
                .params(Timestamp.from(Instant.now().minus(2, ChronoUnit.MINUTES)), UUID.fromString(id)).update();
        script.send("GET", "/api/v1/me", null, "Authorization", "Bearer " + tokenValue);
        assertThat(lastUsed(id).toInstant()).isAfter(first.toInstant().minusSeconds(1));
        String row = row(laptop.get("/account/sessions").body(), "data-token=\"" + id + "\"", true);
        assertThat(row).contains("Deploy script", "127.0.0.1", "Revoke");
        JsonNode tokens = JSON.readTree(laptop.get("/api/v1/me/tokens").body());
        assertThat(tokens.get(0).path("lastUsedAddress").asString()).isEqualTo("127.0.0.1");
    }

    private String tokenValue;

    private String issueToken(HttpBrowser browser, TestMember owner) throws Exception {
        HttpResponse<String> created = browser.send("POST", "/api/v1/me/tokens", "{\"name\":\"Deploy script\"}",
                "Authorization", basic(owner.email(), owner.password()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        tokenValue = JSON.readTree(created.body()).path("token").asString();
        return JSON.readTree(created.body()).path("id").asString();
    }

    private Timestamp lastUsed(String tokenId) {
        return jdbc.sql("select last_used_at from api_token where id = ?").param(UUID.fromString(tokenId)).query(Timestamp.class).single();
    }

    private long audited(String action, String target) {
        return jdbc.sql("select count(*) from audit_entry where action = ? and target_id = ?").params(action, target)
                .query(Long.class).single();
    }

    private String primaryId(HttpBrowser browser) {
        return jdbc.sql("select primary_id from spring_session where session_id = ?").param(browser.sessionId())
                .query(String.class).single().strip();
    }

    private static String row(String html, String sessionId) {
        return row(html, "data-session=\"" + sessionId + "\"", true);
    }

    private static String row(String html, String marker, boolean required) {
        Matcher matcher = Pattern.compile("<tr[^>]*" + Pattern.quote(marker) + "[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(matcher.find()).as("a row with %s", marker).isEqualTo(required);
        return matcher.group(1);
    }
}
