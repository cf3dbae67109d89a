package io.gatehouse.licence;

import io.gatehouse.product.ProductKind;
import io.gatehouse.product.ReleaseChannel;
import java.time.LocalDate;
import java.util.List;

/**
 * A licence as the API and pages show it. {@code key} is null for whoever may not read it;
 * {@code seats} null means unlimited; {@code endsSoon}: an active licence that ends within 30 days.
 */
public record LicenceView(String id, String organizationId, String productId, String productName, ProductKind productKind,
        String number, String key, String edition, Integer seats, long seatsUsed, LocalDate validFrom, LocalDate validUntil,
        boolean suspended, LicenceStatus.State status, InactiveReason inactiveReason, List<ReleaseChannel> channels,
        String maxVersion, LocalDate maintenanceUntil, boolean endsSoon) {

    /** The share of seats in use, 0 to 100, for the bar; 0 when unlimited. */
    public int seatsPercent() {
        if (seats == null || seats == 0) {
            return seats != null && seatsUsed > 0 ? 100 : 0;
        }
        return (int) Math.min(100, seatsUsed * 100 / seats);
    }

    public boolean active() {
        return status == LicenceStatus.State.ACTIVE;
    }
}
