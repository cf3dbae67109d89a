package io.gatehouse.security.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One browser over real HTTP: its own cookie jar and User-Agent, no automatic redirects. */
final class HttpBrowser {

    static final String FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    static final String CHROME_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    private static final Pattern CSRF_FIELD = Pattern.compile(
            "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final int port;
    private final String userAgent;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    HttpBrowser(int port, String userAgent) {
        this.port = port;
        this.userAgent = userAgent;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> signIn(String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/signin", Map.of("email", email, "password", password), "/signin");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).as("signed in").doesNotContain("error");
        return response;
    }

    /** A form as the page at {@code csrfFrom} would send it, with that page's CSRF token. */
    HttpResponse<String> post(String path, Map<String, String> fields, String csrfFrom) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrfToken(csrfFrom));
        String form = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String csrfToken(String page) throws IOException, InterruptedException {
        HttpResponse<String> response = get(page);
        assertThat(response.statusCode()).as("GET %s", page).isIn(200, 404);
        Matcher matcher = CSRF_FIELD.matcher(response.body());
        assertThat(matcher.find()).as("a _csrf field on %s", page).isTrue();
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    HttpResponse<String> send(String method, String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path).header("Accept", path.startsWith("/api/") ? "application/json" : "text/html");
        for (int i = 0; i < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return client.send(builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An API call with the CSRF token a page of the portal carries, as the portal's own scripts send it. */
    HttpResponse<String> api(String method, String path) throws IOException, InterruptedException {
        return send(method, path, null, "X-CSRF-TOKEN", csrfToken("/"));
    }

    /** Whether the browser is still signed in: the portal's front page answers, rather than sending it to sign in. */
    boolean signedIn() throws IOException, InterruptedException {
        return get("/api/v1/me").statusCode() == 200;
    }

    /** The id of the session the browser's cookie names (Spring Session sends it Base64-encoded). */
    String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("SESSION"))
                .map(cookie -> new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie"));
    }

    static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("User-Agent", userAgent);
    }
}
