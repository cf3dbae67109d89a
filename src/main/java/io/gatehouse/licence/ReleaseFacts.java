package io.gatehouse.licence;

import io.gatehouse.product.ReleaseChannel;
import io.gatehouse.product.ReleaseVersion;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** What a licence's entitlement is judged on: which product, which version, which channel, released when. */
public record ReleaseFacts(UUID productId, ReleaseVersion version, ReleaseChannel channel, LocalDate releasedOn) {

    public ReleaseFacts {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(releasedOn, "releasedOn");
    }
}
