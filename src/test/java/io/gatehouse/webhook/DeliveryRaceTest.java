package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.webhook.WebhookFixtures.App;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Several dispatchers (nodes, threads) at once never send one delivery twice: the claim is taken under FOR UPDATE SKIP LOCKED. */
@IntegrationTest
class DeliveryRaceTest {

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeliveryOutbox outbox;

    @Autowired
    DeliveryDispatcher dispatcher;

    @Autowired
    ApplicationWebhooks webhooks;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void twoDispatchersRacingNeverSendOneDeliveryTwice() throws Exception {
        App app = WebhookFixtures.application(jdbc);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            webhooks.configure(data.admin(), app.id(), receiver.url());
            OrganizationId org = data.organizationId();
            Instant now = Instant.now();
            // Due in an hour: the dispatcher's own runs leave them to the two racing below.
            List<UUID> ids = new TransactionTemplate(transactions).execute(status -> java.util.stream.IntStream.range(0, 60)
                    .mapToObj(i -> outbox.insert(new NewDelivery(app.id(), WebhookRenderer.KIND, org, new UserId(UUID.randomUUID()), null,
                            "{\"n\":" + i + "}"), now, now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))))
                    .toList());
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));

            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Integer>> racers = List.of(pool.submit(() -> drain(start, later)), pool.submit(() -> drain(start, later)));
                start.countDown();
                int claimed = 0;
                for (Future<Integer> racer : racers) {
                    claimed += racer.get();
                }
                assertThat(claimed).as("each row claimed by one of them only").isEqualTo(ids.size());
            } finally {
                pool.shutdown();
            }

            Map<String, Long> perId = receiver.received().stream()
                    .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
            assertThat(perId).hasSize(ids.size());
            assertThat(perId.values()).containsOnly(1L);
            Map<String, String> statuses = jdbc.sql("select event_id, status from webhook_delivery where application_id = ?")
                    .param(app.id()).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(statuses.values()).containsOnly("DELIVERED");
            assertThat(statuses.keySet()).isEqualTo(perId.keySet());
        } finally {
            webhooks.remove(data.admin(), app.id());
        }
    }

    private int drain(CountDownLatch start, Clock at) throws InterruptedException {
        start.await();
        int total = 0;
        for (int claimed = dispatcher.sendDue(at); claimed > 0; claimed = dispatcher.sendDue(at)) {
            total += claimed;
        }
        return total;
    }
}
