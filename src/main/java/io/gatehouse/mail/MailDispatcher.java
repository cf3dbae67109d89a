package io.gatehouse.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

/**
 * Sends what the outbox holds. Woken right after a commit that queued mail, and every few seconds
 * anyway; the work runs on one thread of its own, never on the thread that served a request.
 *
 * <p>Each run claims a batch of due mails for a short while (a lease, 30 s by default), sends them
 * over one SMTP connection and records each mail as sent, or to be tried again later, in a
 * transaction of its own as soon as the server answered; the claim on the next mail is renewed in
 * that same transaction. A node that dies half-way sends again at most the one mail in flight (with
 * the same Message-ID, so that receivers can drop the copy); its claims run out within a lease and
 * another node sends the rest. Two live nodes never send the same mail as long as sending one mail
 * takes less than the lease. Without a mail server (no {@code spring.mail.host}) mail is delivered
 * to the Mailbox page instead.
 */
@Component
class MailDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    private final Outbox outbox;
    private final JavaMailSender sender;
    private final MailSettings settings;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "mail-dispatcher");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean runQueued = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();

    MailDispatcher(Outbox outbox, ObjectProvider<JavaMailSender> senders, MailSettings settings, Clock clock,
            PlatformTransactionManager transactions) {
        this.outbox = outbox;
        this.sender = senders.getIfAvailable();
        this.settings = settings;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.from = sender(settings.from());
        String address = from.getAddress();
        this.messageIdDomain = address.substring(address.indexOf('@') + 1);
        namedStreamProvider();
        log.info(sender == null ? "No mail server set (spring.mail.host): mail goes to the Mailbox page"
                : "Mail is sent from {} through the mail server set by spring.mail.*", from);
    }

    /** Whether mail leaves by SMTP; otherwise it is delivered to the Mailbox page at once. */
    boolean smtp() {
        return sender != null;
    }

    /** The Message-ID a mail goes out with, the same on every attempt. */
    String messageId(UUID mail) {
        return "<" + mail + "@" + messageIdDomain + ">";
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void queued(MailQueued event) {
        wake();
    }

    @Scheduled(fixedDelayString = "${gatehouse.mail.poll-interval:5s}", initialDelayString = "${gatehouse.mail.poll-interval:5s}")
    void poll() {
        wake();
    }

    /** Asks the worker for a run, unless one is already waiting: many commits at once make one run. */
    void wake() {
        if (runQueued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    runQueued.set(false);
                    dispatch();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                runQueued.set(false); // shutting down: the next start sends it
            }
        }
    }

    /**
     * Jakarta Mail looks its stream provider up for every multipart message, through a service
     * loader that reads every jar on the class path, unless a system property names it. Naming
     * the provider it would find anyway makes building a mail a matter of microseconds.
     */
    private static void namedStreamProvider() {
        String property = "jakarta.mail.util.StreamProvider";
        String provider = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(property) == null && ClassUtils.isPresent(provider, MailDispatcher.class.getClassLoader())) {
            System.setProperty(property, provider);
        }
    }

    /** Runs one dispatch on the worker and waits for it; returns how many mails were delivered. */
    int dispatchNow() {
        try {
            return worker.submit(this::dispatch).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Sends batch after batch until nothing is due. Runs on the worker thread only. */
    private int dispatch() {
        int delivered = 0;
        try {
            while (!stopping.get()) {
                UUID claimant = UUID.randomUUID();
                Instant now = clock.instant();
                List<OutboxMail> batch = transaction.execute(
                        status -> outbox.claim(claimant, settings.batchSize(), now, now.plus(settings.lease())));
                if (batch == null || batch.isEmpty()) {
                    return delivered;
                }
                delivered += sender == null ? toMailbox(claimant, batch) : bySmtp(claimant, batch);
                if (batch.size() < settings.batchSize()) {
                    return delivered;
                }
            }
            return delivered;
        } catch (RuntimeException e) {
            // The database may be away for a moment: the next run picks up where this one stopped.
            log.warn("Mail dispatch stopped: {}", e.toString());
            return delivered;
        }
    }

    /** Nothing leaves the portal: the whole batch is delivered in one transaction. */
    private int toMailbox(UUID claimant, List<OutboxMail> batch) {
        List<UUID> ids = batch.stream().map(OutboxMail::id).toList();
        Integer done = transaction.execute(status -> outbox.markSent(claimant, ids, OutboxMail.MAILBOX, clock.instant()));
        return done == null ? 0 : done;
    }

    /**
     * Sends the batch over one connection, one mail at a time, and records each in a transaction of
     * its own as soon as the server took it: a node that stops sends at most the mail in flight again.
     * The same transaction renews the claim on the next mail, so that each mail leaves under a fresh
     * lease; a mail whose claim ran out and was taken over by another node meanwhile is skipped.
     */
    private int bySmtp(UUID claimant, List<OutboxMail> batch) {
        int delivered = 0;
        int failures = 0;
        Exception lastFailure = null;
        try (SmtpConnection connection = new SmtpConnection(sender)) {
            boolean held = true; // the first was claimed a moment ago
            for (int i = 0; i < batch.size(); i++) {
                OutboxMail mail = batch.get(i);
                if (stopping.get()) {
                    transaction.executeWithoutResult(status -> outbox.release(claimant));
                    break;
                }
                if (!held && !Boolean.TRUE.equals(transaction.execute(
                        status -> outbox.renew(claimant, mail.id(), clock.instant().plus(settings.lease()))))) {
                    continue;
                }
                Exception failure = null;
                try {
                    connection.send(message(mail));
                } catch (SmtpConnection.Unreachable e) {
                    List<OutboxMail> rest = batch.subList(i, batch.size());
                    transaction.executeWithoutResult(status -> rest.forEach(left -> failed(claimant, left, e)));
                    failures += rest.size();
                    lastFailure = e;
                    break;
                } catch (MessagingException | RuntimeException e) {
                    failure = e;
                }
                OutboxMail next = i + 1 < batch.size() ? batch.get(i + 1) : null;
                Exception cause = failure;
                Outcome outcome = transaction.execute(status -> {
                    Instant now = clock.instant();
                    boolean recorded = cause == null ? outbox.markSent(claimant, mail.id(), OutboxMail.SMTP, now)
                            : failed(claimant, mail, cause);
                    return new Outcome(recorded, next != null && outbox.renew(claimant, next.id(), now.plus(settings.lease())));
                });
                held = outcome != null && outcome.nextHeld();
                if (cause != null) {
                    failures++;
                    lastFailure = cause;
                } else if (outcome != null && outcome.recorded()) {
                    delivered++;
                } else {
                    // Its claim ran out while the server took its time, and another node took it over.
                    log.warn("Mail {} was sent after its claim ran out; another node may send it too, with the same Message-ID", mail.id());
                }
            }
        }
        if (lastFailure != null) {
            log.warn("{} of {} mails not sent, each tried again later unless that was its last attempt: {}", failures, batch.size(),
                    describe(lastFailure));
        }
        return delivered;
    }

    private record Outcome(boolean recorded, boolean nextHeld) {
    }

    /** Records a failed attempt on a mail this run holds: tried again later, or given up after the last attempt. */
    private boolean failed(UUID claimant, OutboxMail mail, Exception cause) {
        int attempts = mail.attempts() + 1;
        Instant next = attempts >= settings.maxAttempts() ? null : clock.instant().plus(settings.retryAfter(attempts));
        return outbox.markFailed(claimant, mail.id(), describe(cause), next) == 1;
    }

    private MimeMessage message(OutboxMail mail) throws MessagingException {
        String messageId = messageId(mail.id());
        MimeMessage message = sender instanceof JavaMailSenderImpl impl ? new FixedIdMessage(impl.getSession(), messageId)
                : sender.createMimeMessage();
        message.setFrom(from);
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(mail.recipient(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        // The same Message-ID on every attempt: should a node stop after the server accepted a mail
        // but before it recorded that, the mail goes out again, and receivers can drop the copy.
        message.setHeader("Message-ID", messageId);
        return message;
    }

    /** Keeps its Message-ID when saved, instead of making up a new one each time. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(jakarta.mail.Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    private static InternetAddress sender(String from) {
        try {
            InternetAddress address = new InternetAddress(from, true);
            if (address.getPersonal() != null) {
                address.setPersonal(address.getPersonal(), StandardCharsets.UTF_8.name());
            }
            return address;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("gatehouse.mail.from is not an address: " + from, e);
        }
    }

    /** The causes' messages, short enough for the outbox. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && text.length() < 1000; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : " – ").append(message.strip());
            }
        }
        String result = text.length() == 0 ? error.getClass().getSimpleName() : text.toString();
        return result.length() > 1000 ? result.substring(0, 1000) : result;
    }

    @Override
    public void destroy() throws InterruptedException {
        // The mail in flight is finished and recorded; the rest of the claim is given up for the next run or node.
        stopping.set(true);
        worker.shutdown();
        if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
            worker.shutdownNow(); // claims left behind run out within a lease and another run sends those mails
        }
    }
}
