package io.gatehouse.webhook;

import java.time.Instant;

/** An application's webhook as the vendor admin sees it: never its secret. */
public record WebhookView(String applicationId, String url, Instant createdAt, Instant secretRotatedAt) {
}
