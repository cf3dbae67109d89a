package io.gatehouse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatehouse.support.IntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A change announced on one node is heard on another within a second: by notification on PostgreSQL, by polling everywhere. */
@IntegrationTest
class ChangeSignalsTest {

    private static final Duration WITHIN = Duration.ofSeconds(1);

    @Autowired
    ApplicationContext context;

    @Autowired
    ChangeSignals signals;

    @Autowired
    SignalStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aChangeAnnouncedOnOneNodeIsHeardOnAnotherWithinASecondByPollingAlone() {
        try (AnotherNode other = AnotherNode.started(context, false, Duration.ofMillis(500))) {
            String topic = topic();
            new TransactionTemplate(transactions).executeWithoutResult(status -> signals.announce(topic));

            await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> other.heard().contains(topic));
            assertThat(other.listening()).isFalse();
        }
    }

    @Test
    void onPostgresqlANotificationCarriesAChangeAtOnceWithoutWaitingForAPoll() {
        assumeTrue(store.postgres(), "LISTEN/NOTIFY is PostgreSQL's");
        // A poll a minute: only the notification can bring the change within the second.
        try (AnotherNode other = AnotherNode.started(context, true, Duration.ofMinutes(1))) {
            await().atMost(Duration.ofSeconds(5)).until(other::listening);
            String topic = topic();
            new TransactionTemplate(transactions).executeWithoutResult(status -> signals.announce(topic));

            await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> other.heard().contains(topic));
        }
    }

    @Test
    void aListeningConnectionThatIsLostIsMadeAgainAndChangesAreHeardMeanwhile() {
        assumeTrue(store.postgres(), "LISTEN/NOTIFY is PostgreSQL's");
        try (AnotherNode other = AnotherNode.started(context, true, Duration.ofMillis(500))) {
            await().atMost(Duration.ofSeconds(5)).until(other::listening);
            // As when the database restarts or a network drops the session: every listening session of this database goes.
            jdbc.sql("""
                    select pg_terminate_backend(pid) from pg_stat_activity
                    where datname = current_database() and query = 'LISTEN gatehouse_change' and pid <> pg_backend_pid()""")
                    .query(rs -> {
                    });
            await().atMost(WITHIN).until(() -> !other.listening());

            String whileLost = topic();
            signals.announce(whileLost);
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> other.heard().contains(whileLost));

            await().atMost(Duration.ofSeconds(5)).until(other::listening);
            String afterwards = topic();
            signals.announce(afterwards);
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> other.heard().contains(afterwards));
        }
    }

    @Test
    void aChangeRolledBackIsNeverSignalled() {
        try (AnotherNode other = AnotherNode.started(context, true, Duration.ofMillis(200))) {
            String rolledBack = topic();
            String committed = topic();
            TransactionTemplate transaction = new TransactionTemplate(transactions);
            transaction.executeWithoutResult(status -> {
                signals.announce(rolledBack);
                status.setRollbackOnly();
            });
            transaction.executeWithoutResult(status -> signals.announce(committed));

            await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> other.heard().contains(committed));
            assertThat(other.heard()).doesNotContain(rolledBack);
            assertThat(jdbc.sql("select count(*) from change_signal where topic = ?").param(rolledBack).query(Long.class).single())
                    .isZero();
        }
    }

    @Test
    void eachCommittedChangeIsHeardEvenWhenTheSameTopicChangesAgain() {
        try (AnotherNode other = AnotherNode.started(context, false, Duration.ofMillis(100))) {
            String topic = topic();
            signals.announce(topic);
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> other.heard().contains(topic));
            int before = (int) other.heard().stream().filter(topic::equals).count();

            signals.announce(topic);
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                    .until(() -> other.heard().stream().filter(topic::equals).count() > before);
        }
    }

    @Test
    void takingATurnNeedsATransactionAndATopicIsAPlainName() {
        assertThatThrownBy(() -> signals.takeTurn("oidc.signing-keys")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> signals.announce("Robert'); drop table change_signal;--"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signals.announce(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String topic() {
        return "test." + UUID.randomUUID();
    }
}
