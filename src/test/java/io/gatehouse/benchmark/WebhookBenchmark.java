package io.gatehouse.benchmark;

import io.gatehouse.webhook.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The "access changed" webhook, measured from outside as an application sees it: a receiver on
 * this machine, Showcase 360's webhook pointed at it, and the large organization's Manager
 * blocking and unblocking people who hold Showcase 360's right through the API, one change after
 * another. Each webhook's body carries the change's time, taken just before its commit, so the
 * receipt time less that is an upper bound of commit to receipt. Then the receiver answers 503 for
 * a while, changes go on, and it comes back: every change must arrive, and once.
 */
final class WebhookBenchmark {

    static final int CHANGES = 400;
    static final int PEOPLE = 50;
    static final Duration OUTAGE = Duration.ofSeconds(60);

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\"\\s*:\\s*\"([^\"]+)\"");

    record Results(int changes, long p50Ms, long p95Ms, long maxMs, long outageSeconds, int changedMeanwhile, int refusedMeanwhile,
            double catchUpSeconds, long received, long expected, long duplicates) {

        long lost() {
            return Math.max(0, expected - received);
        }
    }

    private final String base;
    private final BenchmarkDatabase database;
    private final UUID organization;
    private final UUID application;
    private final UUID right;
    private final String managerBearer;
    private final Consumer<String> step;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    WebhookBenchmark(String base, BenchmarkDatabase database, UUID organization, UUID application, UUID right, String managerBearer,
            Consumer<String> step) {
        this.base = base;
        this.database = database;
        this.organization = organization;
        this.application = application;
        this.right = right;
        this.managerBearer = managerBearer;
        this.step = step;
    }

    /**
     * Runs both parts; {@code pointWebhookAt} registers the application's webhook at the given
     * address (or removes it, given null).
     */
    Results run(ThrowingConsumer<String> pointWebhookAt) throws Exception {
        List<UUID> people = peopleWithTheRight();
        boolean[] blocked = new boolean[people.size()];
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            pointWebhookAt.accept(receiver.url());
            step.accept("Webhooks: " + CHANGES + " access changes one after another (PATCH …/members/{id} blocking, then unblocking, "
                    + people.size() + " people who hold Showcase 360's right), each received by a webhook receiver on this machine");
            for (int i = 0; i < CHANGES; i++) {
                toggle(people, blocked, i);
            }
            await(() -> receiver.accepted().size() >= CHANGES, Duration.ofMinutes(1), "every change received");
            List<Long> millis = receiver.accepted().stream().map(WebhookBenchmark::commitToReceipt).sorted().toList();
            long p50 = percentile(millis, 50);
            long p95 = percentile(millis, 95);
            long max = millis.get(millis.size() - 1);
            step.accept(String.format("  commit to receipt: p50 %d ms, p95 %d ms, max %d ms", p50, p95, max));

            step.accept("Webhooks: the receiver answers 503 for " + OUTAGE.toSeconds() + " s while changes go on, then 204 again");
            receiver.answer(503);
            int before = receiver.accepted().size();
            Instant down = Instant.now();
            int during = 0;
            while (Duration.between(down, Instant.now()).compareTo(OUTAGE) < 0) {
                toggle(people, blocked, CHANGES + during);
                during++;
                Thread.sleep(OUTAGE.toMillis() / 100);
            }
            receiver.answer(204);
            Instant up = Instant.now();
            int expected = before + during;
            await(() -> receiver.accepted().size() >= expected, Duration.ofMinutes(5), "every change made during the outage received");
            double catchUp = Duration.between(up, Instant.now()).toMillis() / 1000.0;
            Map<String, Long> perId = receiver.accepted().stream()
                    .collect(Collectors.groupingBy(r -> String.valueOf(r.header("webhook-id")), Collectors.counting()));
            int refused = receiver.received().size() - receiver.accepted().size();
            long duplicates = perId.values().stream().filter(n -> n > 1).count();
            step.accept(String.format("  %d changes meanwhile, %d deliveries refused meanwhile; all received %.1f s after it came back;"
                    + " %d distinct messages of %d, %d received twice", during, refused, catchUp, perId.size(), expected, duplicates));
            return new Results(CHANGES, p50, p95, max, OUTAGE.toSeconds(), during, refused, catchUp, perId.size(), expected, duplicates);
        } finally {
            for (int i = 0; i < people.size(); i++) {
                if (blocked[i]) {
                    patch(people.get(i), false);
                }
            }
            pointWebhookAt.accept(null);
        }
    }

    /** Each person blocked in one round and unblocked in the next, so that every call changes something. */
    private void toggle(List<UUID> people, boolean[] blocked, int change) throws Exception {
        int person = change % people.size();
        blocked[person] = (change / people.size()) % 2 == 0;
        patch(people.get(person), blocked[person]);
    }

    private void patch(UUID person, boolean block) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/organizations/" + organization + "/members/" + person))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"blocked\":" + block + "}"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", managerBearer).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Blocking " + person + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static long commitToReceipt(WebhookReceiver.Received received) {
        Matcher at = TIMESTAMP.matcher(received.body());
        if (!at.find()) {
            throw new IllegalStateException("A webhook without a timestamp: " + received.body());
        }
        return Duration.between(Instant.parse(at.group(1)), received.at()).toMillis();
    }

    private List<UUID> peopleWithTheRight() throws Exception {
        List<UUID> people = new ArrayList<>();
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement("""
                select m.user_id from membership m join user_account u on u.id = m.user_id
                join membership_right r on r.membership_id = m.id and r.right_id = ?
                where m.organization_id = ? and m.status = 'ACTIVE' and u.status = 'ACTIVE' and m.role <> 'MANAGER'
                order by u.email desc limit ?""")) {
            statement.setObject(1, right);
            statement.setObject(2, organization);
            statement.setInt(3, PEOPLE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    people.add(rs.getObject(1, UUID.class));
                }
            }
        }
        if (people.size() < PEOPLE) {
            throw new IllegalStateException("Only " + people.size() + " people of the large organization hold Showcase 360's right");
        }
        return people;
    }

    private static void await(BooleanSupplier done, Duration atMost, String what) throws InterruptedException {
        Instant until = Instant.now().plus(atMost);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("Not within " + atMost.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    /** A step that may fail like the HTTP calls around it. */
    interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }
}
