package io.gatehouse.product;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A release without its notes and files: what deciding which releases to show needs. A page reads
 * every release as an outline and the notes and files of the few it shows ({@link Releases#details}).
 */
public record ReleaseOutline(UUID id, UUID productId, ReleaseVersion version, ReleaseChannel channel, LocalDate releasedOn) {

    public ReleaseOutline {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(releasedOn, "releasedOn");
    }
}
