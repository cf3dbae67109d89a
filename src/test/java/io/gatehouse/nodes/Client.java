package io.gatehouse.nodes;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
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

/**
 * Someone calling the nodes over HTTP: a browser (its own cookie jar, shared by every node as behind
 * a load balancer, since cookies belong to the host and not the port), or a script with HTTP Basic
 * or a personal API token. Redirects are not followed, so a test sees where it is sent.
 */
public final class Client {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    /** What a node answered. */
    public record Response(int status, String body, HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** A value of the JSON body, e.g. {@code json("$.userId")}. */
        public <T> T json(String path) {
            return JsonPath.read(body, path);
        }

        @Override
        public String toString() {
            return "HTTP " + status + (header("Location") != null ? " -> " + header("Location") : "") + " "
                    + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    private final HttpClient http;
    private final String authorization;

    private Client(boolean cookies, String authorization) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2));
        if (cookies) {
            builder.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
        }
        this.http = builder.build();
        this.authorization = authorization;
    }

    /** A browser: keeps the session (and device) cookies it is given. */
    public static Client browser() {
        return new Client(true, null);
    }

    /** Someone not signed in, who keeps no cookies. */
    public static Client anonymous() {
        return new Client(false, null);
    }

    /** A script signing in with HTTP Basic on every request; it keeps no cookies. */
    public static Client basic(String email, String password) {
        return new Client(false, "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** A script with a personal API token ({@code Authorization: Bearer}); it keeps no cookies. */
    public static Client bearer(String token) {
        return new Client(false, "Bearer " + token);
    }

    /** The vendor admin with HTTP Basic. */
    public static Client admin() {
        return basic(Cluster.ADMIN_EMAIL, Cluster.ADMIN_PASSWORD);
    }

    public Response get(Node node, String path) throws IOException, InterruptedException {
        return send(node, request(node, path).GET());
    }

    /** A portal page (Accept: text/html). */
    public Response page(Node node, String path) throws IOException, InterruptedException {
        return send(node, request(node, path).header("Accept", "text/html").GET());
    }

    public Response post(Node node, String path, String json) throws IOException, InterruptedException {
        return send(node, json(request(node, path)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patch(Node node, String path, String json) throws IOException, InterruptedException {
        return send(node, json(request(node, path)).method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(Node node, String path, String json) throws IOException, InterruptedException {
        return send(node, json(request(node, path)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(Node node, String path) throws IOException, InterruptedException {
        return send(node, request(node, path).DELETE());
    }

    /** A portal form, with the CSRF token of the page at {@code formPage} (read first, on the same node). */
    public Response submit(Node node, String formPage, String action, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf(node, formPage));
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(node, request(node, action).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Signs in through the portal's sign-in form; the session cookie then opens the portal on every
     * node. Fails unless the form sends the browser on to the portal.
     */
    public Response signIn(Node node, String email, String password) throws IOException, InterruptedException {
        Response response = signInAttempt(node, email, password);
        String location = response.header("Location");
        if (response.status() != 302 || location == null || location.contains("/signin")) {
            throw new IllegalStateException("Portal sign-in of " + email + " on " + node + " failed: " + response);
        }
        return response;
    }

    /** Posts the sign-in form and returns the answer, whatever it is (e.g. a redirect to /signin?error=throttled). */
    public Response signInAttempt(Node node, String email, String password) throws IOException, InterruptedException {
        return submit(node, "/signin", "/signin", Map.of("email", email, "password", password));
    }

    /** Creates a personal API token of this client's account (valid one day) and returns its secret. */
    public String createToken(Node node, String name) throws IOException, InterruptedException {
        Response response = post(node, "/api/v1/me/tokens", "{\"name\":\"" + name + "\",\"expiresInDays\":1}");
        if (response.status() != 201) {
            throw new IllegalStateException("No API token: " + response);
        }
        return response.json("$.token");
    }

    /** The CSRF token of a portal page. */
    public String csrf(Node node, String page) throws IOException, InterruptedException {
        Response response = page(node, page);
        Matcher matcher = CSRF.matcher(response.body());
        if (!matcher.find()) {
            throw new IllegalStateException("No CSRF token on " + page + " of " + node + ": " + response);
        }
        return matcher.group(1);
    }

    private HttpRequest.Builder request(Node node, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder) {
        return builder.header("Content-Type", "application/json").header("Accept", "application/json");
    }

    private Response send(Node node, HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpRequest request = builder.build();
        if (request.headers().firstValue("Accept").isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true).header("Accept", "application/json").build();
        }
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response.headers());
    }
}
