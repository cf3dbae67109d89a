package io.gatehouse.access;

import java.util.UUID;

/** One access right of the vendor's catalogue, with the application it belongs to. */
public record CatalogRight(UUID id, String name, String application, boolean managedExternally) {
}
