package io.gatehouse.webhook;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * One message to an application, as the outbox holds it: what a {@link DeliveryRenderer} turns
 * into an HTTP request at each attempt.
 *
 * @param id              the row
 * @param applicationId   the receiving application
 * @param kind            which renderer sends it ({@value WebhookRenderer#KIND}, or another renderer's kind)
 * @param eventId         the message's identity for the receiver, the same on every attempt
 * @param organizationId  the organization the change happened in
 * @param userId          the person concerned
 * @param changeRequestId the approved change request that caused it, or null
 * @param payload         what the kind needs to render the message (for a webhook, the JSON body itself)
 * @param attempts        attempts made before this one
 * @param createdAt       when the change was committed
 */
public record Delivery(
        UUID id,
        UUID applicationId,
        String kind,
        String eventId,
        OrganizationId organizationId,
        UserId userId,
        UUID changeRequestId,
        String payload,
        int attempts,
        Instant createdAt) {
}
