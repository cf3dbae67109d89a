package io.gatehouse.shared;

import java.util.Objects;
import java.util.UUID;

public record OrganizationId(UUID value) {

    public OrganizationId {
        Objects.requireNonNull(value, "value");
    }

    public static OrganizationId random() {
        return new OrganizationId(UUID.randomUUID());
    }

    /** Parses an id from a URL or a request body; anything that is not a UUID is simply not found. */
    public static OrganizationId parse(String text) {
        return new OrganizationId(Ids.parse(text, "organization"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
