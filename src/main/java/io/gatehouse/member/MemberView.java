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
}
