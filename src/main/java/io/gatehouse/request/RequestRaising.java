package io.gatehouse.request;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.OrganizationLock;
import io.gatehouse.access.RequestedChange;
import io.gatehouse.access.Role;
import io.gatehouse.member.ApprovalRequests;
import io.gatehouse.member.MemberView;
import io.gatehouse.member.Members;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raising a request: it changes nothing but the ticket. A request may only ask for what the
 * requester could do themselves if the organization were self-managed (AccessPolicy.requestChange):
 * anything else is refused with the policy's reason, and no ticket is written.
 */
@Service
@Transactional
class RequestRaising implements ApprovalRequests {

    private final TicketStore store;
    private final Members members;
    private final Organizations organizations;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;
    private final OrganizationLock lock;

    RequestRaising(TicketStore store, Members members, Organizations organizations, Catalog catalog, AccessPolicy policy,
            ApplicationEventPublisher events, OrganizationLock lock) {
        this.store = store;
        this.lock = lock;
        this.members = members;
        this.organizations = organizations;
        this.catalog = catalog;
        this.policy = policy;
        this.events = events;
    }

    @Override
    public Receipt newUser(Actor actor, OrganizationId organization, Members.NewMember member, String note) {
        mayManage(actor, organization);
        if (member.role() == null) {
            throw InvalidInputException.of("role", "validation.required");
        }
        requestable(member.rights());
        mayRequest(actor, members.requested(organization, member));
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("firstName", member.firstName());
        change.put("lastName", member.lastName());
        change.put("email", member.email());
        change.put("position", member.position());
        change.put("role", member.role().name());
        change.put("rights", member.rights());
        change.put("sites", member.role().reachesAllSites() ? List.of() : member.sites());
        Map<String, Object> after = new LinkedHashMap<>(change);
        String target = (member.firstName() + " " + member.lastName()).strip() + " <" + member.email() + ">";
        return raise(actor, new TicketStore.NewTicket(organization, RequestType.NEW_USER, actor.ref(), null, target, change, null,
                after, null, note));
    }

    @Override
    public Receipt accessChange(Actor actor, OrganizationId organization, UserId user, Role role, List<String> rights,
            List<String> sites, String note) {
        mayManage(actor, organization);
        MemberView current = members.get(actor, organization, user);
        if (role == null && rights == null && sites == null) {
            throw InvalidInputException.of("rights", "validation.request.nothingToChange");
        }
        if (rights != null) {
            requestable(rights);
        }
        Map<String, Object> before = TicketStore.state(current);
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("role", role == null ? null : role.name());
        change.put("rights", rights);
        change.put("sites", sites);
        Map<String, Object> after = new LinkedHashMap<>(before);
        if (role != null) {
            after.put("role", role.name());
        }
        if (rights != null) {
            // Rights managed in another application stay as they are: they are never requested.
            List<String> kept = new ArrayList<>(current.rights().stream().filter(this::external).toList());
            rights.stream().map(String::strip).filter(r -> !kept.contains(r)).forEach(kept::add);
            after.put("rights", kept);
        }
        if (sites != null) {
            after.put("sites", sites);
        }
        if (sameAccess(before, after)) {
            throw InvalidInputException.of("rights", "validation.request.nothingToChange");
        }
        mayRequest(actor, members.requested(organization, user, new Members.MemberChange(role, rights, sites, null)));
        return raise(actor, new TicketStore.NewTicket(organization, RequestType.RIGHTS_CHANGE, actor.ref(), user, label(current),
                change, before, after, null, note));
    }

    @Override
    public Receipt deactivation(Actor actor, OrganizationId organization, UserId user, String reason, String note) {
        mayManage(actor, organization);
        MemberView current = members.get(actor, organization, user);
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.of("reason", "validation.request.reasonRequired");
        }
        mayRequest(actor, members.requested(organization, user, new Members.MemberChange(null, null, null, true)));
        Map<String, Object> before = TicketStore.state(current);
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("status", "BLOCKED");
        return raise(actor, new TicketStore.NewTicket(organization, RequestType.DEACTIVATION, actor.ref(), user, label(current),
                Map.of("blocked", true), before, after, reason.strip(), note));
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, List<Pending>> pending(Actor actor, OrganizationId organization) {
        mayManage(actor, organization);
        Map<String, List<Pending>> byPerson = new LinkedHashMap<>();
        for (TicketStore.Pending open : store.undecided(organization, null, null)) {
            if (open.type() != RequestType.NEW_USER) {
                byPerson.computeIfAbsent(open.targetUserId(), p -> new ArrayList<>()).add(pending(open));
            }
        }
        return byPerson;
    }

    private static Pending pending(TicketStore.Pending open) {
        return new Pending(open.requestId(), open.number(), Asked.valueOf(open.type().name()));
    }

    private Receipt raise(Actor actor, TicketStore.NewTicket ticket) {
        if (ticket.note() != null && ticket.note().length() > 2000) {
            throw InvalidInputException.of("note", "validation.tooLong", 2000);
        }
        if (ticket.reason() != null && ticket.reason().length() > 1000) {
            throw InvalidInputException.of("reason", "validation.tooLong", 1000);
        }
        if (ticket.target() != null) {
            // Under the organization's lock, two identical requests sent at once are raised one after the
            // other, and the second finds the first still open.
            lock.lock(actor, ticket.organization());
            store.undecided(ticket.organization(), ticket.target(), ticket.type()).stream().findFirst().ifPresent(open -> {
                throw new AlreadyRequested(pending(open));
            });
        }
        Receipt receipt = store.insert(ticket);
        events.publishEvent(new Audited(actor.ref(), ticket.organization(), "request.raised", "request", receipt.requestId(), null,
                Map.of("number", receipt.number(), "type", ticket.type().name(), "after", ticket.after())));
        return receipt;
    }

    private void mayManage(Actor actor, OrganizationId organization) {
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
    }

    /** The combined rule: the change needs the vendor's approval, and the requester could make it directly. */
    private void mayRequest(Actor actor, RequestedChange change) {
        boolean vendorManaged = organizations.get(actor, change.organization()).managementMode() == ManagementMode.VENDOR_MANAGED;
        policy.requestChange(actor, vendorManaged, change).orThrow();
    }

    /** Rights managed in another application are shown, never requested; unknown ones are field errors. */
    private void requestable(List<String> rights) {
        for (CatalogRight right : catalog.resolve(rights, "rights")) {
            if (right.managedExternally()) {
                throw new ForbiddenException("policy.rightManagedExternally");
            }
        }
    }

    private boolean external(String right) {
        CatalogRight known = catalog.rightsByName().get(right);
        return known != null && known.managedExternally();
    }

    /** Role, rights and sites compared as what they are: the order of a list changes nothing. */
    private static boolean sameAccess(Map<String, Object> before, Map<String, Object> after) {
        return Objects.equals(before.get("role"), after.get("role"))
                && asSet(before.get("rights")).equals(asSet(after.get("rights")))
                && asSet(before.get("sites")).equals(asSet(after.get("sites")));
    }

    private static Set<Object> asSet(Object list) {
        return list instanceof Collection<?> values ? new HashSet<>(values) : Set.of();
    }

    private static String label(MemberView member) {
        String name = (member.firstName() + " " + member.lastName()).strip();
        return (name.isEmpty() ? "" : name + " ") + "<" + member.email() + ">";
    }
}
