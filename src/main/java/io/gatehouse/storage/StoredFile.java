package io.gatehouse.storage;

import java.time.Instant;
import java.util.UUID;

/** A file as the database knows it; its bytes are in the {@link FileStore} under {@code key}. */
public record StoredFile(UUID id, String name, long size, String sha256, String contentType, String key, Instant storedAt) {

    public DownloadableFile downloadable() {
        return new DownloadableFile(key, name, contentType, size, sha256, storedAt);
    }
}
