package io.gatehouse.member;

import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.util.Objects;

/**
 * A person's membership of an organization went ("Remove from"). Published inside the removing
 * transaction, so that what hangs on the membership (a pending invitation) goes with it or not at all.
 */
public record MemberRemoved(ActorRef by, OrganizationId organization, UserId user) {

    public MemberRemoved {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(user, "user");
    }
}
