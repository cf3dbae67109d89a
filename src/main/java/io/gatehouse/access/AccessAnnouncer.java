package io.gatehouse.access;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tells the rest of the portal what a membership change did to the person's access ({@link MemberAccessChanged}). */
final class AccessAnnouncer {

    private final Catalog catalog;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    AccessAnnouncer(Catalog catalog, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** What of a membership concerns access, taken before and after a change. */
    record State(Role role, MembershipStatus status, Set<UUID> rights, Set<UUID> sites) {

        static State of(Membership membership) {
            return new State(membership.role(), membership.status(), Set.copyOf(membership.rightIds()),
                    Set.copyOf(membership.siteIds()));
        }
    }

    /** Before is null for a person joining, after for a person removed; nothing is said when nothing changed. */
    void changed(State before, State after, UUID organization, UUID user) {
        Set<UUID> held = new HashSet<>();
        Set<UUID> added = new HashSet<>();
        Set<UUID> withdrawn = new HashSet<>();
        EnumSet<MemberAccessChanged.Change> changes = EnumSet.noneOf(MemberAccessChanged.Change.class);
        if (before != null) {
            held.addAll(before.rights());
            withdrawn.addAll(before.rights());
        }
        if (after != null) {
            held.addAll(after.rights());
            added.addAll(after.rights());
            withdrawn.removeAll(after.rights());
        }
        if (before != null) {
            added.removeAll(before.rights());
        }
        if (before == null) {
            changes.add(MemberAccessChanged.Change.JOINED);
        } else if (after == null) {
            changes.add(MemberAccessChanged.Change.REMOVED);
        } else {
            if (before.role() != after.role()) {
                changes.add(MemberAccessChanged.Change.ROLE_CHANGED);
            }
            if (!before.sites().equals(after.sites())) {
                changes.add(MemberAccessChanged.Change.SITES_CHANGED);
            }
            if (before.status() != after.status()) {
                changes.add(after.status() == MembershipStatus.BLOCKED ? MemberAccessChanged.Change.BLOCKED
                        : MemberAccessChanged.Change.UNBLOCKED);
            }
            if (!added.isEmpty()) {
                changes.add(MemberAccessChanged.Change.RIGHTS_GRANTED);
            }
            if (!withdrawn.isEmpty()) {
                changes.add(MemberAccessChanged.Change.RIGHTS_WITHDRAWN);
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        boolean rightsAlone = before != null && after != null && EnumSet.of(MemberAccessChanged.Change.RIGHTS_GRANTED,
                MemberAccessChanged.Change.RIGHTS_WITHDRAWN).containsAll(changes);
        Set<UUID> concerned = new HashSet<>(rightsAlone ? added : held);
        if (rightsAlone) {
            concerned.addAll(withdrawn);
        }
        publish(organization, user, concerned, changes, added, withdrawn);
    }

    /** The account changed: every application the person holds a right of in this organization is concerned. */
    void accountChanged(Membership membership, MemberAccessChanged.Change change) {
        publish(membership.organizationId(), membership.userId(), membership.rightIds(), EnumSet.of(change), Set.of(), Set.of());
    }

    private void publish(UUID organization, UUID user, Set<UUID> rightIds, Set<MemberAccessChanged.Change> changes,
            Set<UUID> added, Set<UUID> withdrawn) {
        // In the change's own transaction: whoever counted the organization's seats at the old value counts again.
        jdbc.sql("update organization set access_version = access_version + 1 where id = ?").param(organization).update();
        Map<UUID, String> names = added.isEmpty() && withdrawn.isEmpty() ? Map.of()
                : catalog.rights().stream().collect(Collectors.toMap(CatalogRight::id, CatalogRight::name));
        events.publishEvent(new MemberAccessChanged(new OrganizationId(organization), new UserId(user), applicationsOf(rightIds),
                changes, names(added, names), names(withdrawn, names), AccessChangeCause.current(), clock.instant()));
    }

    private Set<UUID> applicationsOf(Set<UUID> rightIds) {
        if (rightIds.isEmpty()) {
            return Set.of();
        }
        List<UUID> applications = jdbc.sql("select distinct application_id from access_right where id in (:ids)")
                .param("ids", rightIds).query(UUID.class).list();
        return Set.copyOf(applications);
    }

    private static Set<String> names(Set<UUID> ids, Map<UUID, String> names) {
        return ids.stream().map(names::get).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    }
}
