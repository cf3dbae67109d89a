package io.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Mail is part of the change that causes it; without a mail server it is delivered to the Mailbox at once. */
@IntegrationTest
class MailOutboxTest {

    @Autowired
    Mails mails;

    @Autowired
    MailDispatcher dispatcher;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    static MailRequest reset(String to, Locale locale) {
        return new MailRequest(to, locale, "password-reset", Map.of("name", "Grace", "link", "/password/reset/abc", "validMinutes", 30));
    }

    static String address() {
        return TestData.unique("grace").toLowerCase() + "@example.test";
    }

    @Test
    void queueingOutsideATransactionIsRefused() {
        String to = address();
        assertThatThrownBy(() -> mails.enqueue(reset(to, Locale.ENGLISH))).isInstanceOf(IllegalTransactionStateException.class);
        assertThat(mails.to(to)).isEmpty();
    }

    @Test
    void aRolledBackChangeLeavesNoMail() {
        String to = address();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            mails.enqueue(reset(to, Locale.ENGLISH));
            assertThat(mails.to(to)).hasSize(1);
            status.setRollbackOnly();
        });
        assertThat(mails.to(to)).isEmpty();
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient_key = ?").param(to).query(Long.class).single()).isZero();
    }

    @Test
    void withoutAMailServerACommittedMailIsInTheMailboxAtOnceNewestFirst() {
        String to = address();
        UUID first = enqueue(reset(to, Locale.ENGLISH));
        UUID second = enqueue(reset(to.toUpperCase(), Locale.FRENCH));
        assertThat(dispatcher.smtp()).isFalse();

        List<MailView> received = mails.to(to.toUpperCase());
        assertThat(received).extracting(MailView::id).containsExactly(second, first);
        MailView english = received.get(1);
        assertThat(english.to()).isEqualTo(to);
        assertThat(english.status()).isEqualTo("SENT");
        assertThat(english.sentAt()).isEqualTo(english.createdAt());
        assertThat(english.attempts()).isZero();
        assertThat(english.subject()).isEqualTo("Reset your password");
        assertThat(english.text()).contains("Choose a new password: http://localhost:8080/password/reset/abc");
        assertThat(english.html()).contains("href=\"http://localhost:8080/password/reset/abc\"");
        assertThat(received.get(0).subject()).isEqualTo("Réinitialiser votre mot de passe");
        assertThat(jdbc.sql("select delivery from mail_outbox where id = ?").param(first).query(String.class).single()).isEqualTo("MAILBOX");
    }

    @Test
    void mailLeftPendingByAnEarlierStartWithAMailServerIsDeliveredToTheMailboxByTheNextPoll() {
        String to = address();
        UUID id = enqueue(reset(to, Locale.ENGLISH));
        jdbc.sql("update mail_outbox set status = 'PENDING', delivery = 'SMTP', sent_at = null where id = ?").param(id).update();

        // Nothing wakes the dispatcher: its poll every few seconds finds the mail.
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(mails.to(to).get(0).status()));

        MailView mail = mails.to(to).get(0);
        assertThat(mail.status()).isEqualTo("SENT");
        assertThat(mail.attempts()).isEqualTo(1);
        assertThat(jdbc.sql("select delivery from mail_outbox where id = ?").param(id).query(String.class).single()).isEqualTo("MAILBOX");
    }

    @Test
    void twoNodesClaimingAtOnceNeverGetTheSameMail() throws Exception {
        String prefix = TestData.unique("claim").toLowerCase();
        List<UUID> queued = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            queued.add(enqueue(reset(prefix + "-" + i + "@example.test", Locale.ENGLISH)));
        }
        // Due only in a day, so that this node's own dispatcher leaves them to the two claimants below.
        Instant later = Instant.now().plus(Duration.ofDays(1));
        jdbc.sql("update mail_outbox set status = 'PENDING', delivery = 'SMTP', next_attempt_at = ? where recipient_key like ?")
                .params(Timestamp.from(later), prefix + "-%").update();
        Instant now = later.plusSeconds(1);

        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<UUID> first;
        List<UUID> second;
        try {
            List<java.util.concurrent.Future<List<UUID>>> claims = new java.util.ArrayList<>();
            for (int node = 0; node < 2; node++) {
                claims.add(nodes.submit(() -> {
                    start.await();
                    try {
                        return claim(now, 25);
                    } catch (RuntimeException e) {
                        return List.<UUID>of(); // a database may refuse the loser outright; it claims nothing then
                    }
                }));
            }
            first = claims.get(0).get();
            second = claims.get(1).get();
        } finally {
            nodes.shutdown();
        }
        assertThat(first).noneMatch(second::contains);
        assertThat(first.size() + second.size()).isBetween(25, 40);
        List<UUID> rest = claim(now, 100).stream().filter(queued::contains).toList();
        assertThat(rest).noneMatch(first::contains).noneMatch(second::contains);
        assertThat(first.size() + second.size() + rest.size()).isEqualTo(queued.size());
        assertThat(claim(now, 100)).noneMatch(queued::contains);
    }

    @Test
    void onlyTheHolderRenewsAClaimAndAClaimThatRanOutOrWasReleasedIsTakenOver() {
        String prefix = TestData.unique("lease").toLowerCase();
        List<UUID> queued = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(enqueue(reset(prefix + "-" + i + "@example.test", Locale.ENGLISH)));
        }
        Instant later = Instant.now().plus(Duration.ofDays(1));
        jdbc.sql("update mail_outbox set status = 'PENDING', delivery = 'SMTP', next_attempt_at = ? where recipient_key like ?")
                .params(Timestamp.from(later), prefix + "-%").update();
        Instant now = later.plusSeconds(1);
        Duration lease = Duration.ofSeconds(30);
        UUID slow = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<UUID> held = claim(slow, now, lease).stream().filter(queued::contains).sorted().toList();
        assertThat(held).containsExactlyInAnyOrderElementsOf(queued);

        assertThat(inTransaction(() -> outbox.renew(other, held.get(0), now.plus(lease)))).as("not its claim").isFalse();
        assertThat(inTransaction(() -> outbox.renew(slow, held.get(0), now.plusSeconds(20).plus(lease)))).isTrue();

        Instant ranOut = now.plus(lease).plusSeconds(1);
        assertThat(claim(other, ranOut, lease)).filteredOn(queued::contains).containsExactlyInAnyOrder(held.get(1), held.get(2));
        assertThat(inTransaction(() -> outbox.renew(slow, held.get(1), ranOut.plus(lease)))).as("taken over").isFalse();
        assertThat(inTransaction(() -> outbox.markSent(slow, held.get(1), OutboxMail.SMTP, ranOut))).isFalse();
        assertThat(inTransaction(() -> outbox.markSent(slow, held.get(0), OutboxMail.SMTP, ranOut))).isTrue();

        assertThat(inTransaction(() -> outbox.release(other))).isGreaterThanOrEqualTo(2);
        assertThat(claim(UUID.randomUUID(), ranOut, lease)).as("released: taken at once")
                .filteredOn(queued::contains).containsExactlyInAnyOrder(held.get(1), held.get(2));
    }

    private List<UUID> claim(UUID claimant, Instant now, Duration lease) {
        return inTransaction(() -> outbox.claim(claimant, 1000, now, now.plus(lease))).stream().map(OutboxMail::id).toList();
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactions).execute(status -> work.get());
    }

    private List<UUID> claim(Instant now, int limit) {
        return new TransactionTemplate(transactions).execute(status -> outbox.claim(UUID.randomUUID(), limit, now,
                now.plus(Duration.ofMinutes(5)))).stream().map(OutboxMail::id).toList();
    }

    @Test
    void aTemplateThatCannotBeRenderedFailsTheCallersChange() {
        String to = address();
        assertThatThrownBy(() -> enqueue(new MailRequest(to, Locale.ENGLISH, "invitation", Map.of("inviterName", "Ada"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(mails.to(to)).isEmpty();
    }

    private UUID enqueue(MailRequest request) {
        return new TransactionTemplate(transactions).execute(status -> mails.enqueue(request));
    }
}
