package io.gatehouse.access;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import java.util.Set;

/** A member as the policy judges them: role, status, rights, sites, and whether the organization hangs on them. */
public record MemberFacts(
        OrganizationId organizationId,
        UserId userId,
        Role role,
        MembershipStatus status,
        Set<String> rights,
        Set<SiteId> sites,
        boolean lastActiveManager) {

    public MemberFacts {
        rights = Set.copyOf(rights);
        sites = Set.copyOf(sites);
    }
}
