package io.gatehouse.mail;

import java.time.Instant;
import java.util.UUID;

/** One mail of the outbox as written, with how its sending went. status: PENDING, SENT or FAILED. */
public record MailView(UUID id, String to, String subject, String text, String html, String status,
        Instant createdAt, Instant sentAt, int attempts, String lastError) {
}
