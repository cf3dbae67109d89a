package io.gatehouse.support;

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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser as far as the sign-in needs one: its own cookies, redirects followed by hand so each step can be looked at. */
public final class PortalSession {

    private static final Pattern CSRF_FIELD = Pattern.compile(
            "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final String base;
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public PortalSession(int port) {
        this.base = "http://localhost:" + port;
    }

    public HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A page as a browser asks for it: HTML first, in that language. */
    public HttpResponse<String> page(String pathOrUrl, String language) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofSeconds(20)).GET()
                        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").header("Accept-Language", language).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in on the portal's own page, as a person would; answers the page the portal sends them back to. */
    public HttpResponse<String> signIn(String email, String password) throws IOException, InterruptedException {
        String csrf = csrf("/signin");
        return postForm("/signin", Map.of("email", email, "password", password, "_csrf", csrf));
    }

    public String csrf(String page) throws IOException, InterruptedException {
        HttpResponse<String> response = get(page);
        assertThat(response.statusCode()).as("GET %s", page).isEqualTo(200);
        Matcher matcher = CSRF_FIELD.matcher(response.body());
        assertThat(matcher.find()).as("a _csrf field on %s", page).isTrue();
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    /** Follows redirects within Gatehouse; stops at the first answer that is not one, or at a redirect elsewhere. */
    public HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        HttpResponse<String> current = response;
        for (int i = 0; i < 10 && current.statusCode() / 100 == 3; i++) {
            URI next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
            if (!next.toString().startsWith(base)) {
                return current;
            }
            current = get(next.toString());
        }
        return current;
    }

    public String location(HttpResponse<String> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString();
    }

    /** Posts a form of a page, with the page's CSRF token. */
    public HttpResponse<String> submit(String page, String action, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        all.put("_csrf", csrf(page));
        return postForm(action, all);
    }

    public HttpResponse<String> getAsApi(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postAsApi(String path, String authorization) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).header("Accept", "application/json")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON call from the portal's own pages: the session's cookie, and the CSRF token the page's meta tag carries. */
    public HttpResponse<String> postJson(String page, String path, String json) throws IOException, InterruptedException {
        Matcher token = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(get(page).body());
        assertThat(token.find()).as("a CSRF meta tag on %s", page).isTrue();
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("X-CSRF-TOKEN", token.group(1))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
