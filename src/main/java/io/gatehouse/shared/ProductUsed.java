package io.gatehouse.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * A person used a version of one of their organization's products: downloaded a release file, or
 * activated a machine while signed in. Published inside the transaction that records the use (the
 * download's audit entry, the activation), so Export users can say which version each person last used.
 *
 * @param version null when the software did not say which version it runs
 */
public record ProductUsed(OrganizationId organization, UserId user, UUID productId, String productName, String version) {

    public ProductUsed {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(productName, "productName");
        version = version == null || version.isBlank() ? null : version.strip();
    }
}
