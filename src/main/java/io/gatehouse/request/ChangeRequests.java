package io.gatehouse.request;

import static io.gatehouse.shared.FormValues.blankToNull;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.Role;
import io.gatehouse.invitation.InviteOutcome;
import io.gatehouse.invitation.Invitations;
import io.gatehouse.mail.MailRequest;
import io.gatehouse.mail.Mails;
import io.gatehouse.member.ApprovalRequests;
import io.gatehouse.member.MemberView;
import io.gatehouse.member.Members;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests and the tickets they become. Raising one changes nothing but the ticket; approving
 * applies the change as the approver, against today's state and today's rules, in the same
 * transaction as the ticket's new status and audit entry — or not at all. A ticket is decided
 * once: the decision is a conditional update that only one approver can win.
 */
@Service
@Transactional
public class ChangeRequests implements ApprovalRequests {

    /** The support queue's filters; null means any. */
    public record QueueQuery(RequestStatus status, OrganizationId organization, RequestType type, Duration olderThan) {
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Members members;
    private final Invitations invitations;
    private final Accounts accounts;
    private final Organizations organizations;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final Mails mails;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    ChangeRequests(JdbcClient jdbc, Members members, Invitations invitations, Accounts accounts, Organizations organizations,
            Catalog catalog, AccessPolicy policy, Mails mails, MessageSource messages, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.members = members;
        this.invitations = invitations;
        this.accounts = accounts;
        this.organizations = organizations;
        this.catalog = catalog;
        this.policy = policy;
        this.mails = mails;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    // ---- raising

    @Override
    public Receipt newUser(Actor actor, OrganizationId organization, Members.NewMember member, String note) {
        mayRequest(actor, organization);
        if (member.role() == null) {
            throw InvalidInputException.of("role", "validation.required");
        }
        requestable(member.rights());
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
        return raise(actor, organization, RequestType.NEW_USER, null, target, change, null, after, null, note);
    }

    @Override
    public Receipt accessChange(Actor actor, OrganizationId organization, UserId user, Role role, List<String> rights,
            List<String> sites, String note) {
        mayRequest(actor, organization);
        MemberView current = members.get(actor, organization, user);
        if (role == null && rights == null && sites == null) {
            throw InvalidInputException.of("rights", "validation.request.nothingToChange");
        }
        if (rights != null) {
            requestable(rights);
        }
        Map<String, Object> before = state(current);
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
        return raise(actor, organization, RequestType.RIGHTS_CHANGE, user, label(current), change, before, after, null, note);
    }

    @Override
    public Receipt deactivation(Actor actor, OrganizationId organization, UserId user, String reason, String note) {
        mayRequest(actor, organization);
        MemberView current = members.get(actor, organization, user);
        if (reason == null || reason.isBlank()) {
            throw InvalidInputException.of("reason", "validation.request.reasonRequired");
        }
        Map<String, Object> before = state(current);
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("status", "BLOCKED");
        return raise(actor, organization, RequestType.DEACTIVATION, user, label(current), Map.of("blocked", true), before, after,
                reason.strip(), note);
    }

    private Receipt raise(Actor actor, OrganizationId organization, RequestType type, UserId target, String targetLabel,
            Map<String, Object> change, Map<String, Object> before, Map<String, Object> after, String reason, String note) {
        if (note != null && note.length() > 2000) {
            throw InvalidInputException.of("note", "validation.tooLong", 2000);
        }
        if (reason != null && reason.length() > 1000) {
            throw InvalidInputException.of("reason", "validation.tooLong", 1000);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into change_request (id, organization_id, type, status, requester_id, requester_label, target_user_id,
                            target_label, change_payload, before_state, after_state, reason, note, created_at, updated_at)
                        values (:id, :org, :type, 'OPEN', :requester, :requesterLabel, :target, :targetLabel, :change, :before,
                            :after, :reason, :note, :now, :now)""")
                .param("id", id).param("org", organization.value()).param("type", type.name())
                .param("requester", actor.userId().value()).param("requesterLabel", actor.ref().label())
                .param("target", target == null ? null : target.value()).param("targetLabel", targetLabel)
                .param("change", write(change)).param("before", before == null ? null : write(before)).param("after", write(after))
                .param("reason", reason).param("note", blankToNull(note)).param("now", Timestamp.from(now))
                .update();
        event(id, actor.ref(), "CREATED", blankToNull(note));
        long number = jdbc.sql("select number from change_request where id = ?").param(id).query(Long.class).single();
        events.publishEvent(new Audited(actor.ref(), organization, "request.raised", "request", id.toString(), null,
                Map.of("number", number, "type", type.name(), "after", after)));
        return new Receipt(id.toString(), number, RequestStatus.OPEN.name());
    }

    // ---- reading

    /** "My tickets": the organization's requests, newest first. */
    @Transactional(readOnly = true)
    public PageResult<RequestView> forOrganization(Actor actor, OrganizationId organization, RequestStatus status, PageRequest page) {
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        return query(new QueueQuery(status, organization, null, null), false, page);
    }

    /** The vendor support queue across organizations, oldest first: the longest waiting come first. */
    @Transactional(readOnly = true)
    public PageResult<RequestView> queue(Actor actor, QueueQuery query, PageRequest page) {
        if (!actor.isVendorStaff()) {
            throw new ForbiddenException("policy.vendorStaffOnly");
        }
        return query(query, true, page);
    }

    /** An organization as the queue's filter offers it. */
    public record RequestingOrganization(String id, String name) {
    }

    /** The organizations that have raised requests, by name: what the support queue can be filtered by. */
    @Transactional(readOnly = true)
    public List<RequestingOrganization> requestingOrganizations(Actor actor) {
        if (!actor.isVendorStaff()) {
            throw new ForbiddenException("policy.vendorStaffOnly");
        }
        return jdbc.sql("""
                        select o.id, o.name from organization o
                        where exists (select 1 from change_request r where r.organization_id = o.id)
                        order by lower(o.name), o.id""")
                .query((rs, n) -> new RequestingOrganization(rs.getObject("id", UUID.class).toString(), rs.getString("name")))
                .list();
    }

    @Transactional(readOnly = true)
    public RequestView get(Actor actor, UUID id) {
        return visible(actor, id);
    }

    // ---- working a ticket

    public RequestView assignToSelf(Actor actor, UUID id) {
        RequestView request = visible(actor, id);
        policy.decideRequest(actor, requester(request)).orThrow();
        open(request);
        int moved = jdbc.sql("""
                        update change_request set status = 'IN_PROGRESS', assignee_id = ?, assignee_label = ?, updated_at = ?,
                            version = version + 1
                        where id = ? and status in ('OPEN', 'IN_PROGRESS')""")
                .params(actor.userId().value(), actor.ref().label(), Timestamp.from(clock.instant()), id).update();
        if (moved == 0) {
            throw new ConflictException("status", "conflict.request.decided");
        }
        event(id, actor.ref(), "ASSIGNED", null);
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
        event(id, actor.ref(), "COMMENTED", text.strip());
        jdbc.sql("update change_request set updated_at = ? where id = ?").params(Timestamp.from(clock.instant()), id).update();
        audit(actor, request, "request.commented", null);
        return visible(actor, id);
    }

    /**
     * Applies the change as the approver, checked against today's state and rules. Only one
     * decision wins: the status moves first, under the row's lock, so a second approver finds it
     * decided. A change that no longer fits (the person left, a right was withdrawn from the
     * catalogue, the account is already deactivated) fails as a whole with the reason, and the
     * ticket stays open.
     */
    public RequestView approve(Actor actor, UUID id) {
        RequestView request = visible(actor, id);
        policy.decideRequest(actor, requester(request)).orThrow();
        decide(actor, request, RequestStatus.APPLIED);
        OrganizationId organization = OrganizationId.parse(request.organizationId());
        Map<String, Object> change = read(jdbc.sql("select change_payload from change_request where id = ?").param(id)
                .query(String.class).single());
        Map<String, Object> applied = apply(actor, request, organization, change);
        jdbc.sql("update change_request set after_state = ? where id = ?").params(write(applied), id).update();
        event(id, actor.ref(), "APPLIED", null);
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
        decide(actor, request, RequestStatus.REJECTED);
        event(id, actor.ref(), "REJECTED", reason.strip());
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
        decide(actor, request, RequestStatus.CANCELLED);
        event(id, actor.ref(), "CANCELLED", null);
        audit(actor, request, "request.cancelled", null);
        tell(request, RequestStatus.CANCELLED, null);
        return visible(actor, id);
    }

    private void decide(Actor actor, RequestView request, RequestStatus to) {
        open(request);
        String from = to == RequestStatus.CANCELLED ? "('OPEN')" : "('OPEN', 'IN_PROGRESS')";
        int decided = jdbc.sql("update change_request set status = ?, updated_at = ?, version = version + 1 where id = ? and status in " + from)
                .params(to.name(), Timestamp.from(clock.instant()), UUID.fromString(request.id())).update();
        if (decided == 0) {
            throw new ConflictException("status", "conflict.request.decided");
        }
    }

    private static UserId requester(RequestView request) {
        return request.requesterId() == null ? null : UserId.parse(request.requesterId());
    }

    /**
     * An approval that today's state refused leaves a line in the timeline, written on its own
     * since the approval itself changed nothing.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public void noteConflict(Actor actor, UUID id, String message) {
        if (load(id).isPresent()) {
            event(id, actor.ref(), "CONFLICT", message);
        }
    }

    private static void open(RequestView request) {
        if (request.status().decided()) {
            throw new ConflictException("status", "conflict.request.decided");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> apply(Actor approver, RequestView request, OrganizationId organization, Map<String, Object> change) {
        try {
            switch (request.type()) {
                case NEW_USER -> {
                    Role role = Role.valueOf((String) change.get("role"));
                    List<Invitations.Verdict> verdicts = invitations.invite(approver, List.of((String) change.get("email")),
                            List.of(new Invitations.Target(organization, role, (List<String>) change.get("rights"),
                                    (List<String>) change.get("sites"))));
                    InviteOutcome outcome = verdicts.get(0).outcome();
                    if (outcome != InviteOutcome.INVITED && outcome != InviteOutcome.ADDED) {
                        throw new ConflictException("email", outcome == InviteOutcome.ALREADY_MEMBER
                                ? "conflict.member.exists" : "validation.email");
                    }
                    AccountView account = accounts.findByEmail((String) change.get("email")).orElseThrow();
                    if (outcome == InviteOutcome.INVITED) {
                        // The request named the person: the invitation carries that name until they register.
                        accounts.update(approver, account.id(), new AccountChanges((String) change.get("firstName"),
                                (String) change.get("lastName"), null, (String) change.get("position"), null, null, null, null));
                    }
                    Map<String, Object> applied = new LinkedHashMap<>();
                    for (String field : List.of("firstName", "lastName", "email", "position")) {
                        applied.put(field, change.get(field));
                    }
                    applied.putAll(state(members.get(approver, organization, account.id())));
                    return applied;
                }
                case RIGHTS_CHANGE -> {
                    UserId user = UserId.parse(request.targetUserId());
                    String role = (String) change.get("role");
                    return state(members.change(approver, organization, user, new Members.MemberChange(
                            role == null ? null : Role.valueOf(role), (List<String>) change.get("rights"),
                            (List<String>) change.get("sites"), null)));
                }
                case DEACTIVATION -> {
                    UserId user = UserId.parse(request.targetUserId());
                    MemberView current = members.get(approver, organization, user);
                    if (current.status() == io.gatehouse.member.MemberStatus.BLOCKED
                            || current.status() == io.gatehouse.member.MemberStatus.DISABLED) {
                        throw new ConflictException("status", "conflict.request.alreadyDeactivated");
                    }
                    return state(members.change(approver, organization, user, new Members.MemberChange(null, null, null, true)));
                }
                default -> throw new IllegalStateException(request.type().name());
            }
        } catch (NotFoundException e) {
            throw new ConflictException("target", "conflict.request.targetGone");
        } catch (InvalidInputException e) {
            throw new RequestConflictException(e.errors().get(0).messageCode(), e.errors().get(0).arguments());
        } catch (ForbiddenException e) {
            throw new RequestConflictException(e.reasonCode(), List.of());
        }
    }

    /** Today's state or rules say no: the approval changes nothing, and says why. */
    public static class RequestConflictException extends ConflictException {

        private final List<Object> arguments;

        RequestConflictException(String messageCode, List<Object> arguments) {
            super("change", messageCode);
            this.arguments = List.copyOf(arguments);
        }

        @Override
        public List<Object> arguments() {
            return arguments;
        }
    }

    // ---- helpers

    private void mayRequest(Actor actor, OrganizationId organization) {
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
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

    /** The vendor's staff see every ticket; an organization's admins see its tickets; a requester sees their own. */
    private RequestView visible(Actor actor, UUID id) {
        RequestView request = load(id).orElseThrow(() -> new NotFoundException("request"));
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

    /** oldestFirst: the queue's order, also when it is filtered by organization; My tickets shows the newest first. */
    private PageResult<RequestView> query(QueueQuery query, boolean oldestFirst, PageRequest page) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.status() != null) {
            where.append(" and r.status = :status");
            params.put("status", query.status().name());
        }
        if (query.organization() != null) {
            where.append(" and r.organization_id = :org");
            params.put("org", query.organization().value());
        }
        if (query.type() != null) {
            where.append(" and r.type = :type");
            params.put("type", query.type().name());
        }
        if (query.olderThan() != null) {
            where.append(" and r.created_at <= :before");
            params.put("before", Timestamp.from(clock.instant().minus(query.olderThan())));
        }
        var count = jdbc.sql("select count(*) from change_request r where " + where);
        var ids = jdbc.sql("select r.id from change_request r where " + where + " order by r.created_at "
                + (oldestFirst ? "asc" : "desc") + ", r.number " + (oldestFirst ? "asc" : "desc") + " limit " + page.size() + " offset " + page.offset());
        for (Map.Entry<String, Object> p : params.entrySet()) {
            count = count.param(p.getKey(), p.getValue());
            ids = ids.param(p.getKey(), p.getValue());
        }
        long total = count.query(Long.class).single();
        List<RequestView> items = ids.query(UUID.class).list().stream().map(i -> load(i).orElseThrow()).toList();
        return new PageResult<>(items, total, page.page(), page.size());
    }

    private Optional<RequestView> load(UUID id) {
        return jdbc.sql("""
                        select r.*, o.name as organization_name from change_request r
                        join organization o on o.id = r.organization_id where r.id = ?""")
                .param(id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    private RequestView row(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<RequestView.Event> timeline = jdbc.sql("""
                        select occurred_at, actor_label, kind, text from change_request_event
                        where request_id = ? order by occurred_at, kind""")
                .param(id)
                .query((e, n) -> new RequestView.Event(e.getTimestamp(1).toInstant(), e.getString(2), e.getString(3), e.getString(4)))
                .list();
        String before = rs.getString("before_state");
        UUID requester = rs.getObject("requester_id", UUID.class);
        UUID target = rs.getObject("target_user_id", UUID.class);
        return new RequestView(id.toString(), rs.getLong("number"), RequestType.valueOf(rs.getString("type")),
                RequestStatus.valueOf(rs.getString("status")), rs.getObject("organization_id", UUID.class).toString(),
                rs.getString("organization_name"), requester == null ? null : requester.toString(), rs.getString("requester_label"),
                target == null ? null : target.toString(), rs.getString("target_label"),
                before == null ? null : read(before), read(rs.getString("after_state")), rs.getString("reason"),
                rs.getString("note"), rs.getString("assignee_label"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), timeline);
    }

    private void event(UUID request, ActorRef actor, String kind, String text) {
        jdbc.sql("insert into change_request_event (id, request_id, occurred_at, actor_id, actor_label, kind, text) values (?, ?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), request, Timestamp.from(clock.instant()),
                        actor.userId() == null ? null : actor.userId().value(), actor.label(), kind, text)
                .update();
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
        variables.put("requestNumber", request.number());
        variables.put("requestType", messages.getMessage("requests.type." + request.type(), null, locale));
        variables.put("status", messages.getMessage("requests.status." + status, null, locale));
        variables.put("organizationName", request.organizationName());
        variables.put("link", "/organizations/" + request.organizationId() + "/requests/" + request.id());
        if (comment != null) {
            variables.put("comment", comment);
        }
        variables.put("subjectArgs", List.of(request.number(), messages.getMessage("requests.status." + status, null, locale)));
        mails.enqueue(new MailRequest(requester.email(), locale, "request-status", variables));
    }

    /** Role, rights and sites compared as what they are: the order of a list changes nothing. */
    private static boolean sameAccess(Map<String, Object> before, Map<String, Object> after) {
        return java.util.Objects.equals(before.get("role"), after.get("role"))
                && asSet(before.get("rights")).equals(asSet(after.get("rights")))
                && asSet(before.get("sites")).equals(asSet(after.get("sites")));
    }

    private static java.util.Set<Object> asSet(Object list) {
        return list instanceof java.util.Collection<?> values ? new java.util.HashSet<>(values) : java.util.Set.of();
    }

    private static Map<String, Object> state(MemberView member) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("role", member.role().name());
        state.put("rights", member.rights());
        state.put("sites", member.allSites() ? List.of() : member.sites());
        state.put("status", member.status().name());
        return state;
    }

    private static String label(MemberView member) {
        String name = (member.firstName() + " " + member.lastName()).strip();
        return (name.isEmpty() ? "" : name + " ") + "<" + member.email() + ">";
    }

    private String write(Map<String, Object> value) {
        return json.writeValueAsString(value);
    }

    private Map<String, Object> read(String text) {
        return json.readValue(text, MAP);
    }
}
