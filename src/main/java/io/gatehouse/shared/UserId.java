package io.gatehouse.shared;

import java.util.Objects;
import java.util.UUID;

public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    /** Parses an id from a URL or a request body; anything that is not a UUID is simply not found. */
    public static UserId parse(String text) {
        return new UserId(Ids.parse(text, "user"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
