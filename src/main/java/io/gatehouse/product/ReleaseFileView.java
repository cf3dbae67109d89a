package io.gatehouse.product;

import java.time.Instant;
import java.util.UUID;

/** One file of a release, as a download list shows it: platform, name, size and SHA-256 beside it. */
public record ReleaseFileView(UUID id, String name, Platform platform, long size, String sha256, String contentType,
        Instant uploadedAt) {
}
