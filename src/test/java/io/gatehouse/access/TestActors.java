package io.gatehouse.access;

import io.gatehouse.access.Actor.OrganizationAccess;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Actors, members and catalogue rights built directly, for judging the policy without a database. */
final class TestActors {

    static final String SHOWCASE_ADMINISTRATOR = "Showcase 360 Administrator";
    static final String LICENSES = "Licenses";
    static final String CONTACTS_VIEWER = "Contacts Viewer";
    static final String CONTACTS_EDITOR = "Contacts Editor";

    private TestActors() {
    }

    // ---- actors

    static Actor vendorAdmin() {
        return person("Vendor Admin").staff(StaffRole.VENDOR_ADMIN).build();
    }

    static Actor vendorSupport() {
        return person("Vendor Support").staff(StaffRole.VENDOR_SUPPORT).build();
    }

    static Actor manager(OrganizationId organization) {
        return person("Manager").in(organization, Role.MANAGER).build();
    }

    /** A plain USER holding "User Management" plus the given rights, reaching the given sites. */
    static Actor userManager(OrganizationId organization, Set<SiteId> sites, String... rights) {
        return person("User Manager").in(organization, Role.USER, with(AccessPolicy.USER_MANAGEMENT, rights)).reaching(sites).build();
    }

    static Actor userManager(OrganizationId organization, String... rights) {
        return userManager(organization, Set.of(), rights);
    }

    static Actor member(OrganizationId organization, Role role, String... rights) {
        return person(role.name()).in(organization, role, rights).build();
    }

    static Builder person(String label) {
        return new Builder(label);
    }

    static final class Builder {

        private final String label;
        private final Map<OrganizationId, OrganizationAccess> organizations = new LinkedHashMap<>();
        private UserId userId = UserId.random();
        private StaffRole staffRole;
        private OrganizationId last;

        private Builder(String label) {
            this.label = label;
        }

        Builder id(UserId id) {
            this.userId = id;
            return this;
        }

        Builder staff(StaffRole role) {
            this.staffRole = role;
            return this;
        }

        Builder in(OrganizationId organization, Role role, String... rights) {
            return put(organization, role, MembershipStatus.ACTIVE, rights);
        }

        Builder blockedIn(OrganizationId organization, Role role, String... rights) {
            return put(organization, role, MembershipStatus.BLOCKED, rights);
        }

        /** The sites reached in the organization added last. */
        Builder reaching(Set<SiteId> sites) {
            OrganizationAccess access = organizations.get(last);
            organizations.put(last, new OrganizationAccess(last, access.role(), access.status(), access.rights(), sites));
            return this;
        }

        Actor build() {
            return new Actor(userId, label, staffRole, new HashMap<>(organizations));
        }

        private Builder put(OrganizationId organization, Role role, MembershipStatus status, String... rights) {
            organizations.put(organization, new OrganizationAccess(organization, role, status, Set.of(rights), Set.of()));
            last = organization;
            return this;
        }
    }

    // ---- members judged by the policy

    static MemberFacts target(OrganizationId organization, Role role, String... rights) {
        return new MemberFacts(organization, UserId.random(), role, MembershipStatus.ACTIVE, Set.of(rights), Set.of(), false);
    }

    /** The one active Manager the organization still has. */
    static MemberFacts lastManager(OrganizationId organization) {
        return new MemberFacts(organization, UserId.random(), Role.MANAGER, MembershipStatus.ACTIVE, Set.of(), Set.of(), true);
    }

    /** The actor's own membership, seen as a target. */
    static MemberFacts self(Actor actor, OrganizationId organization, boolean lastActiveManager) {
        OrganizationAccess access = actor.in(organization).orElseThrow();
        return new MemberFacts(organization, actor.userId(), access.role(), access.status(), access.rights(), access.sites(),
                lastActiveManager);
    }

    /** The same person's membership in another organization. */
    static MemberFacts alsoIn(MemberFacts member, OrganizationId organization, Role role) {
        return new MemberFacts(organization, member.userId(), role, MembershipStatus.ACTIVE, Set.of(), Set.of(), false);
    }

    // ---- catalogue rights

    static CatalogRight right(String name) {
        return new CatalogRight(idOf(name), name, "Showcase 360", false);
    }

    /** A right of the "Contacts" application, whose rights are managed outside Gatehouse. */
    static CatalogRight contactsRight(String name) {
        return new CatalogRight(idOf(name), name, "Contacts", true);
    }

    private static UUID idOf(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] with(String first, String... rest) {
        Set<String> all = new HashSet<>(Arrays.asList(rest));
        all.add(first);
        return all.toArray(String[]::new);
    }
}
