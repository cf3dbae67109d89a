package io.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.benchmark.AppProcess;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default, as it runs: the application in a process of its own on its H2 file under
 * ./data of its working directory. What it answered as done is there after the process is killed
 * (SIGKILL, no shutdown of anything) right after the answers.
 */
class EmbeddedDatabaseCrashTest {

    private static final String ADMIN_EMAIL = "vendor.admin@crash.example";
    private static final String ADMIN_PASSWORD = "Quiet-Harbour-Signal-Key-73";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyAcknowledgedWriteSurvivesAKillRightAfterTheAnswer() throws Exception {
        String organization;
        List<String> invited = new ArrayList<>();
        try (AppProcess app = start("first-start.log")) {
            HttpResponse<String> created = post(app, "/api/v1/organizations",
                    "{\"name\":\"Crash Test Industries\",\"region\":\"EU\",\"managementMode\":\"SELF_MANAGED\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            organization = id(created.body());
            for (int i = 0; i < 5; i++) {
                String email = "crash-" + i + "@invited.example";
                HttpResponse<String> answer = post(app, "/api/v1/organizations/" + organization + "/invitations",
                        "{\"emails\":\"" + email + "\",\"role\":\"USER\"}");
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).contains("\"INVITED\"");
                invited.add(email);
            }
            // At once after the last answer: no time for anything written later to reach the file.
            app.kill();
        }

        try (AppProcess again = start("restart.log")) {
            HttpResponse<String> found = get(again, "/api/v1/organizations/" + organization);
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            assertThat(found.body()).contains("Crash Test Industries");
            HttpResponse<String> invitations = get(again, "/api/v1/organizations/" + organization + "/invitations");
            assertThat(invitations.statusCode()).as(invitations.body()).isEqualTo(200);
            assertThat(invitations.body()).contains(invited);
        }
        assertThat(work.resolve("data/gatehouse.mv.db")).as("the embedded default's file").exists();
    }

    /**
     * The application on the class path this test runs with (its own classes left out), so that
     * it runs before the jar is packaged; nothing names a database, so it uses the embedded default.
     */
    private AppProcess start(String logName) throws IOException, InterruptedException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        Map<String, String> environment = new HashMap<>();
        environment.put("GATEHOUSE_DB_URL", null);
        environment.put("GATEHOUSE_ADMIN_EMAIL", ADMIN_EMAIL);
        environment.put("GATEHOUSE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("SPRING_MAIL_HOST", null);
        // Each request signs in with a password: a low hashing cost keeps the requests close together.
        environment.put("GATEHOUSE_PASSWORD_ARGON2_MEMORYKIB", "1024");
        environment.put("GATEHOUSE_PASSWORD_ARGON2_ITERATIONS", "1");
        try {
            return AppProcess.startClassPath(classPath, GatehouseApplication.class.getName(),
                    List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), environment, work, logName);
        } catch (IllegalStateException e) {
            Path log = work.resolve(logName);
            throw new IllegalStateException(e.getMessage() + "\n" + (Files.exists(log) ? Files.readString(log) : ""), e);
        }
    }

    private HttpResponse<String> post(AppProcess app, String path, String json) throws IOException, InterruptedException {
        return http.send(request(app, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(AppProcess app, String path) throws IOException, InterruptedException {
        return http.send(request(app, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(AppProcess app, String path) {
        String credentials = Base64.getEncoder().encodeToString((ADMIN_EMAIL + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials)
                .header("Accept", "application/json");
    }

    private static String id(String json) {
        Matcher matcher = ID.matcher(json);
        assertThat(matcher.find()).as(json).isTrue();
        return matcher.group(1);
    }
}
