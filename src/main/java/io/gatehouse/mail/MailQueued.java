package io.gatehouse.mail;

import java.util.UUID;

/** A mail was written to the outbox; once its transaction commits the dispatcher can send it. */
record MailQueued(UUID id) {
}
