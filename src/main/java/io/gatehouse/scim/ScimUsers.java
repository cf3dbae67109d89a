package io.gatehouse.scim;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Role;
import io.gatehouse.member.MemberView;
import io.gatehouse.member.Members;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.Organizations;
import io.gatehouse.scim.ScimSecurity.ScimCaller;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * SCIM Users of one organization. Every change goes through User Management's own procedures
 * (Members, Accounts) as the token's creator, so the same access policy, seat limits, locks and
 * audit entries apply as in the portal.
 */
@Service
@Transactional
class ScimUsers {

    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 1000;

    private final Members members;
    private final Accounts accounts;
    private final Organizations organizations;
    private final AccessPolicy policy;
    private final ScimUserStore store;
    private final ScimGroupCatalog groups;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ScimUsers(Members members, Accounts accounts, Organizations organizations, AccessPolicy policy, ScimUserStore store,
            ScimGroupCatalog groups, ApplicationEventPublisher events, Clock clock) {
        this.members = members;
        this.accounts = accounts;
        this.organizations = organizations;
        this.policy = policy;
        this.store = store;
        this.groups = groups;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Map<String, Object> list(ScimCaller caller, String filter, String sortBy, String sortOrder, Integer startIndex, Integer count,
            String base) {
        requireRead(caller);
        UserFilterSql.Condition condition = filter == null || filter.isBlank() ? null : UserFilterSql.of(FilterParser.parse(filter));
        String sort = sortBy == null || sortBy.isBlank() ? null : UserFilterSql.sortColumn(sortBy);
        boolean descending = "descending".equalsIgnoreCase(sortOrder);
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAX_COUNT));
        ScimUserStore.Page page = store.page(caller.client().organization(), condition, sort, descending, start - 1, size);
        Map<String, ScimGroupCatalog.Group> byRight = rightGroups();
        return ScimUserResource.list(page.rows().stream().map(r -> ScimUserResource.of(r, byRight, base)).toList(), page.total(),
                start);
    }

    @Transactional(readOnly = true)
    Map<String, Object> get(ScimCaller caller, String id, String base) {
        requireRead(caller);
        return ScimUserResource.of(find(caller, id), rightGroups(), base);
    }

    /**
     * A new member. An account with that address already in Gatehouse joins as it is (its name,
     * email and password stay its own); a new account gets a random password nobody knows, so its
     * owner signs in after "Forgot password?" — Gatehouse never takes passwords from a directory.
     */
    Map<String, Object> create(ScimCaller caller, JsonNode body, String base) {
        requireWrite(caller);
        ScimUserDraft draft = ScimUserDraft.from(body).validated();
        OrganizationId organization = caller.client().organization();
        MemberView added = members.add(caller.actor(), organization, new Members.NewMember(draft.givenName, draft.familyName,
                draft.userName, null, draft.title, unknowablePassword(), Role.USER, List.of(), List.of()));
        UserId user = UserId.parse(added.userId());
        ScimUserStore.UserRow row = store.one(organization, user).orElseThrow();
        apply(caller, row, draft, true);
        return ScimUserResource.of(store.one(organization, user).orElseThrow(), rightGroups(), base);
    }

    Map<String, Object> replace(ScimCaller caller, String id, JsonNode body, String ifMatch, String base) {
        requireWrite(caller);
        ScimUserStore.UserRow row = find(caller, id);
        ETags.require(ifMatch, row.etag());
        apply(caller, row, ScimUserDraft.from(body).validated(), false);
        return ScimUserResource.of(find(caller, id), rightGroups(), base);
    }

    Map<String, Object> patch(ScimCaller caller, String id, JsonNode body, String ifMatch, String base) {
        requireWrite(caller);
        List<PatchOperation> operations = PatchOperation.parse(body);
        ScimUserStore.UserRow row = find(caller, id);
        ETags.require(ifMatch, row.etag());
        ScimUserDraft draft = ScimUserDraft.of(row);
        for (PatchOperation operation : operations) {
            if (operation.path() == null) {
                draft.setAll(operation.value(), true);
            } else if (operation.remove()) {
                draft.remove(FilterParser.path(operation.path()));
            } else {
                draft.set(FilterParser.path(operation.path()), operation.value());
            }
        }
        apply(caller, row, draft.validated(), false);
        return ScimUserResource.of(find(caller, id), rightGroups(), base);
    }

    /** "Remove from" the organization: the membership goes, the account stays. */
    void delete(ScimCaller caller, String id, String ifMatch) {
        requireWrite(caller);
        ScimUserStore.UserRow row = find(caller, id);
        ETags.require(ifMatch, row.etag());
        UserId user = new UserId(row.id());
        // What the directory kept of the member goes with the membership (ScimMemberRemovals).
        members.remove(caller.actor(), caller.client().organization(), user);
    }

    /**
     * Makes the member what the draft says, changing only what differs: the account through
     * Accounts (an email change waits for the new address to confirm it, unless the vendor admin
     * made the token), the directory's own attributes here. A new member's existing account keeps
     * its own name.
     */
    private void apply(ScimCaller caller, ScimUserStore.UserRow row, ScimUserDraft draft, boolean joined) {
        Actor actor = caller.actor();
        UserId user = new UserId(row.id());
        String first = joined || draft.givenName.equals(row.firstName()) ? null : draft.givenName;
        String last = joined || draft.familyName.equals(row.lastName()) ? null : draft.familyName;
        String email = joined || draft.userName.equalsIgnoreCase(row.email()) ? null : draft.userName;
        String position = joined || Objects.equals(draft.title, row.position()) ? null : draft.title == null ? "" : draft.title;
        Boolean disabled = draft.active == row.active() ? null : !draft.active;
        if (first != null || last != null || email != null || position != null || disabled != null) {
            accounts.update(actor, user, new AccountChanges(first, last, email, position, disabled, null, null, null));
        }
        if (!draft.sameExtension(row)) {
            store.save(caller.client().organization(), user, draft.externalId, draft.department, draft.manager, clock.instant());
            events.publishEvent(new Audited(actor.ref(), caller.client().organization(), "scim.user.changed", "member",
                    user.toString(), extension(row.externalId(), row.department(), row.manager()),
                    extension(draft.externalId, draft.department, draft.manager)));
        }
    }

    private static Map<String, Object> extension(String externalId, String department, String manager) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("externalId", externalId);
        state.put("department", department);
        state.put("manager", manager);
        return state;
    }

    private ScimUserStore.UserRow find(ScimCaller caller, String id) {
        UUID user;
        try {
            user = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ScimException.notFound("User");
        }
        return store.one(caller.client().organization(), new UserId(user)).orElseThrow(() -> ScimException.notFound("User"));
    }

    private Map<String, ScimGroupCatalog.Group> rightGroups() {
        return groups.groups().stream().filter(g -> g.right() != null)
                .collect(Collectors.toMap(ScimGroupCatalog.Group::id, Function.identity(), (a, b) -> a, HashMap::new));
    }

    /** Reading people takes what User Management takes: the token's creator may still manage members here. */
    void requireRead(ScimCaller caller) {
        organizations.requireVisible(caller.actor(), caller.client().organization());
        policy.manageMembers(caller.actor(), caller.client().organization()).orThrow();
    }

    /** A vendor-managed organization's people are the vendor's to change: the directory reads them, nothing more. */
    void requireWrite(ScimCaller caller) {
        requireRead(caller);
        if (organizations.get(caller.actor(), caller.client().organization()).managementMode() == ManagementMode.VENDOR_MANAGED) {
            throw new ScimException(403, null, "scim.error.vendorManaged");
        }
    }

    private String unknowablePassword() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
