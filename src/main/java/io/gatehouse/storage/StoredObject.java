package io.gatehouse.storage;

import java.util.Objects;

/** An object committed to the store: its key, size in bytes and SHA-256 (lower-case hex). */
public record StoredObject(String key, long size, String sha256) {

    public StoredObject {
        Objects.requireNonNull(key, "key");
        if (size < 0 || sha256 == null || !UploadCheck.isSha256(sha256)) {
            throw new IllegalArgumentException("size and sha256");
        }
    }
}
