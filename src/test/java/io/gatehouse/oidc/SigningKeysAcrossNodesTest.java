package io.gatehouse.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.cluster.AnotherNode;
import io.gatehouse.security.Sealing;
import io.gatehouse.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The token signing keys with two nodes on one database: a rotation on either is published and
 * used by both within a second, and two nodes finding the key due at once rotate it once.
 */
@IntegrationTest
class SigningKeysAcrossNodesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    SigningKeys keys;

    @Autowired
    OidcSettings settings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Sealing sealing;

    @Autowired
    Clock clock;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aKeyRotatedOnAnotherNodeIsPublishedAndSignsHereWithinASecond() throws Exception {
        List<String> before = publishedKids();
        String signingBefore = keys.active(JWSAlgorithm.RS256).kid();
        try (AnotherNode other = AnotherNode.started(context)) {
            String rotated = keysOf(other).rotate().get(JWSAlgorithm.RS256);

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> publishedKids().contains(rotated));
            assertThat(keys.active(JWSAlgorithm.RS256).kid()).as("this node signs with the new key").isEqualTo(rotated);
            assertThat(publishedKids()).as("the key before stays published for the tokens it signed").contains(signingBefore)
                    .containsAll(before);
        }
    }

    @Test
    void twoNodesFindingTheKeyDueAtOnceRotateItOnce() throws Exception {
        keys.active(JWSAlgorithm.RS256);
        try (AnotherNode other = AnotherNode.started(context)) {
            OidcHousekeeping here = new OidcHousekeeping(keys, settings, jdbc, clock);
            OidcHousekeeping there = new OidcHousekeeping(keysOf(other), settings, jdbc, clock);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 5; round++) {
                    Instant aged = clock.instant().minus(settings.keyRotation()).minus(Duration.ofDays(1));
                    jdbc.sql("update oidc_signing_key set created_at = ? where retired_at is null").param(Timestamp.from(aged)).update();
                    Instant dueAt = clock.instant();
                    CyclicBarrier together = new CyclicBarrier(2);
                    List<Callable<Void>> nodes = new ArrayList<>();
                    for (OidcHousekeeping node : List.of(here, there)) {
                        nodes.add(() -> {
                            together.await();
                            node.run();
                            return null;
                        });
                    }
                    for (Future<Void> done : threads.invokeAll(nodes)) {
                        done.get();
                    }

                    assertThat(jdbc.sql("select count(*) from oidc_signing_key where created_at >= ?").param(Timestamp.from(dueAt))
                            .query(Long.class).single()).as("keys made in round %d, one per algorithm", round).isEqualTo(2);
                    assertThat(jdbc.sql("select count(*) from oidc_signing_key where retired_at is null").query(Long.class).single())
                            .isEqualTo(2);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void aDatabaseHoldingOnlyAnRsaKeyGetsAnEs256KeyBesideItAndKeepsSigningWithTheRsaKey() throws Exception {
        String rsa = keys.active(JWSAlgorithm.RS256).kid();
        jdbc.sql("delete from oidc_signing_key where algorithm = 'ES256'").update();
        try (AnotherNode other = AnotherNode.started(context)) {
            SigningKeys there = keysOf(other);

            SigningKeys.SigningKey ec = there.active(JWSAlgorithm.ES256);

            assertThat(ec.publicKey()).isInstanceOf(com.nimbusds.jose.jwk.ECKey.class);
            assertThat(there.active(JWSAlgorithm.RS256).kid()).as("the RSA key is not rotated").isEqualTo(rsa);
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> publishedKids().containsAll(List.of(rsa, ec.kid())));
            assertThat(keys.active(JWSAlgorithm.ES256).kid()).as("this node signs with the key made there").isEqualTo(ec.kid());
            assertThat(jdbc.sql("select algorithm from oidc_signing_key where retired_at is null order by algorithm").query(String.class)
                    .list()).containsExactly("ES256", "RS256");
        }
    }

    @Test
    void aRotationReplacesTheKeyOfEveryAlgorithm() {
        String rsa = keys.active(JWSAlgorithm.RS256).kid();
        String ec = keys.active(JWSAlgorithm.ES256).kid();

        var rotated = keys.rotate();

        assertThat(rotated.keySet()).containsExactly(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
        assertThat(keys.active(JWSAlgorithm.RS256).kid()).isEqualTo(rotated.get(JWSAlgorithm.RS256)).isNotEqualTo(rsa);
        assertThat(keys.active(JWSAlgorithm.ES256).kid()).isEqualTo(rotated.get(JWSAlgorithm.ES256)).isNotEqualTo(ec);
        assertThat(jdbc.sql("select kid from oidc_signing_key where retired_at is not null and published_until > ?")
                .param(Timestamp.from(clock.instant())).query(String.class).list()).as("both still published until their tokens expire")
                .contains(rsa, ec);
    }

    private SigningKeys keysOf(AnotherNode node) {
        return new SigningKeys(jdbc, sealing.key("oidc-signing-keys", context.getEnvironment().getProperty("gatehouse.oidc.secret", "")),
                clock, OidcConfiguration.LONGEST_SIGNED_TOKEN, transactions, node.signals());
    }

    private List<String> publishedKids() throws Exception {
        String jwks = mvc.perform(get("/oauth2/jwks")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(jwks, "$.keys[*].kid");
    }
}
