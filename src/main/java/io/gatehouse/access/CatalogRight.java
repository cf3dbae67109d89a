package io.gatehouse.access;

import java.util.UUID;

/**
 * One access right of the vendor's catalogue, with the application it belongs to. needsApproval:
 * the vendor approves every grant or withdrawal of it, even in self-managed organizations.
 */
public record CatalogRight(UUID id, String name, String application, boolean managedExternally, boolean needsApproval) {

    public CatalogRight(UUID id, String name, String application, boolean managedExternally) {
        this(id, name, application, managedExternally, false);
    }
}
