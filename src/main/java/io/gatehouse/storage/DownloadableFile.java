package io.gatehouse.storage;

import java.time.Instant;
import java.util.Objects;

/** A stored file as a download sends it: where it is, what it is called, and what it holds. */
public record DownloadableFile(String key, String name, String contentType, long size, String sha256, Instant storedAt) {

    public DownloadableFile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(storedAt, "storedAt");
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        if (size < 0 || !UploadCheck.isSha256(sha256)) {
            throw new IllegalArgumentException("size and sha256");
        }
    }

    /** Strong: the same SHA-256 is the same bytes. */
    public String etag() {
        return "\"" + sha256 + "\"";
    }
}
