package io.gatehouse.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two application processes started from the packaged jar on one PostgreSQL: what is done through
 * one node is in force on the other at once.
 */
@ExtendWith(SharedCluster.class)
class NodesShareStateIT {

    private static final String WRONG = "Definitely-Not-It-404";

    private static Cluster cluster;
    private static Node a;
    private static Node b;

    @BeforeAll
    static void nodes(Cluster shared) {
        cluster = shared;
        a = cluster.node(0);
        b = cluster.node(1);
    }

    @Test
    void aPersonDisabledThroughOneNodeIsRefusedOnTheOtherAtTheNextRequestWhateverTheySignedInWith() throws Exception {
        String organization = People.organization(a);
        People.Person person = People.member(a, organization, "USER");
        Client browser = Client.browser();
        browser.signIn(a, person.email(), person.password());
        Client basic = Client.basic(person.email(), person.password());
        Client token = Client.bearer(basic.createToken(a, "cluster"));
        assertThat(browser.page(a, "/profile").status()).isEqualTo(200);
        assertThat(basic.get(a, "/api/v1/me").status()).isEqualTo(200);
        assertThat(token.get(a, "/api/v1/me").status()).isEqualTo(200);

        People.expect(Client.admin().patch(b, "/api/v1/users/" + person.userId(), "{\"disabled\":true}"), 200);

        // Disabling ends the person's sessions in the database: the session cookie opens nothing on any node.
        Client.Response page = browser.page(a, "/profile");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).startsWith("/signin");
        assertThat(basic.get(a, "/api/v1/me").status()).isEqualTo(401);
        assertThat(token.get(a, "/api/v1/me").status()).isEqualTo(401);
        // The session ended with the refusal: enabling the account again does not bring it back.
        People.expect(Client.admin().patch(b, "/api/v1/users/" + person.userId(), "{\"disabled\":false}"), 200);
        assertThat(browser.page(a, "/profile").header("Location")).startsWith("/signin");
        assertThat(basic.get(a, "/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void failedSignInsCountedOnOneNodeRefuseTheAccountOnTheOther() throws Exception {
        People.Person person = People.member(a, People.organization(a), "USER");
        Client guesser = Client.basic(person.email(), WRONG);
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(guesser.get(a, "/api/v1/me").status()).isEqualTo(401);
        }

        Client.Response api = Client.basic(person.email(), person.password()).get(b, "/api/v1/me");
        assertThat(api.status()).isEqualTo(429);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.body()).contains("too-many-sign-ins");
        assertThat(Long.parseLong(api.header("Retry-After"))).isPositive();
        Client browser = Client.browser();
        Client.Response form = browser.signInAttempt(b, person.email(), person.password());
        assertThat(form.header("Location")).isEqualTo("/signin?error=throttled");
        assertThat(browser.page(b, "/signin?error=throttled").body())
                .contains("Too many failed attempts. Wait 15 minutes, then try again.");
    }

    @Test
    void eachMailIsSentOnceThoughEveryNodeDispatches() throws Exception {
        String organization = People.organization(a);
        List<String> throughA = addresses("once-a", 15);
        List<String> throughB = addresses("once-b", 15);
        // Both nodes queue mail at the same moment, and both dispatchers look for due mail every 250 ms.
        Thread other = new Thread(() -> invite(b, organization, throughB));
        other.start();
        invite(a, organization, throughA);
        other.join();
        List<String> all = new ArrayList<>(throughA);
        all.addAll(throughB);

        ReceivedMail.awaitEach(cluster.mail(), all, Duration.ofSeconds(30));
        Thread.sleep(2_000); // many polls of both nodes later

        Map<String, List<String>> received = ReceivedMail.messageIdsByRecipient(cluster.mail());
        for (String address : all) {
            assertThat(received.get(address)).as("mail to " + address).hasSize(1);
        }
        try (Connection db = cluster.database().connect();
                PreparedStatement query = db.prepareStatement(
                        "select count(*), sum(attempts), min(status), max(status) from mail_outbox where recipient_key like 'once-%'")) {
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(30);
                assertThat(rs.getInt(2)).isEqualTo(30);
                assertThat(rs.getString(3)).isEqualTo("SENT");
                assertThat(rs.getString(4)).isEqualTo("SENT");
            }
        }
    }

    @Test
    void aSigningKeyRotatedOnOneNodeIsPublishedByTheOtherWithinASecond() throws Exception {
        assertThat(Client.anonymous().get(b, "/oauth2/jwks").status()).isEqualTo(200); // B has read the keys as they were

        Client.Response rotated = People.expect(Client.admin().post(a, "/api/v1/oidc/signing-keys/rotate", "{}"), 200);
        long rotatedAt = System.nanoTime();
        String kid = rotated.json("$.kid");

        Duration seen = null;
        while (System.nanoTime() - rotatedAt < Duration.ofSeconds(10).toNanos()) {
            if (Client.anonymous().get(b, "/oauth2/jwks").body().contains("\"" + kid + "\"")) {
                seen = Duration.ofNanos(System.nanoTime() - rotatedAt);
                break;
            }
            Thread.sleep(20);
        }
        assertThat(seen).as("the new key on node b").isNotNull();
        assertThat(seen).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    static List<String> addresses(String prefix, int count) {
        String batch = People.unique(prefix).toLowerCase();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(batch + "-" + i + "@example.test");
        }
        return addresses;
    }

    static void invite(Node node, String organization, List<String> addresses) {
        try {
            People.expect(Client.admin().post(node, "/api/v1/organizations/" + organization + "/invitations",
                    "{\"emails\":\"" + String.join(";", addresses) + "\",\"role\":\"USER\"}"), 200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
