package io.gatehouse.licence;

import java.time.Instant;

/** A machine that holds a seat of a desktop licence, as the portal shows it. */
public record ActivationView(String id, String licenceId, String machineName, String activatedBy, Instant activatedAt,
        Instant deactivatedAt) {

    public boolean live() {
        return deactivatedAt == null;
    }
}
