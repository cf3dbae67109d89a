package io.gatehouse.product;

import java.util.Objects;
import java.util.UUID;

/** A product as other features see it; {@code applicationId} is null unless it is a catalogue application. */
public record ProductSummary(UUID id, String name, String description, ProductKind kind, UUID applicationId) {

    public ProductSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        description = description == null ? "" : description;
    }
}
