package io.gatehouse.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gatehouse.invitations.valid-for}: how long a link works (7 days by default);
 * {@code gatehouse.invitations.per-hour}: how many addresses one organization may invite in an
 * hour, against spam (1,000 by default).
 */
@ConfigurationProperties("gatehouse.invitations")
record InvitationSettings(Duration validFor, Integer perHour) {

    InvitationSettings {
        validFor = validFor == null ? Duration.ofDays(7) : validFor;
        perHour = perHour == null ? 1000 : perHour;
        if (validFor.isNegative() || validFor.isZero() || perHour < 1) {
            throw new IllegalArgumentException("gatehouse.invitations: valid-for and per-hour must be positive");
        }
    }
}
