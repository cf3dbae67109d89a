package io.gatehouse.licence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One licence as stored; {@code seats} null means unlimited. */
record Licence(UUID id, UUID organizationId, UUID productId, String number, String keySealed, String edition, Integer seats,
        LicenceTerms terms, Instant createdAt) {

    LicenceStatus status(LocalDate today) {
        return terms.status(today);
    }

    boolean entitles(ReleaseFacts release, LocalDate today) {
        return productId.equals(release.productId()) && terms.entitles(release, today);
    }
}
