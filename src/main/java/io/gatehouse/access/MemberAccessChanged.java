package io.gatehouse.access;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A person's access in an organization changed: published inside the transaction of the change,
 * whichever way it came (portal, API, invitation, an approved request, provisioning), by the one
 * service every one of them goes through ({@link Memberships}).
 *
 * @param organizationId  where the access changed
 * @param userId          whose access changed
 * @param applicationIds  the applications concerned: for a change of rights alone those rights' applications;
 *                        for anything else every application the person held a right of before or after
 * @param changes         what kind of change it was (one call may make several)
 * @param rightsGranted   names of the rights added
 * @param rightsWithdrawn names of the rights taken away
 * @param changeRequestId the approved change request that made the change, or null
 * @param at              when
 */
public record MemberAccessChanged(
        OrganizationId organizationId,
        UserId userId,
        Set<UUID> applicationIds,
        Set<Change> changes,
        Set<String> rightsGranted,
        Set<String> rightsWithdrawn,
        UUID changeRequestId,
        Instant at) {

    /** The kinds of change, as applications receive them (lower case in the webhook payload). */
    public enum Change {
        JOINED, RIGHTS_GRANTED, RIGHTS_WITHDRAWN, ROLE_CHANGED, SITES_CHANGED, BLOCKED, UNBLOCKED, REMOVED,
        ACCOUNT_DISABLED, ACCOUNT_ENABLED, ACCOUNT_DELETED
    }

    public MemberAccessChanged {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        if (changes == null || changes.isEmpty()) {
            throw new IllegalArgumentException("an access change says what changed");
        }
        applicationIds = applicationIds == null ? Set.of() : Set.copyOf(applicationIds);
        changes = Set.copyOf(changes);
        rightsGranted = rightsGranted == null ? Set.of() : Set.copyOf(rightsGranted);
        rightsWithdrawn = rightsWithdrawn == null ? Set.of() : Set.copyOf(rightsWithdrawn);
    }
}
