package io.gatehouse.request;

import io.gatehouse.access.AccessChangeCause;
import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.OrganizationLock;
import io.gatehouse.mail.MailRequest;
import io.gatehouse.mail.Mails;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tickets once raised (RequestRaising raises them): reading them, and working them. Approving
 * applies the change as the approver, against today's state and today's rules — the requester's
 * as well as the approver's — in the same transaction as the ticket's new status and audit entry,
 * or not at all. A ticket is decided once: the decision is a conditional update that only one
 * approver can win.
 */
@Service
@Transactional
public class ChangeRequests {

    /**
     * The support queue's filters: no status listed, or a null filter, means any. The tickets
     * assigned to assignedFirst (when given) come before the others.
     */
    public record QueueQuery(List<RequestStatus> statuses, OrganizationId organization, RequestType type, Duration olderThan,
            UserId assignedFirst) {

        public QueueQuery {
            statuses = statuses == null ? List.of() : List.copyOf(statuses);
        }

        public QueueQuery(RequestStatus status, OrganizationId organization, RequestType type, Duration olderThan) {
            this(status == null ? List.of() : List.of(status), organization, type, olderThan, null);
        }
    }

    /** An organization as the queue's filter offers it. */
    public record RequestingOrganization(String id, String name) {
    }

    private final TicketStore store;
    private final RequestApplication application;
    private final Accounts accounts;
    private final Organizations organizations;
    private final AccessPolicy policy;
    private final Mails mails;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final OrganizationLock lock;

    ChangeRequests(TicketStore store, RequestApplication application, Accounts accounts, Organizations organizations,
            AccessPolicy policy, Mails mails, MessageSource messages, ApplicationEventPublisher events, OrganizationLock lock) {
        this.store = store;
        this.application = application;
        this.lock = lock;
        this.accounts = accounts;
        this.organizations = organizations;
        this.policy = policy;
        this.mails = mails;
        this.messages = messages;
        this.events = events;
    }

    // ---- reading

    /** "My tickets": the organization's requests, newest first. */
    @Transactional(readOnly = true)
    public PageResult<RequestView> forOrganization(Actor actor, OrganizationId organization, RequestStatus status, PageRequest page) {
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        return store.query(new QueueQuery(status, organization, null, null), false, page);
    }

    /** The vendor support queue across organizations, oldest first: the longest waiting come first. */
    @Transactional(readOnly = true)
    public PageResult<RequestView> queue(Actor actor, QueueQuery query, PageRequest page) {
        vendorStaff(actor);
        return store.query(query, true, page);
    }

    /** The organizations that have raised requests, by name: what the support queue can be filtered by. */
    @Transactional(readOnly = true)
    public List<RequestingOrganization> requestingOrganizations(Actor actor) {
        vendorStaff(actor);
        return store.requestingOrganizations();
    }

    @Transactional(readOnly = true)
    public RequestView get(Actor actor, UUID id) {
        return visible(actor, id);
    }

    // ---- working a ticket

    public RequestView assignToSelf(Actor actor, UUID id) {
        RequestView request = visible(actor, id);
        policy.decideRequest(actor, requester(request)).orThrow();
        if (request.status().decided()) {
            throw new ConflictException("status", "conflict.request.decided");
        }
        store.assign(id, actor.ref());
        store.event(id, actor.ref(), "ASSIGNED", null);
        audit(actor, request, "request.assigned", null);
        if (request.status() == RequestStatus.OPEN) {
            tell(request, RequestStatus.IN_PROGRESS, null);
        }
        return visible(actor, id);
    }

    public RequestView comment(Actor actor, UUID id, String text) {
        RequestView request = visible(actor, id);
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("text", "validation.required");
        }
        if (text.length() > 2000) {
            throw InvalidInputException.of("text", "validation.tooLong", 2000);
        }
        store.event(id, actor.ref(), "COMMENTED", text.strip());
        store.touch(id);
        audit(actor, request, "request.commented", null);
        return visible(actor, id);
    }

    /**
     * Applies the change as the approver, checked against today's state and rules. Only one
     * decision wins: the status moves first, under the row's lock, so a second approver finds it
     * decided. A change that no longer fits (the person left, a right was withdrawn from the
     * catalogue, the account is already deactivated, the requester could no longer make it) fails
     * as a whole with the reason, and the ticket stays open.
     */
    public RequestView approve(Actor approver, UUID id) {
        RequestView request = visible(approver, id);
        // The organization first, then the ticket: the same order as every other change to its members.
        Actor actor = lock.lock(approver, OrganizationId.parse(request.organizationId()));
        policy.decideRequest(actor, requester(request)).orThrow();
        store.decide(request, RequestStatus.APPLIED);
        // The access changes the approval makes name this request, so the applications told can say why.
        Map<String, Object> applied = AccessChangeCause.changeRequest(UUID.fromString(request.id()),
                () -> application.apply(actor, request, store.change(id)));
        store.applied(id, applied);
        store.event(id, actor.ref(), "APPLIED", null);
        audit(actor, request, "request.approved", applied);
        tell(request, RequestStatus.APPLIED, null);
        return visible(actor, id);
    }

    public RequestView reject(Actor actor, UUID id, String reason) {
        RequestView request = visible(actor, id);
        policy.decideRequest(actor, requester(request)).orThrow();
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.of("reason", "validation.request.reasonRequired");
        }
        if (reason.strip().length() > 2000) {
            throw InvalidInputException.of("reason", "validation.tooLong", 2000);
        }
        store.decide(request, RequestStatus.REJECTED);
        store.event(id, actor.ref(), "REJECTED", reason.strip());
        audit(actor, request, "request.rejected", Map.of("reason", reason.strip()));
        tell(request, RequestStatus.REJECTED, reason.strip());
        return visible(actor, id);
    }

    /** The requester's side may withdraw a request while nobody has decided it. */
    public RequestView cancel(Actor actor, UUID id) {
        RequestView request = visible(actor, id);
        if (!actor.isSelf(requester(request))
                && policy.manageMembers(actor, OrganizationId.parse(request.organizationId())).denied()) {
            throw new ForbiddenException("policy.userManagementRequired");
        }
        if (request.status() != RequestStatus.OPEN) {
            throw new ConflictException("status", "conflict.request.notOpen");
        }
        store.decide(request, RequestStatus.CANCELLED);
        store.event(id, actor.ref(), "CANCELLED", null);
        audit(actor, request, "request.cancelled", null);
        tell(request, RequestStatus.CANCELLED, null);
        return visible(actor, id);
    }

    /**
     * An approval that today's state refused leaves a line in the timeline, written on its own
     * since the approval itself changed nothing.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void noteConflict(Actor actor, UUID id, String message) {
        if (store.load(id).isPresent()) {
            store.event(id, actor.ref(), "CONFLICT", message);
        }
    }

    // ---- helpers

    private static UserId requester(RequestView request) {
        return request.requesterId() == null ? null : UserId.parse(request.requesterId());
    }

    private static void vendorStaff(Actor actor) {
        if (!actor.isVendorStaff()) {
            throw new ForbiddenException("policy.vendorStaffOnly");
        }
    }

    /** The vendor's staff see every ticket; an organization's admins see its tickets; a requester sees their own. */
    private RequestView visible(Actor actor, UUID id) {
        RequestView request = store.load(id).orElseThrow(() -> new NotFoundException("request"));
        if (actor.isVendorStaff()) {
            return request;
        }
        OrganizationId organization = OrganizationId.parse(request.organizationId());
        boolean own = request.requesterId() != null && actor.isSelf(UserId.parse(request.requesterId()));
        if (policy.seeOrganization(actor, organization).denied() || !(own || policy.manageMembers(actor, organization).allowed())) {
            throw new NotFoundException("request");
        }
        return request;
    }

    private void audit(Actor actor, RequestView request, String action, Map<String, Object> after) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("number", request.number());
        state.put("type", request.type().name());
        if (after != null) {
            state.putAll(after);
        }
        events.publishEvent(new Audited(actor.ref(), OrganizationId.parse(request.organizationId()), action, "request",
                request.id(), Map.of("status", request.status().name()), state));
    }

    /** The requester hears of every change of status, by mail, in their own language. */
    private void tell(RequestView request, RequestStatus status, String comment) {
        if (request.requesterId() == null) {
            return;
        }
        AccountView requester;
        try {
            requester = accounts.find(UserId.parse(request.requesterId()));
        } catch (NotFoundException e) {
            return;
        }
        Locale locale = requester.language().locale();
        Map<String, Object> variables = new LinkedHashMap<>();
        // As text: the portal writes a ticket's number without grouping ("Ticket #1042"), and so does the mail.
        String number = Long.toString(request.number());
        variables.put("requestNumber", number);
        variables.put("requestType", messages.getMessage("requests.type." + request.type(), null, locale));
        variables.put("status", messages.getMessage("requests.status." + status, null, locale));
        variables.put("organizationName", request.organizationName());
        variables.put("link", "/organizations/" + request.organizationId() + "/requests/" + request.id());
        if (comment != null) {
            variables.put("comment", comment);
        }
        variables.put("subjectArgs", List.of(number, messages.getMessage("requests.status." + status, null, locale)));
        mails.enqueue(new MailRequest(requester.email(), locale, "request-status", variables));
    }
}
