package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.Memberships;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.webhook.WebhookFixtures.App;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * From the commit of an access change to the application receiving its webhook, at the pace of
 * changes made one after another; and an application down for a while (a minute by default,
 * {@code -Dwebhook.benchmark.outage=60s}) loses nothing and gets each message once. Run with
 * {@code ./mvnw test -Dsurefire.excludedGroups= -Dtest=WebhookLatencyBenchmarkTest}.
 */
@IntegrationTest
@Tag("benchmark")
class WebhookLatencyBenchmarkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationWebhooks webhooks;

    @Autowired
    Memberships memberships;

    @Test
    void fromCommitToReceiptWithinASecondAndNothingLostWhileTheApplicationIsDown() throws Exception {
        App app = WebhookFixtures.application(jdbc);
        OrganizationId org = data.organizationId();
        List<TestMember> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            people.add(data.user(org, app.right()));
        }
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            webhooks.configure(data.admin(), app.id(), receiver.url());
            int changes = 400;
            for (int i = 0; i < changes; i++) {
                TestMember person = people.get(i % people.size());
                if ((i / people.size()) % 2 == 0) {
                    memberships.block(org, person.userId());
                } else {
                    memberships.unblock(org, person.userId());
                }
            }
            WebhookFixtures.await("every change received", () -> receiver.accepted().size() >= changes, Duration.ofMinutes(1));
            // The body's timestamp is the change's, taken just before its commit: an upper bound of commit to receipt.
            List<Long> millis = receiver.accepted().stream()
                    .map(r -> Duration.between(Instant.parse(JSON.readTree(r.body()).get("timestamp").asText()), r.at()).toMillis())
                    .sorted().toList();
            long p50 = percentile(millis, 50);
            long p95 = percentile(millis, 95);
            System.out.printf("[benchmark] webhook commit to receipt, %d changes one after another: p50 %d ms, p95 %d ms, max %d ms%n",
                    changes, p50, p95, millis.get(millis.size() - 1));
            assertThat(p95).isLessThanOrEqualTo(1000);

            Duration outage = Duration.parse("PT" + System.getProperty("webhook.benchmark.outage", "60s").toUpperCase());
            receiver.answer(503);
            int before = receiver.accepted().size();
            Instant down = Instant.now();
            int during = 0;
            while (Duration.between(down, Instant.now()).compareTo(outage) < 0) {
                // Each person blocked in one round and unblocked in the next, so that every call changes something.
                TestMember person = people.get(during % people.size());
                if ((during / people.size()) % 2 == 0) {
                    memberships.block(org, person.userId());
                } else {
                    memberships.unblock(org, person.userId());
                }
                during++;
                Thread.sleep(Math.max(1, outage.toMillis() / 100));
            }
            receiver.answer(204);
            Instant up = Instant.now();
            int expected = before + during;
            WebhookFixtures.await("every change made during the outage received", () -> receiver.accepted().size() >= expected,
                    Duration.ofMinutes(5));
            Duration catchUp = Duration.between(up, Instant.now());
            Map<String, Long> perId = receiver.accepted().stream()
                    .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
            System.out.printf("[benchmark] webhook receiver down %d s: %d changes meanwhile, all received %.1f s after it came back,"
                    + " %d requests refused meanwhile, duplicates received: %d%n", outage.toSeconds(), during, catchUp.toMillis() / 1000.0,
                    receiver.received().size() - receiver.accepted().size(), perId.values().stream().filter(n -> n > 1).count());
            assertThat(perId).hasSize(expected);
            assertThat(perId.values()).containsOnly(1L);
        } finally {
            webhooks.remove(data.admin(), app.id());
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
