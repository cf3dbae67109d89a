package io.gatehouse.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults under steady load on two nodes: one node killed with SIGKILL, and the database restarted.
 */
@ExtendWith(SharedCluster.class)
class NodeFaultsIT {

    private static Cluster cluster;
    private static Node a;
    private static Node b;

    @BeforeAll
    static void nodes(Cluster shared) {
        cluster = shared;
        a = cluster.node(0);
        b = cluster.node(1);
    }

    /** Whatever a test did to the cluster, the next one finds it whole. */
    @AfterEach
    void wholeAgain() throws Exception {
        cluster.database().start();
        cluster.ensureRunning();
    }

    @Test
    void aKilledNodeCostsOnlyItsOwnRequestsSessionsLiveOnAndEveryQueuedMailGoesOutOnce() throws Exception {
        String organization = People.organization(a);
        People.Person manager = People.member(a, organization, "MANAGER");
        Client browser = Client.browser();
        browser.signIn(b, manager.email(), manager.password()); // a session made on the node that will die
        Client token = Client.bearer(Client.basic(manager.email(), manager.password()).createToken(a, "load"));
        String members = "/api/v1/organizations/" + organization + "/members?size=5";

        List<SteadyLoad.Outcome> outcomes;
        long killedAt;
        long backAt;
        List<String> queuedOnB = NodesShareStateIT.addresses("fault-b", 30);
        List<String> queuedWhileDown = NodesShareStateIT.addresses("fault-down", 10);
        int receivedAtKill;
        try (SteadyLoad load = SteadyLoad.start(List.of(a, b), 2, 50, node -> token.get(node, members))) {
            Thread.sleep(1_000);
            // B queues 30 mails and wakes its dispatcher after the commit: it dies while sending them.
            NodesShareStateIT.invite(b, organization, queuedOnB);
            killedAt = load.now();
            b.kill();
            receivedAtKill = ReceivedMail.messageIdsByRecipient(cluster.mail()).keySet().stream().filter(r -> r.startsWith("fault-b")).toList().size();

            NodesShareStateIT.invite(a, organization, queuedWhileDown);
            Client.Response page = browser.page(a, "/profile");
            assertThat(page.status()).as("the session made on the dead node, on the survivor").isEqualTo(200);
            assertThat(page.body()).contains(manager.email());
            Thread.sleep(1_000);

            b.restart(Cluster.START_WITHIN);
            backAt = load.now();
            Thread.sleep(1_000);
            outcomes = load.stop();
        }

        List<SteadyLoad.Outcome> failed = outcomes.stream().filter(SteadyLoad.Outcome::failed).toList();
        assertThat(failed).as("requests that failed").allSatisfy(outcome -> {
            assertThat(outcome.node()).isEqualTo("b");
            assertThat(outcome.answeredAtMs()).isGreaterThanOrEqualTo(killedAt);
            assertThat(outcome.sentAtMs()).isLessThanOrEqualTo(backAt);
        });
        assertThat(outcomes).filteredOn(o -> o.node().equals("a") && o.sentAtMs() > killedAt && o.answeredAtMs() < backAt)
                .as("node a while b was down").isNotEmpty().allSatisfy(o -> assertThat(o.status()).isEqualTo(200));
        assertThat(outcomes).filteredOn(o -> o.node().equals("b") && o.sentAtMs() > backAt)
                .as("node b after its restart").isNotEmpty().allSatisfy(o -> assertThat(o.status()).isEqualTo(200));
        assertThat(browser.page(b, "/profile").status()).as("the same session on the restarted node").isEqualTo(200);

        List<String> queued = new ArrayList<>(queuedOnB);
        queued.addAll(queuedWhileDown);
        // B's claim on its mails runs out (5 s here) and the live nodes send the rest.
        ReceivedMail.awaitEach(cluster.mail(), queued, Duration.ofSeconds(60));
        Thread.sleep(2_000);
        Map<String, List<String>> received = ReceivedMail.messageIdsByRecipient(cluster.mail());
        int copies = 0;
        for (String address : queued) {
            List<String> ids = received.get(address);
            assertThat(new HashSet<>(ids)).as("Message-IDs of the mail to " + address).hasSize(1);
            copies += ids.size() - 1;
        }
        System.out.printf("Node b killed with %d of its 30 mails delivered; %d sent twice%n", receivedAtKill, copies);
        // At most the one mail on the wire when the node died went twice, with the same Message-ID for receivers to drop.
        assertThat(copies).as("mails sent twice (%d of 30 had arrived when b was killed)", receivedAtKill).isLessThanOrEqualTo(1);
        try (Connection db = cluster.database().connect();
                PreparedStatement query = db.prepareStatement(
                        "select count(*) from mail_outbox where recipient_key like 'fault-%' and status <> 'SENT'")) {
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void nodesRecoverFromADatabaseRestartWithoutRestartingAndNothingIsHalfWritten() throws Exception {
        String organization = People.organization(a);
        People.Person manager = People.member(a, organization, "MANAGER");
        Client browser = Client.browser();
        browser.signIn(a, manager.email(), manager.password());
        Client token = Client.bearer(Client.basic(manager.email(), manager.password()).createToken(a, "load"));
        Client basic = Client.basic(manager.email(), manager.password());
        String members = "/api/v1/organizations/" + organization + "/members";
        long pidA = a.pid();
        long pidB = b.pid();
        String prefix = People.unique("outage").toLowerCase();

        List<SteadyLoad.Outcome> outcomes;
        List<String> created = new ArrayList<>();
        Set<String> attempted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> readinessWhileDown = new ArrayList<>();
        List<String> livenessWhileDown = new ArrayList<>();
        long restartedAt;
        java.util.concurrent.atomic.AtomicInteger sequence = new java.util.concurrent.atomic.AtomicInteger();
        try (SteadyLoad reads = SteadyLoad.start(List.of(a, b), 1, 50, node -> token.get(node, members + "?size=5"));
                SteadyLoad writes = SteadyLoad.start(List.of(a, b), 1, 200, node -> {
                    String email = prefix + "-" + sequence.incrementAndGet() + "@example.test";
                    attempted.add(email);
                    Client.Response response = token.post(node, members, "{\"firstName\":\"Out\",\"lastName\":\"Age\",\"email\":\""
                            + email + "\",\"password\":\"" + People.PASSWORD + "\",\"role\":\"USER\"}");
                    if (response.status() == 201) {
                        synchronized (created) {
                            created.add(email);
                        }
                    }
                    return response;
                })) {
            Thread.sleep(1_500);
            cluster.database().stop();
            long stoppedAt = System.nanoTime();
            // Down for a while: each node notices, says so, and keeps running.
            while (System.nanoTime() - stoppedAt < Duration.ofSeconds(6).toNanos()) {
                for (Node node : List.of(a, b)) {
                    readinessWhileDown.add(node.name() + ":" + node.readiness());
                    livenessWhileDown.add(node.name() + ":" + liveness(node));
                }
                Thread.sleep(500);
            }
            cluster.database().start();
            restartedAt = reads.now();
            for (Node node : List.of(a, b)) {
                node.awaitReady(Duration.ofSeconds(30));
            }
            long readyAt = reads.now();
            Thread.sleep(2_000);
            outcomes = reads.stop();
            writes.stop();
            outcomes = new ArrayList<>(outcomes);
            outcomes.addAll(writes.outcomes());
            final long recovered = readyAt;
            assertThat(outcomes).filteredOn(o -> o.sentAtMs() > recovered + 500)
                    .as("requests once the nodes said they were ready again").isNotEmpty()
                    .allSatisfy(o -> assertThat(o.status()).isBetween(200, 299));
        }

        assertThat(readinessWhileDown).as("readiness while the database was away").contains("a:DOWN", "b:DOWN");
        assertThat(livenessWhileDown).as("liveness while the database was away").containsOnly("a:UP", "b:UP");
        assertThat(a.pid()).isEqualTo(pidA);
        assertThat(b.pid()).isEqualTo(pidB);
        assertThat(outcomes).as("requests that failed while the database was away").anyMatch(SteadyLoad.Outcome::failed);
        assertThat(browser.page(b, "/profile").status()).as("a session from before the restart").isEqualTo(200);
        assertThat(basic.get(b, "/api/v1/me").status()).isEqualTo(200);

        // Each attempted creation is all there (account, membership, audit entry) or not at all.
        try (Connection db = cluster.database().connect();
                PreparedStatement query = db.prepareStatement("""
                        select u.email,
                               (select count(*) from membership m where m.user_id = u.id and m.organization_id = ?::uuid),
                               (select count(*) from audit_entry e where e.action = 'member.added' and e.target_id = u.id::text)
                        from user_account u where u.email like ?""")) {
            query.setString(1, organization);
            query.setString(2, prefix + "-%");
            List<String> stored = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                    assertThat(rs.getInt(2)).as("membership of " + rs.getString(1)).isEqualTo(1);
                    assertThat(rs.getInt(3)).as("audit entry of " + rs.getString(1)).isEqualTo(1);
                }
            }
            assertThat(stored).as("stored accounts").containsAll(created);
            assertThat(attempted).containsAll(stored);
            assertThat(attempted.size()).as("attempts").isGreaterThan(created.size());
        }
    }

    private static String liveness(Node node) {
        try {
            Client.Response response = Client.anonymous().get(node, "/actuator/health/liveness");
            return response.status() == 200 && response.body().contains("\"UP\"") ? "UP" : "HTTP " + response.status();
        } catch (Exception e) {
            return "UNREACHABLE";
        }
    }
}
