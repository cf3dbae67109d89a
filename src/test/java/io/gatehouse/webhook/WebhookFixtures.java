package io.gatehouse.webhook;

import io.gatehouse.support.TestData;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Applications of their own for each test, so that no other test's changes reach their webhooks. */
final class WebhookFixtures {

    private WebhookFixtures() {
    }

    record App(UUID id, String name, String right) {
    }

    static App application(JdbcClient jdbc) {
        UUID id = UUID.randomUUID();
        String name = TestData.unique("App");
        jdbc.sql("insert into application (id, name, managed_externally, position) values (?, ?, false, 100)").params(id, name).update();
        String right = name + " User";
        jdbc.sql("insert into access_right (id, application_id, name, position) values (?, ?, ?, 1)")
                .params(UUID.randomUUID(), id, right).update();
        return new App(id, name, right);
    }

    /** Waits until the condition holds, at most ten seconds: for what the dispatcher does on its own thread. */
    static void await(String what, BooleanSupplier condition) {
        await(what, condition, Duration.ofSeconds(10));
    }

    static void await(String what, BooleanSupplier condition, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within " + limit.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
