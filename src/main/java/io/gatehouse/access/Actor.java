package io.gatehouse.access;

import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in person as the policy sees them on this request: freshly read, so a change to
 * their role, rights or status counts from the very next request.
 */
public record Actor(UserId userId, String label, StaffRole staffRole, Map<OrganizationId, OrganizationAccess> organizations) {

    public record OrganizationAccess(
            OrganizationId organizationId, Role role, MembershipStatus status, Set<String> rights, Set<SiteId> sites) {

        public OrganizationAccess {
            rights = Set.copyOf(rights);
            sites = Set.copyOf(sites);
        }

        public boolean active() {
            return status == MembershipStatus.ACTIVE;
        }

        public boolean holds(String right) {
            return rights.contains(right);
        }

        public boolean reaches(SiteId site) {
            return role.reachesAllSites() || sites.contains(site);
        }
    }

    public Actor {
        organizations = Map.copyOf(organizations);
    }

    public boolean isVendorAdmin() {
        return staffRole == StaffRole.VENDOR_ADMIN;
    }

    public boolean isVendorStaff() {
        return staffRole != null;
    }

    public Optional<OrganizationAccess> in(OrganizationId organization) {
        return Optional.ofNullable(organizations.get(organization));
    }

    public Optional<OrganizationAccess> activeIn(OrganizationId organization) {
        return in(organization).filter(OrganizationAccess::active);
    }

    public boolean isSelf(UserId other) {
        return userId.equals(other);
    }

    /** The same actor under another name in the audit trail, e.g. acting through a SCIM token. */
    public Actor labelled(String newLabel) {
        return new Actor(userId, newLabel, staffRole, organizations);
    }

    public ActorRef ref() {
        return new ActorRef(userId, label);
    }
}
