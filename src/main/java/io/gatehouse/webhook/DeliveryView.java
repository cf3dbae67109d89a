package io.gatehouse.webhook;

import java.time.Instant;

/** A delivery as the API lists it; the payload stays in the outbox. */
public record DeliveryView(
        String id,
        String applicationId,
        String kind,
        String eventId,
        String organizationId,
        String userId,
        String changeRequestId,
        DeliveryStatus status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant deliveredAt) {
}
