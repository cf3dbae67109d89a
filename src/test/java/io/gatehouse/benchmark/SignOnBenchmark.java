package io.gatehouse.benchmark;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Single sign-on and SCIM against the running application: client-credentials tokens, refresh
 * grants with rotation, introspection, the authorization-code flow of a person already signed in,
 * and SCIM user filters on the 50,000-member organization.
 */
final class SignOnBenchmark {

    static final UUID SHOWCASE = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    static final UUID SHOWCASE_ADMINISTRATOR = UUID.fromString("00000000-0000-0000-0000-00000000b001");
    static final String CALLBACK = "https://showcase.example.test/callback";
    static final int PEOPLE = 40;
    /** Rounds of every flow before any is measured. */
    static final int MIXED_WARM_UP = 300;

    private static final Pattern CLIENT_ID = Pattern.compile("\"clientId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CLIENT_SECRET = Pattern.compile("\"clientSecret\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"totalResults\"\\s*:\\s*(\\d+)");

    /** Everything this part measured. */
    record Results(Load.Result clientCredentials, Load.Result introspection, Load.Result authorizationCode, Load.Result refresh,
            Load.Result clientCredentialsEs256, Load.Result refreshEs256, Load.Result scimStartsWith, Load.Result scimEquals,
            int people, int refreshTokens, long scimMatchesLowest, long scimMatchesHighest, WebhookBenchmark.Results webhooks) {

        List<Load.Result> loads() {
            return List.of(clientCredentials, introspection, authorizationCode, refresh, clientCredentialsEs256, refreshEs256,
                    scimStartsWith, scimEquals);
        }
    }

    private final String base;
    private final BenchmarkDatabase database;
    private final DataGenerator.Dataset data;
    private final String managerBearer;
    private final BlockingHttp http;
    private final Consumer<String> step;
    private final java.util.function.LongSupplier appCpuMillis;

    SignOnBenchmark(String base, BenchmarkDatabase database, DataGenerator.Dataset data, String managerBearer, Consumer<String> step,
            java.util.function.LongSupplier appCpuMillis) {
        this.appCpuMillis = appCpuMillis;
        this.base = base;
        this.database = database;
        this.data = data;
        this.managerBearer = managerBearer;
        this.http = BlockingHttp.to(base);
        this.step = step;
    }

    Results run(String adminEmail, String adminPassword) throws Exception {
        String admin = basic(adminEmail, adminPassword);
        step.accept("Registering Showcase 360 as an OpenID Connect client (PUT /api/v1/applications/{id}/client, as the vendor admin)");
        String registration = "{\"redirectUris\":[\"" + CALLBACK + "\"],\"postLogoutRedirectUris\":[],\"consent\":false}";
        BlockingHttp.Response registered = http.put("/api/v1/applications/" + SHOWCASE + "/client", "application/json",
                registration, "Authorization", admin, "Accept", "application/json");
        expect(registered, 200);
        String clientId = group(CLIENT_ID, registered.body());
        String clientSecret = group(CLIENT_SECRET, registered.body());
        String client = basic(clientId, clientSecret);

        Load.Request clientCredentials = i -> {
            BlockingHttp.Response response = http.post("/oauth2/token", "application/x-www-form-urlencoded",
                    "grant_type=client_credentials", "Authorization", client, "Accept", "application/json");
            return expect(response, 200) && ACCESS_TOKEN.matcher(response.body()).find();
        };
        BlockingHttp.Response issued = http.post("/oauth2/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials", "Authorization", client, "Accept", "application/json");
        expect(issued, 200);
        String introspect = "token=" + encode(group(ACCESS_TOKEN, issued.body()));
        Load.Request introspection = i -> {
            BlockingHttp.Response response = http.post("/oauth2/introspect", "application/x-www-form-urlencoded", introspect,
                    "Authorization", client, "Accept", "application/json");
            return expect(response, 200) && response.body().replace(" ", "").contains("\"active\":true");
        };

        List<String> people = peopleWithTheRight();
        step.accept("Signing in " + people.size() + " members of the large organization who hold \"Showcase 360 Administrator\""
                + " (once each, with their password)");
        List<BlockingHttp> sessions = new ArrayList<>();
        for (String email : people) {
            sessions.add(signedIn(email));
        }
        LinkedBlockingQueue<String> refreshTokens = new LinkedBlockingQueue<>();
        String authorize = "/oauth2/authorize?response_type=code&client_id=" + encode(clientId) + "&redirect_uri=" + encode(CALLBACK)
                + "&scope=" + encode("openid profile email") + "&state=bench&nonce=";
        Load.Request codeFlow = i -> {
            BlockingHttp session = sessions.get(i % sessions.size());
            BlockingHttp.Response redirect = session.get(authorize + i);
            expect(redirect, 302);
            String location = redirect.header("Location");
            Matcher code = location == null ? null : CODE.matcher(location);
            if (code == null || !location.startsWith(CALLBACK) || !code.find()) {
                throw new IllegalStateException("The authorization answered " + location);
            }
            BlockingHttp.Response tokens = http.post("/oauth2/token", "application/x-www-form-urlencoded",
                    "grant_type=authorization_code&code=" + code.group(1) + "&redirect_uri=" + encode(CALLBACK),
                    "Authorization", client, "Accept", "application/json");
            expect(tokens, 200);
            refreshTokens.add(group(REFRESH_TOKEN, tokens.body()));
            return true;
        };
        Load.Request refreshGrant = i -> {
            String token = refreshTokens.take();
            BlockingHttp.Response response = http.post("/oauth2/token", "application/x-www-form-urlencoded",
                    "grant_type=refresh_token&refresh_token=" + encode(token), "Authorization", client, "Accept", "application/json");
            expect(response, 200);
            refreshTokens.add(group(REFRESH_TOKEN, response.body()));
            return true;
        };

        // A server in service answers all these requests mixed; run one after another from a cold
        // start, the JIT would compile each for the first alone and deoptimize it on every request
        // of the next (thousands of times a second). So every flow is warmed up in turn first.
        step.accept("Warm-up, unmeasured: " + MIXED_WARM_UP + " rounds of a client-credentials token, an introspection, a code flow"
                + " and a refresh");
        for (int i = 0; i < MIXED_WARM_UP; i++) {
            clientCredentials.call(i);
            introspection.call(i);
            codeFlow.call(i);
            refreshGrant.call(i);
        }

        step.accept("Client-credentials tokens (POST /oauth2/token), concurrency 4");
        Load.Result credentials = load("client-credentials token", 4, 3_000, 20_000, Duration.ofSeconds(20), clientCredentials);
        step.accept("  " + credentials.summary());

        step.accept("Introspection of a valid access token (POST /oauth2/introspect), concurrency 1");
        Load.Result introspected = load("introspection", 1, 2_000, 5_000, Duration.ofSeconds(20), introspection);
        step.accept("  " + introspected.summary());

        step.accept("Authorization-code flow of a person already signed in: GET /oauth2/authorize → 302 with a code → "
                + "POST /oauth2/token, concurrency 1");
        Load.Result authorizationCode = load("authorization code, end to end", 1, 300, 1_500, Duration.ofSeconds(30), codeFlow);
        step.accept("  " + authorizationCode.summary());
        int obtained = refreshTokens.size();

        step.accept("Refresh grants (POST /oauth2/token, grant_type=refresh_token), each with the refresh token the one before"
                + " returned, on " + obtained + " sign-ins, concurrency 4");
        Load.Result refresh = load("refresh grant", 4, 1_000, 20_000, Duration.ofSeconds(20), refreshGrant);
        step.accept("  " + refresh.summary());

        step.accept("Showcase 360's tokens signed with ES256 from now on (PUT …/client with \"signingAlgorithm\": \"ES256\"; the same"
                + " secret and sign-ins)");
        expect(http.put("/api/v1/applications/" + SHOWCASE + "/client", "application/json",
                registration.replace("}", ",\"signingAlgorithm\":\"ES256\"}"), "Authorization", admin, "Accept", "application/json"), 200);
        step.accept("Warm-up, unmeasured: " + MIXED_WARM_UP + " rounds of a client-credentials token and a refresh, ES256");
        for (int i = 0; i < MIXED_WARM_UP; i++) {
            clientCredentials.call(i);
            refreshGrant.call(i);
        }
        step.accept("Client-credentials tokens signed with ES256, concurrency 4");
        Load.Result credentialsEs256 = load("client-credentials token, ES256", 4, 3_000, 20_000, Duration.ofSeconds(20),
                clientCredentials);
        step.accept("  " + credentialsEs256.summary());
        step.accept("Refresh grants signed with ES256 (access and ID token), concurrency 4");
        Load.Result refreshEs256 = load("refresh grant, ES256", 4, 1_000, 20_000, Duration.ofSeconds(20), refreshGrant);
        step.accept("  " + refreshEs256.summary());

        step.accept("SCIM: GET /scim/v2/Users?filter=userName sw \"…\" and eq, in the 50,000-member organization, with a SCIM token"
                + " the Manager made");
        BlockingHttp.Response made = http.post("/api/v1/organizations/" + data.largeOrganization() + "/scim-tokens",
                "application/json", "{\"name\":\"benchmark\"}", "Authorization", managerBearer, "Accept", "application/json");
        expect(made, 201);
        String scim = "Bearer " + group(TOKEN, made.body());
        List<String> emails = emailsOfTheLargeOrganization();
        List<String> prefixes = new ArrayList<>();
        for (int n = 0; n < 60; n++) {
            String email = emails.get((n * 7919) % emails.size());
            prefixes.add(email.substring(0, Math.min(2 + n % 3, email.indexOf('@'))));
        }
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        for (String prefix : prefixes) {
            long total = Long.parseLong(group(TOTAL, scimUsers("userName sw \"" + prefix + "\"", scim).body()));
            lowest = Math.min(lowest, total);
            highest = Math.max(highest, total);
        }
        Load.Result startsWith = load("SCIM userName sw", 1, 200, 1_500, Duration.ofSeconds(30), i -> {
            BlockingHttp.Response response = scimUsers("userName sw \"" + prefixes.get(i % prefixes.size()) + "\"", scim);
            return TOTAL.matcher(response.body()).find();
        });
        step.accept("  " + startsWith.summary() + " (" + lowest + " to " + highest + " matches)");
        Load.Result equals = load("SCIM userName eq", 1, 200, 2_000, Duration.ofSeconds(30), i -> {
            BlockingHttp.Response response = scimUsers("userName eq \"" + emails.get(i % emails.size()) + "\"", scim);
            Matcher total = TOTAL.matcher(response.body());
            return total.find() && total.group(1).equals("1");
        });
        step.accept("  " + equals.summary());
        String es256 = registration.replace("}", ",\"signingAlgorithm\":\"ES256\"}");
        WebhookBenchmark.Results webhooks = new WebhookBenchmark(base, database, data.largeOrganization(), SHOWCASE,
                SHOWCASE_ADMINISTRATOR, managerBearer, step).run(url -> expect(http.put("/api/v1/applications/" + SHOWCASE + "/client",
                        "application/json", url == null ? es256 : es256.replace("}", ",\"webhookUrl\":\"" + url + "\"}"),
                        "Authorization", admin, "Accept", "application/json"), 200));
        return new Results(credentials, introspected, authorizationCode, refresh, credentialsEs256, refreshEs256, startsWith, equals,
                sessions.size(), obtained, lowest, highest, webhooks);
    }

    /**
     * A load run, and the application's own CPU time per request over it (warm-up and repeated runs
     * included): what other processes on the machine change least.
     */
    private Load.Result load(String label, int threads, int warmUp, int maxRequests, Duration maxTime, Load.Request request)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
        long before = appCpuMillis.getAsLong();
        Load.Result result = Load.run(label, threads, warmUp, maxRequests, maxTime, i -> {
            requests.incrementAndGet();
            return request.call(i);
        });
        long used = appCpuMillis.getAsLong() - before;
        step.accept(String.format("  %s: the application used %.2f ms of CPU per request (%d ms for %d requests)", label,
                requests.get() == 0 ? 0.0 : used / (double) requests.get(), used, requests.get()));
        return result;
    }

    private BlockingHttp.Response scimUsers(String filter, String scim) throws IOException {
        BlockingHttp.Response response = http.get("/scim/v2/Users?filter=" + encode(filter).replace("+", "%20"),
                "Authorization", scim, "Accept", "application/scim+json");
        expect(response, 200);
        return response;
    }

    /** Active members of the large organization, on active accounts, who hold Showcase 360's right. */
    private List<String> peopleWithTheRight() throws SQLException {
        List<String> emails = new ArrayList<>();
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement("""
                select u.email from membership m join user_account u on u.id = m.user_id
                join membership_right r on r.membership_id = m.id and r.right_id = ?
                where m.organization_id = ? and m.status = 'ACTIVE' and u.status = 'ACTIVE' order by u.email limit ?""")) {
            statement.setObject(1, SHOWCASE_ADMINISTRATOR);
            statement.setObject(2, data.largeOrganization());
            statement.setInt(3, PEOPLE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    emails.add(rs.getString(1));
                }
            }
        }
        if (emails.isEmpty()) {
            throw new IllegalStateException("nobody in the large organization holds \"Showcase 360 Administrator\"");
        }
        return emails;
    }

    /** 2,000 addresses of members of the large organization, spread over the alphabet. */
    private List<String> emailsOfTheLargeOrganization() throws SQLException {
        List<String> emails = new ArrayList<>();
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement("""
                select u.email from membership m join user_account u on u.id = m.user_id
                where m.organization_id = ? order by md5(u.email) limit 2000""")) {
            statement.setObject(1, data.largeOrganization());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    emails.add(rs.getString(1));
                }
            }
        }
        return emails;
    }

    /** A browser-like client signed in through the portal's sign-in form, keeping its session cookie. */
    private BlockingHttp signedIn(String email) throws IOException {
        BlockingHttp client = BlockingHttp.browserLike(base);
        Matcher csrf = CSRF.matcher(client.get("/signin").body());
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on the sign-in page");
        }
        BlockingHttp.Response signedIn = client.post("/signin", "application/x-www-form-urlencoded", "email=" + encode(email)
                + "&password=" + encode(DataGenerator.PASSWORD) + "&_csrf=" + encode(csrf.group(1)));
        String location = signedIn.header("Location");
        if (signedIn.status() != 302 || location == null || location.contains("error")) {
            throw new IllegalStateException("Sign-in of " + email + " failed: " + signedIn.status() + " " + location);
        }
        return client;
    }

    private static String group(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + pattern + " in " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
        return matcher.group(1);
    }

    private static boolean expect(BlockingHttp.Response response, int status) {
        if (response.status() != status) {
            String body = response.body();
            throw new IllegalStateException("HTTP " + response.status() + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
        return true;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
