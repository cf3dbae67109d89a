package io.gatehouse.member;

import io.gatehouse.access.Role;
import java.time.Instant;
import java.util.List;

/** A member as the API and the User Management list show them, in one organization only. */
public record MemberView(String userId, String firstName, String lastName, String email, String login, String position,
        Role role, List<String> rights, List<String> sites, boolean allSites, MemberStatus status, Instant memberSince,
        Instant lastSignInAt) {

    public MemberView {
        rights = List.copyOf(rights);
        sites = List.copyOf(sites);
    }

    /**
     * The answer to adding an address that already had an account: that the address is now a member,
     * with the access just given, and nothing of the person's own profile (name, login, position, last
     * sign-in), which the one adding did not type and may not know.
     */
    MemberView asAddedByAddress() {
        return new MemberView(userId, null, null, email, null, null, role, rights, sites, allSites, status, memberSince, null);
    }
}
