package io.gatehouse.product;

import java.time.Instant;

/** A download link that works without signing in until {@code expiresAt}. */
public record SignedLink(String url, Instant expiresAt) {
}
