package io.gatehouse.webhook;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.util.Objects;
import java.util.UUID;

/** A message to queue for an application, in the transaction of the change that causes it. */
public record NewDelivery(UUID applicationId, String kind, OrganizationId organizationId, UserId userId, UUID changeRequestId,
        String payload) {

    public NewDelivery {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(payload, "payload");
        if (kind == null || kind.isBlank() || kind.length() > 32) {
            throw new IllegalArgumentException("a delivery kind has 1 to 32 characters");
        }
    }
}
