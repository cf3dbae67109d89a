package io.gatehouse.shared;

import java.util.Objects;
import java.util.UUID;

public record SiteId(UUID value) {

    public SiteId {
        Objects.requireNonNull(value, "value");
    }

    public static SiteId random() {
        return new SiteId(UUID.randomUUID());
    }

    /** Parses an id from a URL or a request body; anything that is not a UUID is simply not found. */
    public static SiteId parse(String text) {
        return new SiteId(Ids.parse(text, "site"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
