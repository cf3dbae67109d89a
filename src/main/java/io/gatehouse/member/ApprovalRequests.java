package io.gatehouse.member;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Role;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.util.List;

/**
 * Where a change goes when the vendor must approve it (see AccessPolicy.needsApproval): it
 * becomes a request, a ticket, and changes nothing yet. A request may only ask for what the actor
 * could do directly (AccessPolicy.requestChange): anything else is refused with the policy's
 * reason and writes no ticket. The request feature provides it.
 */
public interface ApprovalRequests {

    /** What the caller is told: the ticket that now carries the change. */
    record Receipt(String requestId, long number, String status) {
    }

    /** "Create new user": first and last name, email, position, role, rights, sites, an optional note. */
    Receipt newUser(Actor actor, OrganizationId organization, Members.NewMember member, String note);

    /** A change of role, access rights or sites; a null part stays as it is. */
    Receipt accessChange(Actor actor, OrganizationId organization, UserId user, Role role, List<String> rights,
            List<String> sites, String note);

    /** "Deactivate": the person is blocked in this organization once approved. A reason is required. */
    Receipt deactivation(Actor actor, OrganizationId organization, UserId user, String reason, String note);
}
