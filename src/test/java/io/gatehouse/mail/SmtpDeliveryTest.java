package io.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mail through a real SMTP server (GreenMail): both parts, the subject in each language, the
 * sender and a Message-ID; nothing lost and nothing sent twice while the server is away or a
 * node stops half-way. A clock the test moves stands in for the waits between attempts.
 */
@IntegrationTest
class SmtpDeliveryTest {

    private static GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static final int PORT;

    static {
        smtp.start();
        PORT = smtp.getSmtp().getPort();
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
        registry.add("gatehouse.mail.from", () -> "Acme Portal <portal@acme.example>");
        // Only a commit wakes the dispatcher here; the tests call the poll themselves.
        registry.add("gatehouse.mail.poll-interval", () -> "1h");
        registry.add("gatehouse.mail.max-attempts", () -> "4");
    }

    @AfterAll
    static void stopServer() {
        smtp.stop();
    }

    /** Time as the test says. */
    static class TestClock extends Clock {

        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.MICROS));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration duration) {
            now.updateAndGet(at -> at.plus(duration));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Time {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    @Autowired
    Mails mails;

    @Autowired
    MailDispatcher dispatcher;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theInvitationArrivesWithBothPartsItsSubjectInEachLanguageTheSenderAndAMessageId() throws Exception {
        Map<String, String> subjects = Map.of(
                "en", "Ada Lovelace invited you to join Northwind, Contoso",
                "fr", "Ada Lovelace vous invite à rejoindre Northwind, Contoso",
                "es", "Ada Lovelace le invita a unirse a Northwind, Contoso",
                "ja", "Ada Lovelace さんから Northwind、Contoso への招待が届いています");
        Map<String, String> buttons = Map.of("en", "Create your account", "fr", "Créer votre compte", "es", "Crear su cuenta",
                "ja", "アカウントを作成");
        for (String language : subjects.keySet()) {
            String to = address();
            UUID id = transaction(() -> mails.enqueue(invitation(to, Locale.forLanguageTag(language))));

            MimeMessage message = awaitOne(to);
            assertThat(message.getSubject()).as(language).isEqualTo(subjects.get(language));
            assertThat(message.getFrom()).containsExactly(new InternetAddress("Acme Portal <portal@acme.example>"));
            assertThat(message.getRecipients(Message.RecipientType.TO)).containsExactly(new InternetAddress(to));
            assertThat(message.getMessageID()).isEqualTo("<" + id + "@acme.example>");
            assertThat(message.getContentType()).startsWith("multipart/alternative");
            MimeMultipart parts = (MimeMultipart) message.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
            String text = (String) parts.getBodyPart(0).getContent();
            String html = (String) parts.getBodyPart(1).getContent();
            assertThat(text).as(language).contains(buttons.get(language), "http://localhost:8080/register/abc123", "Gatehouse");
            assertThat(html).as(language).contains(">" + buttons.get(language) + "</a>", "href=\"http://localhost:8080/register/abc123\"",
                    "lang=\"" + language + "\"");

            MailView sent = mails.to(to).get(0);
            assertThat(sent.status()).isEqualTo("SENT");
            assertThat(sent.sentAt()).isEqualTo(clock.instant());
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(delivery(id)).isEqualTo("SMTP");
        }
    }

    @Test
    void whileTheMailServerIsDownMailWaitsWithGrowingPausesAndGoesOutExactlyOnceWhenItIsBack() {
        String to = address();
        smtp.stop();
        try {
            Instant queuedAt = clock.instant();
            UUID id = transaction(() -> mails.enqueue(invitation(to, Locale.ENGLISH)));
            await().atMost(Duration.ofSeconds(20)).until(() -> mails.to(to).get(0).attempts() == 1);
            MailView waiting = mails.to(to).get(0);
            assertThat(waiting.status()).isEqualTo("PENDING");
            assertThat(waiting.sentAt()).isNull();
            assertThat(waiting.lastError()).isNotBlank();
            assertThat(nextAttempt(id)).isEqualTo(queuedAt.plusSeconds(30));

            dispatcher.dispatchNow();
            assertThat(mails.to(to).get(0).attempts()).as("not due before its next attempt").isEqualTo(1);

            clock.advance(Duration.ofSeconds(30));
            dispatcher.dispatchNow();
            assertThat(mails.to(to).get(0).attempts()).isEqualTo(2);
            assertThat(nextAttempt(id)).isEqualTo(clock.instant().plusSeconds(60));
        } finally {
            restart();
        }
        dispatcher.dispatchNow();
        assertThat(received(to)).as("back, but the mail waits for its next attempt").isEmpty();

        clock.advance(Duration.ofSeconds(60));
        dispatcher.poll();
        awaitOne(to);
        MailView sent = mails.to(to).get(0);
        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(sent.lastError()).isNull();

        clock.advance(Duration.ofHours(2));
        dispatcher.dispatchNow();
        assertThat(received(to)).hasSize(1);
    }

    @Test
    void aMailTheServerNeverTakesIsGivenUpAfterTheLastAttempt() {
        String to = address();
        smtp.stop();
        try {
            UUID id = transaction(() -> mails.enqueue(invitation(to, Locale.ENGLISH)));
            await().atMost(Duration.ofSeconds(20)).until(() -> mails.to(to).get(0).attempts() == 1);
            for (int attempt = 2; attempt <= 4; attempt++) {
                clock.advance(Duration.ofHours(1));
                dispatcher.dispatchNow();
                assertThat(mails.to(to).get(0).attempts()).isEqualTo(attempt);
            }
            MailView failed = mails.to(to).get(0);
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.lastError()).isNotBlank();
            assertThat(delivery(id)).isEqualTo("SMTP");
        } finally {
            restart();
        }
        clock.advance(Duration.ofHours(1));
        dispatcher.dispatchNow();
        assertThat(received(to)).isEmpty();
        assertThat(mails.to(to).get(0).attempts()).isEqualTo(4);
    }

    @Test
    void aClaimLeftByAStoppedNodeRunsOutAndTheMailIsSentOnce() throws MessagingException {
        String to = address();
        UUID id = transaction(() -> {
            UUID queued = mails.enqueue(invitation(to, Locale.ENGLISH));
            // Another node claimed it and stopped before sending.
            jdbc.sql("update mail_outbox set claimed_by = ?, claimed_until = ? where id = ?")
                    .params(UUID.randomUUID(), Timestamp.from(clock.instant().plus(Duration.ofMinutes(5))), queued).update();
            return queued;
        });
        dispatcher.dispatchNow();
        assertThat(received(to)).as("still claimed by the stopped node").isEmpty();

        jdbc.sql("update mail_outbox set claimed_until = ? where id = ?")
                .params(Timestamp.from(clock.instant().minusSeconds(1)), id).update();
        dispatcher.dispatchNow();
        assertThat(awaitOne(to).getSubject()).isEqualTo("Ada Lovelace invited you to join Northwind, Contoso");
        dispatcher.dispatchNow();
        clock.advance(Duration.ofHours(1));
        dispatcher.dispatchNow();
        assertThat(received(to)).hasSize(1);
        assertThat(mails.to(to).get(0).status()).isEqualTo("SENT");
    }

    /** Its speed is measured by bin/benchmark (docs/benchmarks.md); here, that a large batch arrives whole and once. */
    @Test
    void aBatchLargerThanOneClaimIsSentWholeEachMailOnce() {
        send(TestData.unique("bulk").toLowerCase(), 300);
    }

    /** Queues this many mails in one transaction and waits until every one of them was received once. */
    private void send(String prefix, int count) {
        transaction(() -> {
            for (int i = 0; i < count; i++) {
                mails.enqueue(invitation(prefix + "-" + i + "@example.test", Locale.ENGLISH));
            }
            return null;
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("select count(*) from mail_outbox where recipient_key like ? and status = 'SENT'")
                        .param(prefix + "-%").query(Long.class).single() == count);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).startsWith(prefix + "-")).count()).isEqualTo(count);
    }

    private static MailRequest invitation(String to, Locale locale) {
        return new MailRequest(to, locale, "invitation", Map.of("inviterName", "Ada Lovelace",
                "organizationNames", List.of("Northwind", "Contoso"), "role", "User", "link", "/register/abc123",
                "expiresOn", "31/12/2026", "subjectArgs", List.of("Ada Lovelace", List.of("Northwind", "Contoso"))));
    }

    private static String address() {
        return TestData.unique("smtp").toLowerCase() + "@example.test";
    }

    private static void restart() {
        smtp.stop();
        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private static List<MimeMessage> received(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).equals(to)).toList();
    }

    private static String to(MimeMessage message) {
        try {
            Address[] addresses = message.getRecipients(Message.RecipientType.TO);
            return addresses == null || addresses.length == 0 ? "" : ((InternetAddress) addresses[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage awaitOne(String to) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !received(to).isEmpty());
        List<MimeMessage> messages = received(to);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private Instant nextAttempt(UUID id) {
        return jdbc.sql("select next_attempt_at from mail_outbox where id = ?").param(id).query(Timestamp.class).single().toInstant();
    }

    private String delivery(UUID id) {
        return jdbc.sql("select delivery from mail_outbox where id = ?").param(id).query(String.class).single();
    }

    private <T> T transaction(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactions).execute(status -> work.get());
    }
}
