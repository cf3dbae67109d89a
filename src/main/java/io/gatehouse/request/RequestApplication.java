package io.gatehouse.request;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Actors;
import io.gatehouse.access.Decision;
import io.gatehouse.access.RequestedChange;
import io.gatehouse.access.Role;
import io.gatehouse.invitation.InviteOutcome;
import io.gatehouse.invitation.Invitations;
import io.gatehouse.member.MemberStatus;
import io.gatehouse.member.MemberView;
import io.gatehouse.member.Members;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountStatus;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies an approved ticket's change as the approver, inside the approval's transaction. First it
 * locks the organization, then judges the request again against today's state: the requester, as
 * they are now, must still be able to make the change themselves (AccessPolicy.applyRequest). A
 * change that no longer fits fails as a whole, with the reason.
 */
@Component
class RequestApplication {

    private final Members members;
    private final Invitations invitations;
    private final Accounts accounts;
    private final Actors actors;
    private final AccessPolicy policy;
    private final Map<RequestType, RequestKind> kinds = new java.util.EnumMap<>(RequestType.class);

    RequestApplication(Members members, Invitations invitations, Accounts accounts, Actors actors, AccessPolicy policy,
            List<RequestKind> kinds) {
        kinds.forEach(kind -> this.kinds.put(kind.type(), kind));
        this.members = members;
        this.invitations = invitations;
        this.accounts = accounts;
        this.actors = actors;
        this.policy = policy;
    }

    /** The member's state once applied, as the ticket shows it. */
    @Transactional(propagation = Propagation.MANDATORY)
    Map<String, Object> apply(Actor approver, RequestView request, Map<String, Object> change) {
        OrganizationId organization = OrganizationId.parse(request.organizationId());
        // The caller holds the organization's lock (ChangeRequests.approve): what is judged below is what gets changed.
        try {
            if (!request.type().aboutAPerson()) {
                RequestKind kind = kinds.get(request.type());
                if (kind == null) {
                    throw new IllegalStateException("no feature applies requests of type " + request.type());
                }
                try {
                    return kind.apply(approver, requesterToday(request), organization, change);
                } catch (ForbiddenException refused) {
                    // The requester, as they are today, may no longer ask for this: said like a member request's refusal.
                    throw new RequestConflictException("conflict.request.requesterMayNot",
                            List.of(new DefaultMessageSourceResolvable(new String[] {refused.reasonCode()}, refused.reasonCode())));
                }
            }
            Decision still = policy.applyRequest(requesterToday(request), requested(request, organization, change));
            if (still.denied()) {
                throw new RequestConflictException("conflict.request.requesterMayNot",
                        List.of(new DefaultMessageSourceResolvable(new String[] {still.reason()}, still.reason())));
            }
            return switch (request.type()) {
                case NEW_USER -> newUser(approver, organization, change);
                case RIGHTS_CHANGE -> state(members.change(approver, organization, target(request), memberChange(change)));
                case DEACTIVATION -> deactivate(approver, organization, target(request));
                default -> throw new IllegalStateException("not about a person: " + request.type());
            };
        } catch (NotFoundException e) {
            throw new ConflictException("target", "conflict.request.targetGone");
        } catch (InvalidInputException e) {
            throw new RequestConflictException(e.errors().get(0).messageCode(), e.errors().get(0).arguments());
        } catch (ForbiddenException e) {
            throw new RequestConflictException(e.reasonCode(), List.of());
        }
    }

    /** The requester as they are now; null when their account is gone or may no longer act. */
    private Actor requesterToday(RequestView request) {
        if (request.requesterId() == null) {
            return null;
        }
        UserId requester = UserId.parse(request.requesterId());
        try {
            if (accounts.find(requester).status() != AccountStatus.ACTIVE) {
                return null;
            }
        } catch (NotFoundException e) {
            return null;
        }
        return actors.load(requester);
    }

    /** The ticket's change in the policy's terms, against today's facts. */
    private RequestedChange requested(RequestView request, OrganizationId organization, Map<String, Object> change) {
        return switch (request.type()) {
            case NEW_USER -> members.requested(organization, newMember(change));
            case RIGHTS_CHANGE -> members.requested(organization, target(request), memberChange(change));
            case DEACTIVATION -> members.requested(organization, target(request), new Members.MemberChange(null, null, null, true));
            default -> throw new IllegalStateException("not about a person: " + request.type());
        };
    }

    private Map<String, Object> newUser(Actor approver, OrganizationId organization, Map<String, Object> change) {
        Members.NewMember member = newMember(change);
        List<Invitations.Verdict> verdicts = invitations.invite(approver, List.of(member.email()),
                List.of(new Invitations.Target(organization, member.role(), member.rights(), member.sites())));
        InviteOutcome outcome = verdicts.get(0).outcome();
        if (outcome != InviteOutcome.INVITED && outcome != InviteOutcome.ADDED) {
            throw new ConflictException("email", outcome == InviteOutcome.ALREADY_MEMBER ? "conflict.member.exists" : "validation.email");
        }
        AccountView account = accounts.findByEmail(member.email()).orElseThrow();
        if (outcome == InviteOutcome.INVITED) {
            // The request named the person: the invitation carries that name until they register.
            accounts.update(approver, account.id(), new AccountChanges(member.firstName(), member.lastName(), null,
                    member.position(), null, null, null, null));
        }
        Map<String, Object> applied = new LinkedHashMap<>();
        for (String field : List.of("firstName", "lastName", "email", "position")) {
            applied.put(field, change.get(field));
        }
        applied.putAll(state(members.get(approver, organization, account.id())));
        return applied;
    }

    private Map<String, Object> deactivate(Actor approver, OrganizationId organization, UserId user) {
        MemberView current = members.get(approver, organization, user);
        if (current.status() == MemberStatus.BLOCKED || current.status() == MemberStatus.DISABLED) {
            throw new ConflictException("status", "conflict.request.alreadyDeactivated");
        }
        return state(members.change(approver, organization, user, new Members.MemberChange(null, null, null, true)));
    }

    @SuppressWarnings("unchecked")
    private static Members.NewMember newMember(Map<String, Object> change) {
        return new Members.NewMember((String) change.get("firstName"), (String) change.get("lastName"), (String) change.get("email"),
                null, (String) change.get("position"), null, Role.valueOf((String) change.get("role")),
                (List<String>) change.get("rights"), (List<String>) change.get("sites"));
    }

    @SuppressWarnings("unchecked")
    private static Members.MemberChange memberChange(Map<String, Object> change) {
        String role = (String) change.get("role");
        return new Members.MemberChange(role == null ? null : Role.valueOf(role), (List<String>) change.get("rights"),
                (List<String>) change.get("sites"), null);
    }

    private static UserId target(RequestView request) {
        return UserId.parse(request.targetUserId());
    }

    private static Map<String, Object> state(MemberView member) {
        return TicketStore.state(member);
    }
}
