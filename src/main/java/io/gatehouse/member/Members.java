package io.gatehouse.member;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.Decision;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.MemberIdentity;
import io.gatehouse.access.MembershipStatus;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.OrganizationLock;
import io.gatehouse.access.Role;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.Organizations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.NewAccount;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The procedures of User Management, each one transaction with its audit entry. */
@Service
@Transactional
public class Members {

    private final Organizations organizations;
    private final Accounts accounts;
    private final Memberships memberships;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final MemberDirectory directory;
    private final OrganizationLock lock;
    private final ApplicationEventPublisher events;

    Members(Organizations organizations, Accounts accounts, Memberships memberships, Catalog catalog, AccessPolicy policy,
            MemberDirectory directory, OrganizationLock lock, ApplicationEventPublisher events) {
        this.organizations = organizations;
        this.accounts = accounts;
        this.memberships = memberships;
        this.catalog = catalog;
        this.policy = policy;
        this.directory = directory;
        this.lock = lock;
        this.events = events;
    }

    /** A new member: "Create new user". */
    public record NewMember(String firstName, String lastName, String email, String login, String position, String password,
            Role role, List<String> rights, List<String> sites) {

        public NewMember {
            rights = rights == null ? List.of() : List.copyOf(rights);
            sites = sites == null ? List.of() : List.copyOf(sites);
        }
    }

    /** A partial change of one membership; a null field stays as it is. */
    public record MemberChange(Role role, List<String> rights, List<String> sites, Boolean blocked) {
    }

    @Transactional(readOnly = true)
    public PageResult<MemberView> list(Actor actor, OrganizationId organization, MemberQuery query, PageRequest page) {
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        return directory.page(organization, query, page, () -> siteIds(organization));
    }

    /** Streams the filtered list for export without holding it in memory. */
    @Transactional(readOnly = true)
    public void export(Actor actor, OrganizationId organization, MemberQuery query, Consumer<MemberView> consumer) {
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        directory.forEach(organization, query, memoized(() -> siteIds(organization)), consumer);
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public MemberView get(Actor actor, OrganizationId organization, UserId user) {
        organizations.requireVisible(actor, organization);
        if (!actor.isSelf(user)) {
            policy.manageMembers(actor, organization).orThrow();
        }
        return view(organization, user);
    }

    public MemberView add(Actor requester, OrganizationId organization, NewMember member) {
        Actor actor = lock.lock(requester, organization);
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        Set<CatalogRight> rights = catalog.resolve(member.rights(), "rights");
        Set<SiteId> sites = sites(organization, member.sites(), member.role());
        policy.addMember(actor, organization, member.role(), rights, sites).orThrow();

        Optional<AccountView> existing = accounts.findByEmail(member.email());
        AccountView account;
        if (existing.isPresent()) {
            account = existing.get();
            if (memberships.find(organization, account.id()).isPresent()) {
                throw new ConflictException("email", "conflict.member.exists");
            }
        } else {
            if (member.password() == null || member.password().isBlank()) {
                throw InvalidInputException.of("password", "validation.required");
            }
            account = accounts.create(actor.ref(), new NewAccount(member.firstName(), member.lastName(), member.email(),
                    member.login(), member.position(), member.password()));
        }
        MemberFacts joined = memberships.join(organization, account.id(), identity(account), member.role(), rights, sites);
        events.publishEvent(new Audited(actor.ref(), organization, "member.added", "member", account.userId(), null,
                snapshot(joined)));
        MemberView added = view(organization, account.id());
        return existing.isPresent() ? added.asAddedByAddress() : added;
    }

    /**
     * The organization is locked before anything is read, so the target's facts, the count of
     * active Managers and the actor's own rights are those of the moment of the change.
     */
    public MemberView change(Actor requester, OrganizationId organization, UserId user, MemberChange change) {
        Actor actor = lock.lock(requester, organization);
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        MemberFacts before = memberships.get(organization, user);
        Role role = change.role();
        Set<CatalogRight> newRights = change.rights() == null ? null : catalog.resolve(change.rights(), "rights");
        Set<SiteId> newSites = change.sites() == null ? null
                : sites(organization, change.sites(), role != null ? role : before.role());

        if (role != null || newRights != null || newSites != null) {
            Set<CatalogRight> rightsTouched = newRights == null ? Set.of() : rightsTouched(before, newRights);
            Set<SiteId> sitesTouched = newSites == null ? Set.of() : symmetricDifference(before.sites(), newSites);
            policy.changeMember(actor, before, role, rightsTouched, sitesTouched).orThrow();
        }
        if (change.blocked() != null && change.blocked() != (before.status() == io.gatehouse.access.MembershipStatus.BLOCKED)) {
            policy.blockMember(actor, before, change.blocked()).orThrow();
        }

        if (role != null && role != before.role()) {
            memberships.changeRole(organization, user, role);
        }
        if (newRights != null) {
            memberships.replaceRights(organization, user, keepExternal(before, newRights));
        }
        if (newSites != null) {
            memberships.replaceSites(organization, user, newSites);
        }
        if (change.blocked() != null) {
            if (change.blocked()) {
                memberships.block(organization, user);
            } else {
                memberships.unblock(organization, user);
            }
        }
        MemberFacts after = memberships.get(organization, user);
        Map<String, Object> beforeState = snapshot(before);
        Map<String, Object> afterState = snapshot(after);
        if (!beforeState.equals(afterState)) {
            String action = before.status() != after.status()
                    ? (after.status() == io.gatehouse.access.MembershipStatus.BLOCKED ? "member.blocked" : "member.unblocked")
                    : "member.changed";
            events.publishEvent(new Audited(actor.ref(), organization, action, "member", user.toString(), beforeState, afterState));
        }
        return view(organization, user);
    }

    /** "Remove from": the membership goes, the account stays. */
    public void remove(Actor requester, OrganizationId organization, UserId user) {
        Actor actor = lock.lock(requester, organization);
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        MemberFacts before = memberships.get(organization, user);
        policy.removeMember(actor, before).orThrow();
        memberships.remove(organization, user);
        events.publishEvent(new Audited(actor.ref(), organization, "member.removed", "member", user.toString(), snapshot(before), null));
        events.publishEvent(new MemberRemoved(actor.ref(), organization, user));
    }

    /**
     * The person's memberships in the organizations where the actor manages members, and no
     * others: a person's other organizations are none of an organization admin's business.
     */
    @Transactional(readOnly = true)
    public List<Affiliation> affiliations(Actor actor, UserId user) {
        return affiliations(actor, memberships.of(user));
    }

    /**
     * What the person holds in each of their organizations, read once for a page that asks several
     * questions about them (the overloads below take it). An action asks again in its own transaction.
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<MemberFacts> held(UserId user) {
        return memberships.of(user);
    }

    /** {@link #affiliations(Actor, UserId)} of what {@link #held} read. */
    @Transactional(readOnly = true)
    public List<Affiliation> affiliations(Actor actor, List<MemberFacts> held) {
        return held.stream()
                .filter(m -> policy.manageMembers(actor, m.organizationId()).allowed())
                .map(m -> {
                    OrganizationView organization = organizations.get(actor, m.organizationId());
                    List<SiteView> sites = organizations.sites(m.organizationId());
                    Decision removal = policy.removeMember(actor, m);
                    return new Affiliation(organization.id(), organization.name(), m.role(),
                            m.status() == MembershipStatus.BLOCKED, sites,
                            m.sites().stream().map(SiteId::toString).collect(Collectors.toSet()),
                            removal.allowed() ? null : removal.reason());
                })
                .sorted(Comparator.comparing(Affiliation::organizationName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** Organizations the actor manages members of where the person is not a member yet: where "Add" can take them. */
    @Transactional(readOnly = true)
    public List<OrganizationView> joinable(Actor actor, UserId user) {
        Set<OrganizationId> already = memberships.of(user).stream().map(MemberFacts::organizationId).collect(Collectors.toSet());
        return organizations.list(actor, null, PageRequest.of(0, PageRequest.MAX_SIZE)).items().stream()
                .filter(o -> !already.contains(OrganizationId.parse(o.id())))
                .filter(o -> policy.manageMembers(actor, OrganizationId.parse(o.id())).allowed())
                .toList();
    }

    /**
     * Whether this change goes to the vendor as a request: any change by an organization admin in
     * a vendor-managed organization, or one that gives or takes a right the vendor approves itself.
     * {@code user} is null for a new member.
     */
    @Transactional(readOnly = true)
    public boolean needsApproval(Actor actor, OrganizationId organization, UserId user, List<String> rights) {
        organizations.requireVisible(actor, organization);
        boolean vendorManaged = organizations.get(actor, organization).managementMode() == ManagementMode.VENDOR_MANAGED;
        Set<CatalogRight> touched = Set.of();
        if (rights != null) {
            Set<CatalogRight> wanted = catalog.resolve(rights, "rights");
            touched = user == null ? wanted : memberships.find(organization, user).map(m -> rightsTouched(m, wanted)).orElse(wanted);
        }
        return policy.needsApproval(actor, vendorManaged, touched);
    }

    /**
     * A request's change in the policy's terms, against today's facts: what the person would
     * gain or lose if it were applied now. Unknown rights or sites are field errors; a person who
     * is not a member is not found.
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public io.gatehouse.access.RequestedChange requested(OrganizationId organization, UserId user, MemberChange change) {
        MemberFacts now = memberships.get(organization, user);
        if (Boolean.TRUE.equals(change.blocked())) {
            return new io.gatehouse.access.RequestedChange.Deactivation(now);
        }
        Set<CatalogRight> rights = change.rights() == null ? null : catalog.resolve(change.rights(), "rights");
        Set<SiteId> sites = change.sites() == null ? null
                : sites(organization, change.sites(), change.role() != null ? change.role() : now.role());
        return new io.gatehouse.access.RequestedChange.AccessChange(now, change.role(), rights == null ? Set.of() : rightsTouched(now, rights),
                sites == null ? Set.of() : symmetricDifference(now.sites(), sites));
    }

    /** A request for a new member in the policy's terms. */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public io.gatehouse.access.RequestedChange requested(OrganizationId organization, NewMember member) {
        return new io.gatehouse.access.RequestedChange.NewMember(organization, member.role(), catalog.resolve(member.rights(), "rights"),
                sites(organization, member.sites(), member.role()));
    }

    /** Whether the actor may block (or unblock) this member here, as the policy answers it. */
    @Transactional(readOnly = true)
    public Decision blocking(Actor actor, OrganizationId organization, UserId user, boolean block) {
        return policy.blockMember(actor, memberships.get(organization, user), block);
    }

    /** {@link #blocking(Actor, OrganizationId, UserId, boolean)} of a membership {@link #held} read. */
    public Decision blocking(Actor actor, MemberFacts member, boolean block) {
        return policy.blockMember(actor, member, block);
    }

    /** Whether the actor may change the person's properties, which are shared by all their organizations. */
    @Transactional(readOnly = true)
    public Decision accountEditing(Actor actor, UserId user) {
        return accountEditing(actor, user, memberships.of(user));
    }

    public Decision accountEditing(Actor actor, UserId user, List<MemberFacts> held) {
        return policy.editAccount(actor, user, held);
    }

    /** Whether the actor may tick (or untick) the person's "Disabled" box. */
    @Transactional(readOnly = true)
    public Decision accountDisabling(Actor actor, UserId user, boolean disable) {
        return accountDisabling(actor, user, memberships.of(user), disable);
    }

    public Decision accountDisabling(Actor actor, UserId user, List<MemberFacts> held, boolean disable) {
        return policy.disableAccount(actor, user, held, disable);
    }

    private MemberView view(OrganizationId organization, UserId user) {
        return directory.one(organization, user).orElseThrow(() -> new NotFoundException("member"));
    }

    private static <T> java.util.function.Supplier<T> memoized(java.util.function.Supplier<T> supplier) {
        Object[] value = {null};
        return () -> {
            if (value[0] == null) {
                value[0] = supplier.get();
            }
            @SuppressWarnings("unchecked")
            T result = (T) value[0];
            return result;
        };
    }

    private List<String> siteIds(OrganizationId organization) {
        return organizations.sites(organization).stream().map(SiteView::id).toList();
    }

    private Set<SiteId> sites(OrganizationId organization, List<String> ids, Role role) {
        Set<SiteId> sites = new HashSet<>();
        for (String id : ids) {
            try {
                sites.add(SiteId.parse(id));
            } catch (NotFoundException e) {
                throw InvalidInputException.of("sites", "validation.site.unknown", String.valueOf(id));
            }
        }
        organizations.requireSites(organization, sites, "sites");
        return role.reachesAllSites() ? Set.of() : sites;
    }

    /** Externally managed rights are never changed here: what the member has of them stays. */
    private Set<CatalogRight> keepExternal(MemberFacts before, Set<CatalogRight> requested) {
        Set<CatalogRight> result = requested.stream().filter(r -> !r.managedExternally()).collect(Collectors.toSet());
        catalog.rights().stream().filter(CatalogRight::managedExternally)
                .filter(r -> before.rights().contains(r.name()))
                .forEach(result::add);
        return result;
    }

    /** Rights whose holding changes: added, or removed (external rights left out of a request are kept, not removed). */
    private Set<CatalogRight> rightsTouched(MemberFacts before, Set<CatalogRight> requested) {
        Set<String> requestedNames = requested.stream().map(CatalogRight::name).collect(Collectors.toSet());
        return catalog.rights().stream()
                .filter(r -> {
                    boolean had = before.rights().contains(r.name());
                    boolean wants = requestedNames.contains(r.name());
                    return r.managedExternally() ? wants && !had : had != wants;
                })
                .collect(Collectors.toSet());
    }

    private static Set<SiteId> symmetricDifference(Set<SiteId> before, Set<SiteId> after) {
        Set<SiteId> changed = new HashSet<>(before);
        changed.addAll(after);
        Set<SiteId> both = new HashSet<>(before);
        both.retainAll(after);
        changed.removeAll(both);
        return changed;
    }

    private static MemberIdentity identity(AccountView account) {
        return new MemberIdentity(account.firstName(), account.lastName(), account.email(), account.login());
    }

    private static Map<String, Object> snapshot(MemberFacts facts) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("role", facts.role().name());
        state.put("status", facts.status().name());
        state.put("rights", facts.rights().stream().sorted().toList());
        state.put("sites", facts.sites().stream().map(SiteId::toString).sorted().toList());
        return state;
    }
}
