package io.gatehouse.mail;

import java.time.Instant;
import java.util.UUID;

/** A row of the outbox. */
record OutboxMail(UUID id, String recipient, String subject, String text, String html, String status, String delivery,
        Instant createdAt, Instant sentAt, int attempts, String lastError, Instant nextAttemptAt) {

    static final String PENDING = "PENDING";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    static final String SMTP = "SMTP";
    static final String MAILBOX = "MAILBOX";

    /** The message key of the status a person reads: mail kept for the Mailbox page reads differently from mail sent. */
    public String statusKey() {
        return "mailbox.status." + (SENT.equals(status) && MAILBOX.equals(delivery) ? MAILBOX : status);
    }

    MailView view() {
        return new MailView(id, recipient, subject, text, html, status, createdAt, sentAt, attempts, lastError);
    }
}
