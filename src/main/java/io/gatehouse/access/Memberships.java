package io.gatehouse.access;

import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Memberships: a person in an organization, with a role, rights and sites. Callers decide with
 * {@link AccessPolicy} first; this service only keeps the records straight.
 */
@Service
@Transactional
public class Memberships {

    private final MembershipRepository repository;
    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final List<SeatLimits> seatLimits;
    private final AccessAnnouncer announcer;

    Memberships(MembershipRepository repository, Catalog catalog, JdbcClient jdbc, Clock clock, List<SeatLimits> seatLimits,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.clock = clock;
        this.seatLimits = List.copyOf(seatLimits);
        this.announcer = new AccessAnnouncer(catalog, jdbc, clock, events);
    }

    /**
     * The member's facts in two statements (the membership with the names of its rights, then its
     * sites) instead of the aggregate's four: single sign-on reads them at every token and refresh.
     */
    @Transactional(readOnly = true)
    public Optional<MemberFacts> find(OrganizationId organization, UserId user) {
        record Row(UUID id, Role role, MembershipStatus status, String right) {
        }
        List<Row> rows = jdbc.sql("""
                        select m.id, m.role, m.status, r.name from membership m
                        left join membership_right mr on mr.membership_id = m.id
                        left join access_right r on r.id = mr.right_id
                        where m.organization_id = :org and m.user_id = :user""")
                .param("org", organization.value())
                .param("user", user.value())
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), Role.valueOf(rs.getString(2)),
                        MembershipStatus.valueOf(rs.getString(3)), rs.getString(4)))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row membership = rows.get(0);
        Set<String> rights = rows.stream().map(Row::right).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Set<SiteId> sites = Set.copyOf(jdbc.sql("select site_id from site_access where membership_id = :id")
                .param("id", membership.id())
                .query((rs, n) -> new SiteId(rs.getObject(1, UUID.class))).list());
        boolean lastActiveManager = membership.role() == Role.MANAGER && membership.status() == MembershipStatus.ACTIVE
                && activeManagers(organization) <= 1;
        return Optional.of(new MemberFacts(organization, user, membership.role(), membership.status(), rights, sites,
                lastActiveManager));
    }

    public MemberFacts get(OrganizationId organization, UserId user) {
        return find(organization, user).orElseThrow(() -> new NotFoundException("member"));
    }

    /**
     * Every membership of the person, in one statement: the rights by name (R rows), the sites (S
     * rows), and for an active Manager how many active Managers the organization has. Pages and
     * policies ask for them several times a request; a statement alone needs no transaction.
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<MemberFacts> of(UserId user) {
        final class Held {
            final Role role;
            final MembershipStatus status;
            final Set<String> rights = new HashSet<>();
            final Set<SiteId> sites = new HashSet<>();
            long managers;

            Held(Role role, MembershipStatus status) {
                this.role = role;
                this.status = status;
            }
        }
        Map<UUID, Held> held = new LinkedHashMap<>();
        jdbc.sql("""
                        select 'R' as kind, m.organization_id, m.role, m.status, r.name as item,
                               case when m.role = 'MANAGER' and m.status = 'ACTIVE' then
                                   (select count(*) from membership o join user_account u on u.id = o.user_id
                                    where o.organization_id = m.organization_id and o.role = 'MANAGER'
                                      and o.status = 'ACTIVE' and u.status = 'ACTIVE')
                               else 2 end as managers
                        from membership m
                        left join membership_right mr on mr.membership_id = m.id
                        left join access_right r on r.id = mr.right_id
                        where m.user_id = :user
                        union all
                        select 'S' as kind, m.organization_id, m.role, m.status, cast(s.site_id as varchar(36)) as item,
                               2 as managers
                        from membership m join site_access s on s.membership_id = m.id
                        where m.user_id = :user""")
                .param("user", user.value())
                .query((rs, n) -> {
                    UUID organization = rs.getObject(2, UUID.class);
                    Held membership = held.get(organization);
                    if (membership == null) {
                        membership = new Held(Role.valueOf(rs.getString(3)), MembershipStatus.valueOf(rs.getString(4)));
                        held.put(organization, membership);
                    }
                    String item = rs.getString(5);
                    if ("S".equals(rs.getString(1))) {
                        membership.sites.add(new SiteId(UUID.fromString(item)));
                    } else {
                        membership.managers = rs.getLong(6);
                        if (item != null) {
                            membership.rights.add(item);
                        }
                    }
                    return organization;
                })
                .list();
        List<MemberFacts> facts = new ArrayList<>(held.size());
        held.forEach((organization, membership) -> facts.add(new MemberFacts(new OrganizationId(organization), user,
                membership.role, membership.status, membership.rights, membership.sites,
                membership.role == Role.MANAGER && membership.status == MembershipStatus.ACTIVE && membership.managers <= 1)));
        return facts;
    }

    public MemberFacts join(OrganizationId organization, UserId user, MemberIdentity identity, Role role,
            Collection<CatalogRight> rights, Set<SiteId> sites) {
        admit(organization, user, Set.of(), ids(rights));
        Membership membership = new Membership(organization.value(), user.value(), identity, role,
                ids(rights), siteIds(sites), clock.instant());
        Membership saved = repository.save(membership);
        announcer.changed(null, AccessAnnouncer.State.of(saved), saved.organizationId(), saved.userId());
        return facts(saved, rights);
    }

    /** Joins through an invitation: the person shows as "notified" until they next sign in. */
    public MemberFacts joinInvited(OrganizationId organization, UserId user, MemberIdentity identity, Role role,
            Collection<CatalogRight> rights, Set<SiteId> sites) {
        admit(organization, user, Set.of(), ids(rights));
        Membership membership = new Membership(organization.value(), user.value(), identity, role,
                ids(rights), siteIds(sites), clock.instant());
        membership.invited(clock.instant());
        Membership saved = repository.save(membership);
        announcer.changed(null, AccessAnnouncer.State.of(saved), saved.organizationId(), saved.userId());
        return facts(saved, rights);
    }

    public MemberFacts changeRole(OrganizationId organization, UserId user, Role role) {
        Membership membership = load(organization, user);
        AccessAnnouncer.State before = AccessAnnouncer.State.of(membership);
        membership.changeRole(role);
        return saved(before, membership);
    }

    /**
     * The member's rights become these. Only the rights that change are written, in place of the
     * aggregate's delete-all and insert-all; the version moves as a save of it would move it, so a
     * change made from an older read of the membership still fails.
     */
    public void replaceRights(OrganizationId organization, UserId user, Collection<CatalogRight> rights) {
        record Held(UUID membership, Role role, MembershipStatus status, UUID right) {
        }
        List<Held> rows = jdbc.sql("""
                        select m.id, m.role, m.status, mr.right_id from membership m
                        left join membership_right mr on mr.membership_id = m.id
                        where m.organization_id = :org and m.user_id = :user""")
                .param("org", organization.value())
                .param("user", user.value())
                .query((rs, n) -> new Held(rs.getObject(1, UUID.class), Role.valueOf(rs.getString(2)),
                        MembershipStatus.valueOf(rs.getString(3)), rs.getObject(4, UUID.class)))
                .list();
        if (rows.isEmpty()) {
            throw new NotFoundException("member");
        }
        Held membership = rows.get(0);
        Set<UUID> before = rows.stream().map(Held::right).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Set<UUID> after = ids(rights);
        if (membership.status() == MembershipStatus.ACTIVE) {
            admit(organization, user, before, after);
        }
        Set<UUID> withdrawn = new HashSet<>(before);
        withdrawn.removeAll(after);
        Set<UUID> granted = new HashSet<>(after);
        granted.removeAll(before);
        if (withdrawn.isEmpty() && granted.isEmpty()) {
            return;
        }
        if (!withdrawn.isEmpty()) {
            jdbc.sql("delete from membership_right where membership_id = :membership and right_id in (:rights)")
                    .param("membership", membership.membership()).param("rights", withdrawn).update();
        }
        for (UUID right : granted) {
            jdbc.sql("insert into membership_right (membership_id, right_id) values (?, ?)")
                    .params(membership.membership(), right).update();
        }
        jdbc.sql("update membership set version = version + 1 where id = ?").param(membership.membership()).update();
        // The sites do not change here: the same on both sides, whatever they are.
        announcer.changed(new AccessAnnouncer.State(membership.role(), membership.status(), before, Set.of()),
                new AccessAnnouncer.State(membership.role(), membership.status(), after, Set.of()),
                organization.value(), user.value());
    }

    public MemberFacts replaceSites(OrganizationId organization, UserId user, Set<SiteId> sites) {
        Membership membership = load(organization, user);
        AccessAnnouncer.State before = AccessAnnouncer.State.of(membership);
        membership.replaceSites(siteIds(sites));
        return saved(before, membership);
    }

    public MemberFacts setSiteAccess(OrganizationId organization, UserId user, SiteId site, boolean access) {
        Membership membership = load(organization, user);
        AccessAnnouncer.State before = AccessAnnouncer.State.of(membership);
        if (access) {
            membership.grantSite(site.value());
        } else {
            membership.revokeSite(site.value());
        }
        return saved(before, membership);
    }

    public MemberFacts block(OrganizationId organization, UserId user) {
        Membership membership = load(organization, user);
        AccessAnnouncer.State before = AccessAnnouncer.State.of(membership);
        membership.block();
        return saved(before, membership);
    }

    public MemberFacts unblock(OrganizationId organization, UserId user) {
        Membership membership = load(organization, user);
        if (membership.status() == MembershipStatus.BLOCKED) {
            admit(organization, user, Set.of(), membership.rightIds());
        }
        AccessAnnouncer.State before = AccessAnnouncer.State.of(membership);
        membership.unblock();
        return saved(before, membership);
    }

    public void remove(OrganizationId organization, UserId user) {
        Membership membership = load(organization, user);
        repository.delete(membership);
        announcer.changed(AccessAnnouncer.State.of(membership), null, membership.organizationId(), membership.userId());
    }

    /**
     * An account enabled again takes a seat wherever it holds rights; its organizations are
     * locked by the caller.
     */
    public void admitEnabled(UserId user) {
        for (Membership membership : repository.findByUserId(user.value())) {
            if (membership.status() == MembershipStatus.ACTIVE) {
                admit(new OrganizationId(membership.organizationId()), user, Set.of(), membership.rightIds());
            }
        }
        accountChanged(user, MemberAccessChanged.Change.ACCOUNT_ENABLED);
    }

    /**
     * The account itself changed (disabled, enabled, deleted): the access it has in every
     * organization changes with it. Called by the account's owner inside the change's transaction.
     */
    public void accountChanged(UserId user, MemberAccessChanged.Change change) {
        repository.findByUserId(user.value()).forEach(membership -> announcer.accountChanged(membership, change));
    }

    /**
     * A number that moves with every change to who holds access in the organization (each one that
     * announces a {@link MemberAccessChanged}), in the transaction of the change: what was counted
     * from the memberships after reading one value still holds while the value has not moved.
     */
    @Transactional(readOnly = true)
    public long accessVersion(OrganizationId organization) {
        return jdbc.sql("select access_version from organization where id = ?").param(organization.value())
                .query(Long.class).optional().orElse(0L);
    }

    /** Keeps the searchable copy of a person's name, email and login in step with their account. */
    public void identify(UserId user, MemberIdentity identity) {
        repository.updateIdentity(user.value(), identity.firstName(), identity.lastName(), identity.email(), identity.login());
    }

    /**
     * Managers who can still act: an active membership on an account that is not disabled. The
     * account status is read straight from its table so that this count never lags behind.
     */
    @Transactional(readOnly = true)
    /** The organization's active Managers: those a member asks for access. */
    public java.util.List<UserId> activeManagerIds(OrganizationId organization) {
        return jdbc.sql("""
                        select m.user_id from membership m join user_account u on u.id = m.user_id
                        where m.organization_id = :org and m.role = 'MANAGER' and m.status = 'ACTIVE'
                          and u.status = 'ACTIVE' order by u.last_name, u.first_name""")
                .param("org", organization.value())
                .query((rs, n) -> new UserId(rs.getObject(1, UUID.class))).list();
    }

    public long activeManagers(OrganizationId organization) {
        return jdbc.sql("""
                        select count(*) from membership m join user_account u on u.id = m.user_id
                        where m.organization_id = :org and m.role = 'MANAGER' and m.status = 'ACTIVE'
                          and u.status = 'ACTIVE'""")
                .param("org", organization.value())
                .query(Long.class).single();
    }

    /**
     * The applications the person starts to use with these rights (seats are per application, so a
     * second right of an application they already use takes nothing more) must each have a seat.
     */
    private void admit(OrganizationId organization, UserId user, Set<UUID> rightsBefore, Set<UUID> rightsAfter) {
        if (seatLimits.isEmpty() || rightsAfter.isEmpty()) {
            return;
        }
        Set<UUID> newly = new java.util.HashSet<>(applicationsOf(rightsAfter));
        newly.removeAll(applicationsOf(rightsBefore));
        if (!newly.isEmpty()) {
            seatLimits.forEach(limits -> limits.admit(organization, user, Set.copyOf(newly)));
        }
    }

    private List<UUID> applicationsOf(Set<UUID> rightIds) {
        if (rightIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select distinct application_id from access_right where id in (:ids)")
                .param("ids", rightIds).query(UUID.class).list();
    }

    private MemberFacts saved(AccessAnnouncer.State before, Membership membership) {
        Membership saved = repository.save(membership);
        announcer.changed(before, AccessAnnouncer.State.of(saved), saved.organizationId(), saved.userId());
        return facts(saved);
    }

    private Membership load(OrganizationId organization, UserId user) {
        return repository.findByOrganizationIdAndUserId(organization.value(), user.value())
                .orElseThrow(() -> new NotFoundException("member"));
    }

    private MemberFacts facts(Membership m) {
        return facts(m, catalog.rights());
    }

    /** The facts of a membership whose rights are among those given: no need to read the catalogue again. */
    private MemberFacts facts(Membership m, Collection<CatalogRight> catalogRights) {
        Map<UUID, CatalogRight> rightsById = catalogRights.stream()
                .collect(Collectors.toMap(CatalogRight::id, Function.identity()));
        Set<String> rightNames = m.rightIds().stream()
                .map(rightsById::get).filter(java.util.Objects::nonNull)
                .map(CatalogRight::name).collect(Collectors.toSet());
        boolean lastActiveManager = m.role() == Role.MANAGER && m.status() == MembershipStatus.ACTIVE
                && activeManagers(new OrganizationId(m.organizationId())) <= 1;
        return new MemberFacts(new OrganizationId(m.organizationId()), new UserId(m.userId()), m.role(), m.status(),
                rightNames, m.siteIds().stream().map(SiteId::new).collect(Collectors.toSet()), lastActiveManager);
    }

    private static Set<UUID> ids(Collection<CatalogRight> rights) {
        return rights.stream().map(CatalogRight::id).collect(Collectors.toSet());
    }

    private static Set<UUID> siteIds(Set<SiteId> sites) {
        return sites.stream().map(SiteId::value).collect(Collectors.toSet());
    }
}
