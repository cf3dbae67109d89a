package io.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mail through a real SMTP server (GreenMail): both parts, the subject in each language, the
 * sender and a Message-ID; nothing lost and nothing sent twice while the server is away, while
 * several nodes send at once or when one is slow; after a node dies half-way, only the mail it had
 * in flight goes out again. A clock the test moves stands in for the waits between attempts and
 * for leases running out.
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
    Outbox outbox;

    @Autowired
    MailSettings settings;

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

            MailView sent = recorded(to);
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
        MailView sent = recorded(to);
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

    @Test
    void aNodeThatDiesMidBatchSendsAgainOnlyTheMailInFlightAndAnotherTakesOverOnceItsShortLeaseRunsOut() throws Exception {
        assertThat(settings.lease()).as("a dead node's mails wait seconds, not minutes").isLessThanOrEqualTo(Duration.ofSeconds(30));
        String prefix = TestData.unique("dies").toLowerCase();
        Map<String, UUID> queued = queueForLater(prefix, 10);
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        // The server accepts the 4th mail, and the node's process ends before it recorded that.
        ScriptedSmtpTransport.script(n -> {
            if (n == 4) {
                throw new ScriptedSmtpTransport.NodeDied();
            }
        });
        MailDispatcher dying = node(ScriptedSmtpTransport.sender("127.0.0.1", PORT), 10);
        try {
            assertThatThrownBy(dying::dispatchNow).hasCauseInstanceOf(ScriptedSmtpTransport.NodeDied.class);
        } finally {
            ScriptedSmtpTransport.script(n -> { });
            dying.destroy();
        }
        Map<String, List<MimeMessage>> beforeTakeOver = receivedBy(prefix);
        assertThat(beforeTakeOver.values()).hasSize(4).allSatisfy(copies -> assertThat(copies).hasSize(1));
        List<String> recorded = recipients(prefix, "SENT");
        assertThat(recorded).as("each mail recorded as soon as it was sent").hasSize(3);
        assertThat(beforeTakeOver.keySet()).containsAll(recorded);
        String inFlight = beforeTakeOver.keySet().stream().filter(to -> !recorded.contains(to)).findFirst().orElseThrow();

        dispatcher.dispatchNow();
        assertThat(receivedBy(prefix)).as("the dead node's claims hold until they run out").hasSize(4);

        clock.advance(settings.lease().plusSeconds(1));
        dispatcher.dispatchNow();
        Map<String, List<MimeMessage>> received = receivedBy(prefix);
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(queued.keySet());
        received.forEach((to, copies) -> assertThat(copies).as(to).hasSize(to.equals(inFlight) ? 2 : 1));
        for (MimeMessage copy : received.get(inFlight)) {
            assertThat(copy.getMessageID()).as("the same Message-ID, so that the receiver can drop the copy")
                    .isEqualTo("<" + queued.get(inFlight) + "@acme.example>");
        }
        assertThat(recipients(prefix, "SENT")).hasSize(10);
        assertThat(jdbc.sql("select max(attempts) from mail_outbox where recipient_key like ?").param(prefix + "-%")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aSlowNodeKeepsTheMailItIsSendingAndSkipsThoseAnotherNodeTookOverOnceTheirClaimRanOut() throws Exception {
        String prefix = TestData.unique("slow").toLowerCase();
        Map<String, UUID> queued = queueForLater(prefix, 8);
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        List<CountDownLatch> paused = List.of(new CountDownLatch(1), new CountDownLatch(1));
        List<CountDownLatch> resume = List.of(new CountDownLatch(1), new CountDownLatch(1));
        // The server takes its time after each of the first two mails.
        ScriptedSmtpTransport.script(n -> {
            if (n <= 2) {
                paused.get(n - 1).countDown();
                awaitQuietly(resume.get(n - 1));
            }
        });
        MailDispatcher slow = node(ScriptedSmtpTransport.sender("127.0.0.1", PORT), 8);
        try {
            CompletableFuture<Integer> slowRun = CompletableFuture.supplyAsync(slow::dispatchNow);
            assertThat(paused.get(0).await(20, TimeUnit.SECONDS)).isTrue();
            clock.advance(Duration.ofSeconds(20));
            resume.get(0).countDown();
            // The first mail is recorded and the claim on the second renewed: it holds 30 s from now on.
            assertThat(paused.get(1).await(20, TimeUnit.SECONDS)).isTrue();
            clock.advance(Duration.ofSeconds(11));

            // The claims on the other six, taken 31 s ago, ran out: another node sends them.
            dispatcher.dispatchNow();
            assertThat(receivedBy(prefix)).hasSize(8);

            resume.get(1).countDown();
            assertThat(slowRun.get(20, TimeUnit.SECONDS)).as("the slow node recorded its two and sent none of the others").isEqualTo(2);
        } finally {
            ScriptedSmtpTransport.script(n -> { });
            resume.forEach(CountDownLatch::countDown);
            slow.destroy();
        }
        Map<String, List<MimeMessage>> received = receivedBy(prefix);
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(queued.keySet());
        received.forEach((to, copies) -> assertThat(copies).as(to).hasSize(1));
        assertThat(recipients(prefix, "SENT")).hasSize(8);
    }

    @Test
    void nodesSendingAtOnceFromOneDatabaseSendEachMailExactlyOnce() throws Exception {
        String prefix = TestData.unique("nodes").toLowerCase();
        Map<String, UUID> queued = queueForLater(prefix, 200);
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        List<MailDispatcher> nodes = List.of(node(server(), 10), node(server(), 10), node(server(), 10));
        CyclicBarrier start = new CyclicBarrier(nodes.size());
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        List<Integer> delivered = new ArrayList<>();
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (MailDispatcher node : nodes) {
                runs.add(threads.submit(() -> {
                    start.await();
                    // As nodes polling the outbox do, each runs again while mail is left.
                    int sent = 0;
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!recipients(prefix, "PENDING").isEmpty() && System.nanoTime() < until) {
                        int run = node.dispatchNow();
                        sent += run;
                        if (run == 0) {
                            Thread.sleep(10);
                        }
                    }
                    return sent;
                }));
            }
            for (Future<Integer> run : runs) {
                delivered.add(run.get(90, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdown();
            for (MailDispatcher node : nodes) {
                node.destroy();
            }
        }
        assertThat(delivered.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(delivered.stream().filter(count -> count > 0).count()).as("nodes that sent some: " + delivered).isGreaterThanOrEqualTo(2);
        Map<String, List<MimeMessage>> received = receivedBy(prefix);
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(queued.keySet());
        received.forEach((to, copies) -> assertThat(copies).as(to).hasSize(1));
        assertThat(recipients(prefix, "SENT")).hasSize(200);
    }

    /** Queues mails to prefix-0… in one transaction, due only in a day, so that no node sends them before the test says. */
    private Map<String, UUID> queueForLater(String prefix, int count) {
        Map<String, UUID> later = transaction(() -> {
            Map<String, UUID> queued = new java.util.LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String to = prefix + "-" + i + "@example.test";
                queued.put(to, mails.enqueue(invitation(to, Locale.ENGLISH)));
            }
            jdbc.sql("update mail_outbox set next_attempt_at = ? where recipient_key like ?")
                    .params(Timestamp.from(clock.instant().plus(Duration.ofDays(1))), prefix + "-%").update();
            return queued;
        });
        // The run the commit woke on this node comes first, so it is over before the test moves the clock.
        dispatcher.dispatchNow();
        return later;
    }

    /** Another node on the same database: a dispatcher of its own, with its own connection to the mail server. */
    private MailDispatcher node(JavaMailSender sender, int batchSize) {
        MailSettings own = new MailSettings(settings.from(), batchSize, settings.pollInterval(), settings.lease(), settings.maxAttempts(),
                settings.firstRetry(), settings.maxRetry());
        ObjectProvider<JavaMailSender> senders = new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class);
        return new MailDispatcher(outbox, senders, own, clock, transactions);
    }

    private static JavaMailSenderImpl server() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(PORT);
        return sender;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the mail server received for recipients that start with the prefix, by recipient. */
    private static Map<String, List<MimeMessage>> receivedBy(String prefix) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> to(m).startsWith(prefix + "-"))
                .collect(java.util.stream.Collectors.groupingBy(SmtpDeliveryTest::to));
    }

    private List<String> recipients(String prefix, String status) {
        return jdbc.sql("select recipient from mail_outbox where recipient_key like ? and status = ?").params(prefix + "-%", status)
                .query(String.class).list();
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

    /** The mail to this address once its sending was recorded, a moment after the server took it. */
    private MailView recorded(String to) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !"PENDING".equals(mails.to(to).get(0).status()));
        return mails.to(to).get(0);
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
