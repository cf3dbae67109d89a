package io.gatehouse.access;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

@Table("membership")
class Membership {

    @Id
    private UUID id;

    private UUID organizationId;

    private UUID userId;

    private Role role;

    private MembershipStatus status;

    private String firstNameKey;

    private String lastNameKey;

    private String emailKey;

    private String loginKey;

    private Instant createdAt;

    private Instant invitedAt;

    @Version
    private long version;

    @MappedCollection(idColumn = "membership_id")
    private Set<RightGrant> rights = new HashSet<>();

    @MappedCollection(idColumn = "membership_id")
    private Set<SiteGrant> sites = new HashSet<>();

    @Table("membership_right")
    record RightGrant(UUID rightId) {
    }

    @Table("site_access")
    record SiteGrant(UUID siteId) {
    }

    protected Membership() {
    }

    Membership(UUID organizationId, UUID userId, MemberIdentity identity, Role role, Set<UUID> rightIds, Set<UUID> siteIds, Instant now) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.userId = userId;
        this.status = MembershipStatus.ACTIVE;
        this.createdAt = now;
        identify(identity);
        changeRole(role);
        replaceRights(rightIds);
        replaceSites(siteIds);
    }

    void identify(MemberIdentity identity) {
        this.firstNameKey = identity.firstName();
        this.lastNameKey = identity.lastName();
        this.emailKey = identity.email();
        this.loginKey = identity.login();
    }

    /** A Manager reaches every site, future ones too, so their site list is not kept. */
    void changeRole(Role newRole) {
        this.role = newRole;
        if (newRole.reachesAllSites()) {
            sites.clear();
        }
    }

    void replaceRights(Set<UUID> rightIds) {
        rights.clear();
        rightIds.forEach(id -> rights.add(new RightGrant(id)));
    }

    void replaceSites(Set<UUID> siteIds) {
        sites.clear();
        if (!role.reachesAllSites()) {
            siteIds.forEach(id -> sites.add(new SiteGrant(id)));
        }
    }

    void grantSite(UUID site) {
        if (!role.reachesAllSites()) {
            sites.add(new SiteGrant(site));
        }
    }

    void revokeSite(UUID site) {
        sites.remove(new SiteGrant(site));
    }

    void block() {
        status = MembershipStatus.BLOCKED;
    }

    void unblock() {
        status = MembershipStatus.ACTIVE;
    }

    UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    UUID userId() {
        return userId;
    }

    Role role() {
        return role;
    }

    MembershipStatus status() {
        return status;
    }

    Set<UUID> rightIds() {
        return rights.stream().map(RightGrant::rightId).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    Set<UUID> siteIds() {
        return sites.stream().map(SiteGrant::siteId).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** This membership came from an invitation sent now. */
    void invited(Instant at) {
        this.invitedAt = at;
    }

    Instant createdAt() {
        return createdAt;
    }
}
