package io.gatehouse.licence;

import io.gatehouse.product.ReleaseChannel;
import io.gatehouse.product.ReleaseVersion;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A licence's dates and what it entitles. Dates are whole days and inclusive: a licence valid until
 * 30 June works all of 30 June; maintenance until 30 June covers releases dated up to 30 June.
 *
 * @param validUntil       null: open-ended
 * @param maxVersion       null: every version
 * @param maintenanceUntil null: releases of any date
 */
record LicenceTerms(LocalDate validFrom, LocalDate validUntil, boolean suspended, Set<ReleaseChannel> channels,
        ReleaseVersion maxVersion, LocalDate maintenanceUntil) {

    LicenceTerms {
        Objects.requireNonNull(validFrom, "validFrom");
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("valid until before valid from");
        }
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("at least one channel");
        }
        channels = Set.copyOf(EnumSet.copyOf(channels));
    }

    /** A suspension says more than a date, so it is the reason shown first. */
    LicenceStatus status(LocalDate today) {
        if (suspended) {
            return LicenceStatus.inactive(InactiveReason.SUSPENDED);
        }
        if (validUntil != null && today.isAfter(validUntil)) {
            return LicenceStatus.inactive(InactiveReason.EXPIRED);
        }
        if (today.isBefore(validFrom)) {
            return LicenceStatus.inactive(InactiveReason.NOT_YET_VALID);
        }
        return LicenceStatus.ACTIVE;
    }

    /** Whether today this licence lets its holder download the release (its product is checked by the caller). */
    boolean entitles(ReleaseFacts release, LocalDate today) {
        return status(today).active()
                && channels.contains(release.channel())
                && (maxVersion == null || release.version().compareTo(maxVersion) <= 0)
                && (maintenanceUntil == null || !release.releasedOn().isAfter(maintenanceUntil));
    }
}
