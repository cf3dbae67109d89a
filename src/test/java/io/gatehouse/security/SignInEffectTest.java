package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.Role;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sign-in and its revocation over real HTTP, the way a browser and a script see it: a change to an
 * account or a membership counts from the very next request, whatever the credentials.
 */
@IntegrationTest
class SignInEffectTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern CSRF_FIELD = Pattern.compile(
            "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Test
    void formSignInStoresTheSessionInTheDatabaseAndTheCookieReachesTheApi() throws Exception {
        TestMember member = data.user(data.organizationId());
        Browser browser = new Browser();
        assertThat(browser.get("/signin").statusCode()).isEqualTo(200);
        String beforeSignIn = browser.sessionId();

        HttpResponse<String> signIn = browser.signIn(member.email(), member.password());

        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/"));
        assertThat(browser.sessionId()).as("a new session id after sign-in").isNotEqualTo(beforeSignIn);
        assertThat(sessionIdsOf(member)).containsExactly(browser.sessionId());
        assertThat(jdbc.sql("select count(*) from spring_session where session_id = ?").param(beforeSignIn)
                .query(Long.class).single()).isZero();
        HttpResponse<String> me = browser.get("/api/v1/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).path("email").asString()).isEqualTo(member.email());
        assertThat(json(me).path("userId").asString()).isEqualTo(member.id());
    }

    @Test
    void disablingAnAccountEndsItsSessionsOnTheNextRequest() throws Exception {
        TestMember member = data.user(data.organizationId());
        Browser apiBrowser = new Browser();
        Browser pageBrowser = new Browser();
        apiBrowser.signIn(member.email(), member.password());
        pageBrowser.signIn(member.email(), member.password());
        assertThat(apiBrowser.get("/api/v1/me").statusCode()).isEqualTo(200);
        assertThat(pageBrowser.get("/").statusCode()).isEqualTo(200);
        assertThat(sessionIdsOf(member)).hasSize(2);

        assertThat(disable(member).statusCode()).isEqualTo(200);

        assertThat(sessionIdsOf(member)).isEmpty();
        HttpResponse<String> api = apiBrowser.get("/api/v1/me");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        HttpResponse<String> page = pageBrowser.get("/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).contains("/signin"));
        assertThat(sessionIdsOf(member)).isEmpty();
    }

    @Test
    void disablingAnAccountRefusesItsBasicCredentialsAndApiTokensOnTheNextRequest() throws Exception {
        TestMember member = data.user(data.organizationId());
        Browser script = new Browser();
        HttpResponse<String> created = script.send("POST", "/api/v1/me/tokens", "{\"name\":\"deploy\"}",
                "Authorization", basic(member.email(), member.password()));
        assertThat(created.statusCode()).isEqualTo(201);
        String bearer = "Bearer " + json(created).path("token").asString();
        assertThat(script.send("GET", "/api/v1/me", null, "Authorization", basic(member.email(), member.password())).statusCode())
                .isEqualTo(200);
        assertThat(script.send("GET", "/api/v1/me", null, "Authorization", bearer).statusCode()).isEqualTo(200);

        assertThat(disable(member).statusCode()).isEqualTo(200);

        HttpResponse<String> byBasic = script.send("GET", "/api/v1/me", null, "Authorization", basic(member.email(), member.password()));
        assertThat(byBasic.statusCode()).isEqualTo(401);
        assertThat(byBasic.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        assertThat(json(byBasic).path("type").asString()).endsWith("/account-disabled");
        HttpResponse<String> byToken = script.send("GET", "/api/v1/me", null, "Authorization", bearer);
        assertThat(byToken.statusCode()).isEqualTo(401);
        assertThat(byToken.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        // Disabling deleted the account's tokens: the token is unknown now, so enabling again brings it back to no one.
        assertThat(json(byToken).path("type").asString()).endsWith("/unauthorized");
        assertThat(script.cookies()).isEmpty();
    }

    @Test
    void blockingAMembershipShutsTheOpenSessionOutOfThatOrganizationOnly() throws Exception {
        OrganizationId blocking = data.organizationId();
        OrganizationId other = data.organizationId();
        TestMember manager = data.manager(blocking);
        TestMember member = data.user(blocking);
        data.join(member, other, Role.USER);
        Browser browser = new Browser();
        browser.signIn(member.email(), member.password());
        assertThat(browser.get("/api/v1/organizations/" + blocking).statusCode()).isEqualTo(200);
        assertThat(browser.get("/api/v1/organizations/" + other).statusCode()).isEqualTo(200);

        HttpResponse<String> blocked = browser.anonymous("PATCH", "/api/v1/organizations/" + blocking + "/members/" + member.id(),
                "{\"blocked\":true}", "Authorization", basic(manager.email(), manager.password()));
        assertThat(blocked.statusCode()).isEqualTo(200);

        HttpResponse<String> shutOut = browser.get("/api/v1/organizations/" + blocking);
        assertThat(shutOut.statusCode()).isEqualTo(403);
        assertThat(shutOut.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        assertThat(browser.get("/api/v1/organizations/" + blocking + "/sites").statusCode()).isEqualTo(403);
        HttpResponse<String> stillIn = browser.get("/api/v1/organizations/" + other);
        assertThat(stillIn.statusCode()).isEqualTo(200);
        assertThat(json(stillIn).path("id").asString()).isEqualTo(other.toString());
        assertThat(browser.get("/api/v1/me").statusCode()).isEqualTo(200);
    }

    @Test
    void formSignInOfADisabledAccountSaysDisabledAndAWrongPasswordSaysBad() throws Exception {
        TestMember member = data.user(data.organizationId());
        TestMember disabled = data.user(data.organizationId());
        assertThat(disable(disabled).statusCode()).isEqualTo(200);

        Browser wrongPassword = new Browser();
        HttpResponse<String> bad = wrongPassword.signIn(member.email(), "Not-The-Password-123");
        assertThat(bad.statusCode()).isEqualTo(302);
        assertThat(bad.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/signin?error=bad"));
        assertThat(wrongPassword.get("/api/v1/me").statusCode()).isEqualTo(401);

        Browser disabledBrowser = new Browser();
        HttpResponse<String> refused = disabledBrowser.signIn(disabled.email(), disabled.password());
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/signin?error=disabled"));
        assertThat(disabledBrowser.get("/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(sessionIdsOf(disabled)).isEmpty();
        assertThat(disabledBrowser.get("/signin?error=disabled").body()).contains("role=\"alert\"");
    }

    @Test
    void changingTheOwnPasswordEndsTheOtherSessionsButKeepsTheCurrentOne() throws Exception {
        TestMember member = data.user(data.organizationId());
        Browser current = new Browser();
        Browser other = new Browser();
        current.signIn(member.email(), member.password());
        other.signIn(member.email(), member.password());
        assertThat(sessionIdsOf(member)).containsExactlyInAnyOrder(current.sessionId(), other.sessionId());
        String change = "{\"currentPassword\":\"" + member.password() + "\",\"newPassword\":\"Quiet-Lantern-Harbour-31\"}";

        HttpResponse<String> forged = current.send("POST", "/api/v1/me/password", change);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(sessionIdsOf(member)).hasSize(2);

        String csrf = current.csrfToken("/");
        HttpResponse<String> changed = current.send("POST", "/api/v1/me/password", change, "X-CSRF-TOKEN", csrf);

        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(sessionIdsOf(member)).containsExactly(current.sessionId());
        assertThat(current.get("/api/v1/me").statusCode()).isEqualTo(200);
        assertThat(current.get("/").statusCode()).isEqualTo(200);
        assertThat(other.get("/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(other.anonymous("GET", "/api/v1/me", null, "Authorization", basic(member.email(), member.password())).statusCode())
                .isEqualTo(401);
        assertThat(other.anonymous("GET", "/api/v1/me", null, "Authorization", basic(member.email(), "Quiet-Lantern-Harbour-31"))
                .statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> disable(TestMember member) throws IOException, InterruptedException {
        return new Browser().anonymous("PATCH", "/api/v1/users/" + member.id(), "{\"disabled\":true}",
                "Authorization", basic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD));
    }

    private List<String> sessionIdsOf(TestMember member) {
        return jdbc.sql("select session_id from spring_session where principal_name = ?")
                .param(member.id())
                .query(String.class)
                .list()
                .stream()
                .map(String::strip)
                .toList();
    }

    private static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** One browser: its own cookie jar, no automatic redirects, so every answer can be inspected. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        private final HttpClient withoutCookies = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        HttpResponse<String> signIn(String email, String password) throws IOException, InterruptedException {
            String csrf = csrfToken("/signin");
            String form = form(Map.of("email", email, "password", password, "_csrf", csrf));
            HttpRequest request = request("/signin")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }

        /** The CSRF token a page's form carries, as a person's browser would submit it. */
        String csrfToken(String page) throws IOException, InterruptedException {
            HttpResponse<String> response = get(page);
            assertThat(response.statusCode()).as("GET %s", page).isEqualTo(200);
            Matcher matcher = CSRF_FIELD.matcher(response.body());
            assertThat(matcher.find()).as("a _csrf field on %s", page).isTrue();
            return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send("GET", path, null);
        }

        /** A request with this browser's cookies. */
        HttpResponse<String> send(String method, String path, String json, String... headers) throws IOException, InterruptedException {
            return client.send(build(method, path, json, headers), HttpResponse.BodyHandlers.ofString());
        }

        /** A request without any cookie, as a script sends it. */
        HttpResponse<String> anonymous(String method, String path, String json, String... headers)
                throws IOException, InterruptedException {
            return withoutCookies.send(build(method, path, json, headers), HttpResponse.BodyHandlers.ofString());
        }

        List<HttpCookie> cookies() {
            return new ArrayList<>(cookies.getCookieStore().getCookies());
        }

        /** The id of the session the browser's cookie names (Spring Session sends it Base64-encoded). */
        String sessionId() {
            return cookies().stream()
                    .filter(cookie -> cookie.getName().equals("SESSION"))
                    .map(cookie -> new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no session cookie"));
        }

        private HttpRequest build(String method, String path, String json, String... headers) {
            HttpRequest.Builder builder = request(path).header("Accept", path.startsWith("/api/") ? "application/json" : "text/html");
            for (int i = 0; i < headers.length; i += 2) {
                builder.header(headers[i], headers[i + 1]);
            }
            if (json == null) {
                return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
            }
            return builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
        }

        private static String form(Map<String, String> fields) {
            return fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }
}
