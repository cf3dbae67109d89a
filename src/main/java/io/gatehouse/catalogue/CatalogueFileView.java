package io.gatehouse.catalogue;

import java.time.Instant;
import java.util.UUID;

/** One file of a catalogue, as the selection shows it: name, size and SHA-256 beside it. */
public record CatalogueFileView(UUID id, String name, long size, String sha256, String contentType, Instant uploadedAt) {
}
