package io.gatehouse.product;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A release file with what an access decision needs: its product (and that product's kind and
 * application), its release's version, channel, date and whether it was withdrawn.
 */
public record DownloadableReleaseFile(ReleaseFileView file, ProductSummary product, UUID releaseId, String version,
        ReleaseChannel channel, LocalDate releasedOn, boolean withdrawn) {

    public ReleaseVersion releaseVersion() {
        return ReleaseVersion.of(version);
    }
}
