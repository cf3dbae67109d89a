package io.gatehouse.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How mail leaves: the sender, and the dispatcher's pace. The mail server itself is Spring Boot's
 * {@code spring.mail.*}; without {@code spring.mail.host} mail goes to the Mailbox page.
 *
 * @param from         the From header, e.g. {@code Acme Portal <portal@acme.example>}
 * @param batchSize    mails claimed at once and sent over one SMTP connection
 * @param pollInterval how often the dispatcher looks for due mail besides being woken after a commit
 * @param lease        how long a claim on a mail holds; renewed before each mail is sent, so it must be longer than
 *                     sending one mail may take (at least twice the SMTP time-outs); a dead node's mails are taken over after it
 * @param maxAttempts  attempts before a mail is given up as FAILED
 * @param firstRetry   wait after the first failure; it doubles after each further one
 * @param maxRetry     the longest wait between two attempts
 */
@ConfigurationProperties("gatehouse.mail")
record MailSettings(
        @DefaultValue("Gatehouse <no-reply@gatehouse.local>") String from,
        @DefaultValue("100") int batchSize,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetry) {

    MailSettings {
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("gatehouse.mail.batch-size and max-attempts must be at least 1");
        }
        if (lease.isNegative() || lease.isZero() || firstRetry.isNegative() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("gatehouse.mail.lease must be positive and max-retry at least first-retry");
        }
    }

    /** The wait after the given number of failed attempts: first-retry, doubling, at most max-retry. */
    Duration retryAfter(int failedAttempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
