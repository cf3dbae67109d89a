package io.gatehouse.member;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Role;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** What an open request about one member asks for. */
    enum Asked {
        RIGHTS_CHANGE, DEACTIVATION
    }

    /** A request about a member that nobody has decided yet (open or in progress): what it asks, and its ticket. */
    record Pending(String requestId, long number, Asked asked) {
    }

    /**
     * The same request for the same person is still to decide: a second one would ask twice. It
     * names the open ticket, where the requester can follow it, comment, or cancel it.
     */
    class AlreadyRequested extends ConflictException {

        private final transient Pending open;

        public AlreadyRequested(Pending open) {
            super("request", "conflict.request.duplicate." + open.asked());
            this.open = open;
        }

        public Pending open() {
            return open;
        }

        @Override
        public List<Object> arguments() {
            return List.of(open.number());
        }

        @Override
        public Map<String, Object> properties() {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("requestId", open.requestId());
            properties.put("requestNumber", open.number());
            return properties;
        }
    }

    /**
     * The organization's requests about its members still to decide, by member's user id, oldest
     * first: what the team table shows on each row. Only for those who may manage its members.
     */
    Map<String, List<Pending>> pending(Actor actor, OrganizationId organization);

    /** "Create new user": first and last name, email, position, role, rights, sites, an optional note. */
    Receipt newUser(Actor actor, OrganizationId organization, Members.NewMember member, String note);

    /** A change of role, access rights or sites; a null part stays as it is. Refused while another one for the person is open. */
    Receipt accessChange(Actor actor, OrganizationId organization, UserId user, Role role, List<String> rights,
            List<String> sites, String note);

    /** "Deactivate": the person is blocked in this organization once approved. A reason is required; refused while one is open. */
    Receipt deactivation(Actor actor, OrganizationId organization, UserId user, String reason, String note);
}
