package io.gatehouse.member;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Decision;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.OrganizationLock;
import io.gatehouse.access.Role;
import io.gatehouse.organization.Organizations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Manage access" of one site: who in the organization reaches it, and ticking or unticking
 * people to grant or revoke it. Managers reach every site, so they are shown but never changed.
 */
@Service
@Transactional
class SiteAccess {

    static final int PAGE_SIZE = 50;

    private final Organizations organizations;
    private final Memberships memberships;
    private final MemberDirectory directory;
    private final AccessPolicy policy;
    private final OrganizationLock lock;
    private final ApplicationEventPublisher events;

    SiteAccess(Organizations organizations, Memberships memberships, MemberDirectory directory, AccessPolicy policy,
            OrganizationLock lock, ApplicationEventPublisher events) {
        this.organizations = organizations;
        this.memberships = memberships;
        this.directory = directory;
        this.policy = policy;
        this.lock = lock;
        this.events = events;
    }

    /** One person of the organization as the access list shows them. */
    record Person(String userId, String firstName, String lastName, String email, Role role, MemberStatus status,
            boolean hasAccess) {

        /** Managers reach every site of their organization: their tick cannot be taken away. */
        public boolean locked() {
            return role.reachesAllSites();
        }
    }

    /** What the site page and the access list need about the site. */
    record SiteInfo(SiteView site, long peopleWithAccess) {
    }

    /**
     * "You must be signed in as a Manager" to manage access to a site; the vendor's staff who look
     * after the organization may do it too.
     */
    // Composes two policy answers until the policy has its own rule for site access.
    Decision mayManage(Actor actor, OrganizationId organization) {
        return actor.isVendorStaff() ? policy.manageMembers(actor, organization) : policy.manageSites(actor, organization);
    }

    @Transactional(readOnly = true)
    SiteInfo info(Actor actor, OrganizationId organization, SiteId site) {
        SiteView view = organizations.site(actor, organization, site);
        long people = mayManage(actor, organization).allowed()
                ? directory.page(organization, withAccessTo(site), new PageRequest(0, 1), () -> siteIds(organization)).total()
                : -1;
        return new SiteInfo(view, people);
    }

    /** A page of the organization's people, those with access to the site ticked. */
    @Transactional(readOnly = true)
    PageResult<Person> people(Actor actor, OrganizationId organization, SiteId site, String query, int page) {
        organizations.site(actor, organization, site);
        mayManage(actor, organization).orThrow();
        MemberQuery filter = new MemberQuery(query, null, null, null, null, java.util.Set.of(), false, null);
        java.util.function.Supplier<List<String>> siteIds = () -> siteIds(organization);
        PageResult<MemberView> members = directory.page(organization, filter, new PageRequest(page, PAGE_SIZE), siteIds);
        if (members.items().isEmpty() && members.total() > 0) {
            // Past the end, after removals or a hand-typed address: the last page instead of an empty one.
            members = directory.page(organization, filter, new PageRequest((int) ((members.total() - 1) / PAGE_SIZE), PAGE_SIZE), siteIds);
        }
        return members
                .map(m -> new Person(m.userId(), m.firstName(), m.lastName(), m.email(), m.role(), m.status(),
                        m.allSites() || m.sites().contains(site.toString())));
    }

    /**
     * Applies the ticks of the people that were shown: a shown person left unticked loses access,
     * a ticked one gains it; people not shown are left alone. Returns how many changed.
     */
    int save(Actor requester, OrganizationId organization, SiteId site, Collection<String> shown, Collection<String> ticked) {
        Actor actor = lock.lock(requester, organization);
        SiteView view = organizations.site(actor, organization, site);
        mayManage(actor, organization).orThrow();
        Set<String> wanted = new LinkedHashSet<>(ticked == null ? List.of() : ticked);

        record Change(MemberFacts member, boolean access) {
        }
        List<Change> changes = new ArrayList<>();
        for (String id : shown == null ? List.<String>of() : new LinkedHashSet<>(shown)) {
            Optional<MemberFacts> member = member(organization, id);
            // Someone removed meanwhile, or an id from elsewhere: there is nothing of theirs here to change.
            if (member.isEmpty() || member.get().role().reachesAllSites()) {
                continue;
            }
            boolean had = member.get().sites().contains(site);
            boolean wants = wanted.contains(id);
            if (had != wants) {
                policy.changeMember(actor, member.get(), null, Set.of(), Set.of(site)).orThrow();
                changes.add(new Change(member.get(), wants));
            }
        }
        for (Change change : changes) {
            UserId user = change.member().userId();
            memberships.setSiteAccess(organization, user, site, change.access());
            events.publishEvent(new Audited(actor.ref(), organization,
                    change.access() ? "site.accessGranted" : "site.accessRevoked", "member", user.toString(),
                    state(view, !change.access()), state(view, change.access())));
        }
        return changes.size();
    }

    private Optional<MemberFacts> member(OrganizationId organization, String id) {
        try {
            return memberships.find(organization, UserId.parse(id));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private List<String> siteIds(OrganizationId organization) {
        return organizations.sites(organization).stream().map(SiteView::id).toList();
    }

    private static MemberQuery withAccessTo(SiteId site) {
        return new MemberQuery(null, null, null, null, site, java.util.Set.of(), false, null);
    }

    private static Map<String, Object> state(SiteView site, boolean access) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("site", site.id());
        state.put("siteName", site.name());
        state.put("access", access);
        return state;
    }
}
