package io.gatehouse.access;

import io.gatehouse.access.Actor.OrganizationAccess;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Every "may this actor do this to that" question, answered in one place. Each rule returns a
 * {@link Decision} whose reason is a message code shown to the person who was refused.
 */
@Component
public class AccessPolicy {

    public static final String USER_MANAGEMENT = "User Management";
    public static final String LICENSES = "Licenses";

    // ---- organizations and sites

    /** Not allowed means "answer 404": a person learns nothing about organizations they are not in. */
    public Decision seeOrganization(Actor actor, OrganizationId organization) {
        if (actor.isVendorStaff()) {
            return Decision.allow();
        }
        return actor.in(organization)
                .map(access -> access.active() ? Decision.allow() : Decision.deny("policy.membershipBlocked"))
                .orElse(Decision.deny("policy.notAMember"));
    }

    public Decision createOrganization(Actor actor) {
        return actor.isVendorAdmin() ? Decision.allow() : Decision.deny("policy.vendorAdminOnly");
    }

    /** Region and management mode are the vendor's to set; a Manager may rename their organization. */
    public Decision editOrganization(Actor actor, OrganizationId organization, boolean vendorSettingsChanged) {
        if (actor.isVendorAdmin()) {
            return Decision.allow();
        }
        if (vendorSettingsChanged) {
            return Decision.deny("policy.vendorAdminOnly");
        }
        return isManager(actor, organization) ? Decision.allow() : Decision.deny("policy.managerOnly");
    }

    public Decision manageSites(Actor actor, OrganizationId organization) {
        return actor.isVendorAdmin() || isManager(actor, organization)
                ? Decision.allow() : Decision.deny("policy.managerOnly");
    }

    public Decision viewAudit(Actor actor, OrganizationId organization) {
        return actor.isVendorStaff() || isManager(actor, organization)
                ? Decision.allow() : Decision.deny("policy.managerOnly");
    }

    /**
     * SCIM tokens let the organization's own directory provision its people: its Managers and the
     * vendor admin create, list and revoke them. A token acts as its creator, checked at each call.
     */
    public Decision manageScimTokens(Actor actor, OrganizationId organization) {
        if (actor.isVendorAdmin()) {
            return Decision.allow();
        }
        return actor.in(organization).isEmpty() ? Decision.deny("policy.notAMember")
                : isManager(actor, organization) ? Decision.allow() : Decision.deny("policy.managerOnly");
    }

    // ---- the vendor's own staff and catalogue

    /** The vendor's staff is the vendor admin's to appoint, list and change; vendor support works requests only. */
    public Decision manageStaff(Actor actor) {
        return actor.isVendorAdmin() ? Decision.allow() : Decision.deny("policy.vendorAdminOnly");
    }

    /**
     * Another staff member's new role. The last vendor admin stays one: without a vendor admin nobody
     * could appoint staff, change the catalogue or create organizations. Nobody changes their own
     * role, so no one demotes themselves by mistake.
     */
    public Decision changeStaffRole(Actor actor, UserId target, StaffRole newRole, boolean targetIsLastVendorAdmin) {
        return manageStaff(actor)
                .and(() -> targetIsLastVendorAdmin && newRole != StaffRole.VENDOR_ADMIN
                        ? Decision.deny("policy.lastVendorAdmin") : Decision.allow())
                .and(() -> actor.isSelf(target) ? Decision.deny("policy.notYourself") : Decision.allow());
    }

    /** Ending someone's staff role (the account stays): never the last vendor admin's, never one's own. */
    public Decision removeStaff(Actor actor, UserId target, boolean targetIsLastVendorAdmin) {
        return manageStaff(actor)
                .and(() -> targetIsLastVendorAdmin ? Decision.deny("policy.lastVendorAdmin") : Decision.allow())
                .and(() -> actor.isSelf(target) ? Decision.deny("policy.notYourself") : Decision.allow());
    }

    /** The catalogue of applications and rights is shared by every organization: the vendor admin's alone. */
    public Decision editCatalog(Actor actor) {
        return actor.isVendorAdmin() ? Decision.allow() : Decision.deny("policy.vendorAdminOnly");
    }

    /** How applications sign people in through Gatehouse (clients, secrets, signing keys): the vendor admin's. */
    public Decision manageSignOnClients(Actor actor) {
        return actor.isVendorAdmin() ? Decision.allow() : Decision.deny("policy.vendorAdminOnly");
    }

    /** The welcome page's support links are the vendor's words to every member: the vendor admin's. */
    public Decision editWelcomePage(Actor actor) {
        return actor.isVendorAdmin() ? Decision.allow() : Decision.deny("policy.vendorAdminOnly");
    }

    /**
     * An application's webhook (its endpoint, its secret) and the messages sent to it name people of
     * every organization: the vendor admin's alone.
     */
    public Decision manageWebhooks(Actor actor) {
        return actor.isVendorAdmin() ? Decision.allow() : Decision.deny("policy.vendorAdminOnly");
    }

    // ---- products, releases and their files

    /** Products, releases and their files are the vendor's, offered to every organization: the vendor admin's to change. */
    public Decision manageProducts(Actor actor) {
        return actor.isVendorAdmin() ? Decision.allow() : Decision.deny("policy.vendorAdminOnly");
    }

    /** The vendor's staff read every product and release, withdrawn ones included (support answers about them). */
    public Decision viewProducts(Actor actor) {
        return actor.isVendorStaff() ? Decision.allow() : Decision.deny("policy.vendorStaffOnly");
    }

    /** The vendor's staff download any release file, withdrawn ones included; customers' downloads follow their licences. */
    public Decision downloadReleaseFileAsVendor(Actor actor) {
        return actor.isVendorStaff() ? Decision.allow() : Decision.deny("policy.vendorStaffOnly");
    }

    // ---- licences

    /** The organization's licences and who uses them: vendor staff, its Managers and holders of "Licenses". */
    public Decision viewLicences(Actor actor, OrganizationId organization) {
        if (actor.isVendorStaff()) {
            return Decision.allow();
        }
        Optional<OrganizationAccess> access = actor.in(organization);
        if (access.isEmpty()) {
            return Decision.deny("policy.notAMember");
        }
        if (!access.get().active()) {
            return Decision.deny("policy.membershipBlocked");
        }
        return access.get().role() == Role.MANAGER || access.get().holds(LICENSES)
                ? Decision.allow() : Decision.deny("policy.licensesRequired");
    }

    /** The secret licence key goes into the organization's software: its Managers and the vendor admin read it. */
    public Decision readLicenceKey(Actor actor, OrganizationId organization) {
        if (actor.isVendorAdmin()) {
            return Decision.allow();
        }
        return isManager(actor, organization) ? Decision.allow() : Decision.deny("policy.managerOnly");
    }

    /**
     * A new secret key, when the old one leaked or a person who knew it left: whoever reads the key
     * (the organization's Managers and the vendor admin).
     */
    public Decision regenerateLicenceKey(Actor actor, OrganizationId organization) {
        if (actor.isVendorAdmin()) {
            return Decision.allow();
        }
        return isManager(actor, organization) ? Decision.allow() : Decision.deny("policy.managerOnly");
    }

    /** Issuing, changing, suspending and resuming licences: the vendor admin's. */
    public Decision manageLicences(Actor actor) {
        return actor.isVendorAdmin() ? Decision.allow() : Decision.deny("policy.vendorAdminOnly");
    }

    /** Freeing a machine's seat: whoever sees the organization's licences. */
    public Decision deactivateMachine(Actor actor, OrganizationId organization) {
        return viewLicences(actor, organization);
    }

    /** Asking the vendor for more seats is the organization's; the vendor admin changes seats directly. */
    public Decision requestSeats(Actor actor, OrganizationId organization) {
        if (actor.isVendorStaff()) {
            return Decision.deny("policy.licence.vendorChangesSeats");
        }
        return viewLicences(actor, organization);
    }

    // ---- members

    public Decision manageMembers(Actor actor, OrganizationId organization) {
        if (actor.isVendorStaff()) {
            return Decision.allow();
        }
        Optional<OrganizationAccess> access = actor.in(organization);
        if (access.isEmpty()) {
            return Decision.deny("policy.notAMember");
        }
        if (!access.get().active()) {
            return Decision.deny("policy.membershipBlocked");
        }
        return access.get().role() == Role.MANAGER || access.get().holds(USER_MANAGEMENT)
                ? Decision.allow() : Decision.deny("policy.userManagementRequired");
    }

    /**
     * Whether a change by this actor goes to the vendor as a request instead of applying: every
     * change an organization admin makes in a vendor-managed organization, and any grant or
     * withdrawal of a right the vendor approves itself. Vendor staff act directly.
     */
    public boolean needsApproval(Actor actor, boolean vendorManaged, Collection<CatalogRight> rightsTouched) {
        if (actor.isVendorStaff()) {
            return false;
        }
        return vendorManaged || rightsTouched.stream().anyMatch(CatalogRight::needsApproval);
    }

    /** Deciding a request (approve, reject, take it on) is for the vendor's staff; never one's own request. */
    public Decision decideRequest(Actor actor, UserId requester) {
        if (!actor.isVendorStaff()) {
            return Decision.deny("policy.vendorStaffOnly");
        }
        return requester != null && actor.isSelf(requester) ? Decision.deny("policy.notOwnRequest") : Decision.allow();
    }

    /**
     * Whether a change may become a request to the vendor. Only a change that needs the vendor's
     * approval, and only one the requester could make themselves if the organization were
     * self-managed and no right needed approval: a forbidden change stays forbidden, with its
     * reason, and never becomes a ticket.
     */
    public Decision requestChange(Actor requester, boolean vendorManaged, RequestedChange change) {
        if (!needsApproval(requester, vendorManaged, change.rightsTouched())) {
            return Decision.deny("policy.noApprovalNeeded");
        }
        return directly(requester, change);
    }

    /**
     * Whether an approved request may still be applied: the requester, as they are today, could
     * still make the change themselves (still a member, still holding what they asked to grant,
     * the person still within their reach). Null: their account is gone or disabled. The
     * approver's side is {@link #decideRequest}.
     */
    public Decision applyRequest(Actor requesterToday, RequestedChange change) {
        if (requesterToday == null) {
            return Decision.deny("policy.requesterGone");
        }
        return directly(requesterToday, change);
    }

    /** The decision the actor would get making the change directly. */
    private Decision directly(Actor actor, RequestedChange change) {
        if (change instanceof RequestedChange.NewMember joining) {
            return addMember(actor, joining.organization(), joining.role(), joining.rights(), joining.sites());
        }
        if (change instanceof RequestedChange.AccessChange access) {
            return changeMember(actor, access.target(), access.role(), access.rightsChanged(), access.sitesChanged());
        }
        if (change instanceof RequestedChange.Deactivation deactivation) {
            return blockMember(actor, deactivation.target(), true);
        }
        throw new IllegalArgumentException(change.getClass().getName());
    }

    public Decision addMember(Actor actor, OrganizationId organization, Role role,
            Collection<CatalogRight> rights, Set<SiteId> sites) {
        return manageMembers(actor, organization)
                .and(() -> assignRole(actor, organization, role))
                .and(() -> changeRights(actor, organization, rights))
                .and(() -> changeSites(actor, organization, sites));
    }

    /**
     * A change of role, rights or sites. Only what actually changes is judged: keeping a right one
     * does not hold is fine, adding or removing it is not. Nobody raises their own access.
     */
    public Decision changeMember(Actor actor, MemberFacts target, Role newRole,
            Collection<CatalogRight> rightsChanged, Set<SiteId> sitesChanged) {
        OrganizationId organization = target.organizationId();
        return manageMembers(actor, organization)
                .and(() -> reachMember(actor, target))
                .and(() -> raisesOwnAccess(actor, target, newRole, rightsChanged, sitesChanged)
                        ? Decision.deny("policy.noSelfEscalation") : Decision.allow())
                .and(() -> newRole == null || newRole == target.role() ? Decision.allow() : assignRole(actor, organization, newRole))
                .and(() -> demotesLastManager(target, newRole) ? Decision.deny("policy.lastManager") : Decision.allow())
                .and(() -> changeRights(actor, organization, rightsChanged))
                .and(() -> changeSites(actor, organization, sitesChanged));
    }

    /** Whether this actor blocks anyone here at all (or asks for a deactivation): Managers and vendor staff. */
    public Decision blockMembers(Actor actor, OrganizationId organization) {
        return actor.isVendorStaff() || isManager(actor, organization) ? Decision.allow() : Decision.deny("policy.managerOnly");
    }

    /** Blocking shuts a member out of one organization; it is for Managers and vendor staff only. */
    public Decision blockMember(Actor actor, MemberFacts target, boolean block) {
        return blockMembers(actor, target.organizationId())
                .and(() -> block && actor.isSelf(target.userId()) ? Decision.deny("policy.notYourself") : Decision.allow())
                .and(() -> block && target.lastActiveManager() ? Decision.deny("policy.lastManager") : Decision.allow());
    }

    public Decision removeMember(Actor actor, MemberFacts target) {
        return manageMembers(actor, target.organizationId())
                .and(() -> reachMember(actor, target))
                .and(() -> target.lastActiveManager() ? Decision.deny("policy.lastManager") : Decision.allow());
    }

    // ---- accounts (one person, possibly in many organizations)

    public Decision viewAccount(Actor actor, UserId target, Collection<MemberFacts> targetMemberships) {
        if (actor.isVendorStaff() || actor.isSelf(target)) {
            return Decision.allow();
        }
        boolean managesOne = targetMemberships.stream()
                .anyMatch(m -> manageMembers(actor, m.organizationId()).allowed());
        return managesOne ? Decision.allow() : Decision.deny("policy.notAMember");
    }

    /**
     * An account is one person across organizations, so an organization admin may change it only
     * when they administer every organization the person belongs to.
     */
    public Decision editAccount(Actor actor, UserId target, Collection<MemberFacts> targetMemberships) {
        if (actor.isVendorStaff() || actor.isSelf(target)) {
            return Decision.allow();
        }
        boolean managesOne = targetMemberships.stream().anyMatch(m -> manageMembers(actor, m.organizationId()).allowed());
        for (MemberFacts membership : targetMemberships) {
            Decision manage = manageMembers(actor, membership.organizationId());
            if (manage.denied()) {
                return managesOne ? Decision.deny("policy.accountSharedWithOtherOrganizations") : manage;
            }
            Decision reach = reachMember(actor, membership);
            if (reach.denied()) {
                return reach;
            }
        }
        return targetMemberships.isEmpty() ? Decision.deny("policy.notAMember") : Decision.allow();
    }

    /**
     * A change of what signs an account in: its email, login or password. A stolen address is a
     * stolen account (a reset link goes to it), so nobody changes these silently:
     * <ul>
     * <li>the vendor admin changes them directly (audited, the old address is told);</li>
     * <li>the owner changes their own email (confirmed from the new address) and password (with the current one);</li>
     * <li>an organization admin or vendor support may only start an email change, confirmed from
     * the new address, of a person fully within their reach: in no organization they do not
     * administer, holding no role above theirs and no right or site they lack themselves, and not vendor staff.
     * Setting someone else's password or login is the vendor admin's alone; others send a reset link.</li>
     * </ul>
     * Whether an allowed change waits for the new address to be confirmed is {@link #confirmsNewAddress}.
     */
    public Decision changeIdentity(Actor actor, UserId target, Collection<MemberFacts> targetMemberships,
            boolean targetIsVendorStaff, IdentityField field) {
        if (actor.isVendorAdmin()) {
            return Decision.allow();
        }
        if (actor.isSelf(target)) {
            return field == IdentityField.LOGIN ? Decision.deny("policy.identity.loginVendorAdminOnly") : Decision.allow();
        }
        if (field == IdentityField.PASSWORD) {
            return Decision.deny("policy.identity.passwordOwnerOnly");
        }
        if (field == IdentityField.LOGIN) {
            return Decision.deny("policy.identity.loginVendorAdminOnly");
        }
        if (targetIsVendorStaff) {
            return Decision.deny("policy.vendorAdminOnly");
        }
        Decision edit = editAccount(actor, target, targetMemberships);
        if (edit.denied() || actor.isVendorStaff()) {
            return edit;
        }
        for (MemberFacts membership : targetMemberships) {
            Decision within = holdsAllOf(actor, membership);
            if (within.denied()) {
                return within;
            }
        }
        return Decision.allow();
    }

    /** The vendor admin's identity changes apply at once; anyone else's email change waits for the new address to confirm it. */
    public boolean confirmsNewAddress(Actor actor) {
        return !actor.isVendorAdmin();
    }

    public Decision disableAccount(Actor actor, UserId target, Collection<MemberFacts> targetMemberships, boolean disable) {
        if (actor.isSelf(target)) {
            return Decision.deny("policy.notYourself");
        }
        // Disabling shuts a person out everywhere, more than blocking: it is for Managers too.
        return editAccount(actor, target, targetMemberships)
                .and(() -> actor.isVendorStaff() || targetMemberships.stream().allMatch(m -> isManager(actor, m.organizationId()))
                        ? Decision.allow() : Decision.deny("policy.managerOnly"))
                .and(() -> disable && targetMemberships.stream().anyMatch(MemberFacts::lastActiveManager)
                        ? Decision.deny("policy.lastManager") : Decision.allow());
    }

    public Decision deleteAccount(Actor actor, UserId target, Collection<MemberFacts> targetMemberships) {
        if (!actor.isVendorAdmin()) {
            return Decision.deny("policy.vendorAdminOnly");
        }
        if (actor.isSelf(target)) {
            return Decision.deny("policy.notYourself");
        }
        return targetMemberships.stream().anyMatch(MemberFacts::lastActiveManager)
                ? Decision.deny("policy.lastManager") : Decision.allow();
    }

    // ---- second factors

    /** An organization's rule that its people (or its administrators) sign in with a second factor: its Managers', and the vendor admin's. */
    public Decision requireSecondFactor(Actor actor, OrganizationId organization) {
        if (actor.isVendorAdmin()) {
            return Decision.allow();
        }
        return isManager(actor, organization) ? Decision.allow() : Decision.deny("policy.managerOnly");
    }

    /** The rule for the vendor's own staff: the vendor admin's. */
    public Decision requireSecondFactorForStaff(Actor actor) {
        return actor.isVendorAdmin() ? Decision.allow() : Decision.deny("policy.vendorAdminOnly");
    }

    /**
     * Removing a person's second factors, for one who lost them: the vendor admin for anyone; a
     * Manager or User Management holder of an organization the person belongs to (null: none
     * named), though only a Manager resets a Manager's. Never one's own: that would undo the
     * second factor with the password alone.
     */
    public Decision resetSecondFactors(Actor actor, OrganizationId organization, UserId target,
            Collection<MemberFacts> targetMemberships, boolean targetIsVendorStaff) {
        if (actor.isSelf(target)) {
            return Decision.deny("policy.secondFactor.notYourOwn");
        }
        if (actor.isVendorAdmin()) {
            return Decision.allow();
        }
        if (actor.isVendorStaff() || targetIsVendorStaff || organization == null) {
            return Decision.deny("policy.vendorAdminOnly");
        }
        if (targetMemberships.stream().noneMatch(m -> m.organizationId().equals(organization))) {
            return Decision.deny("policy.notAMember");
        }
        return manageMembers(actor, organization)
                .and(() -> isManager(actor, organization) || targetMemberships.stream().noneMatch(m -> m.role() == Role.MANAGER)
                        ? Decision.allow() : Decision.deny("policy.secondFactor.managerResetsManager"));
    }

    // ---- products download

    /** Every active member downloads what the organization's licences entitle it to; vendor staff anything. */
    public Decision downloadProducts(Actor actor, OrganizationId organization) {
        return actor.isVendorStaff() ? Decision.allow() : activeMember(actor, organization);
    }

    // ---- catalogues

    /** The vendor admin defines the catalogues and where they are offered. */
    public Decision defineCatalogues(Actor actor) {
        return actor.isVendorAdmin() ? Decision.allow() : Decision.deny("policy.vendorAdminOnly");
    }

    /** Every active member reads their organization's catalogue selection; vendor staff read any. */
    public Decision seeCatalogues(Actor actor, OrganizationId organization) {
        return actor.isVendorStaff() ? Decision.allow() : activeMember(actor, organization);
    }

    /** Asking for a catalogue to be added to the account is the Manager's, like the account itself. */
    public Decision requestCatalogue(Actor actor, OrganizationId organization) {
        if (actor.isVendorStaff()) {
            return Decision.deny("policy.catalogue.staffAddDirectly");
        }
        return activeMember(actor, organization)
                .and(() -> isManager(actor, organization) ? Decision.allow() : Decision.deny("policy.managerOnly"));
    }

    /** Vendor staff put a catalogue on an account, or take it off, without a request. */
    public Decision changeCatalogueAccount(Actor actor) {
        return actor.isVendorStaff() ? Decision.allow() : Decision.deny("policy.vendorStaffOnly");
    }

    // ---- the building blocks

    private static Decision activeMember(Actor actor, OrganizationId organization) {
        Optional<OrganizationAccess> access = actor.in(organization);
        if (access.isEmpty()) {
            return Decision.deny("policy.notAMember");
        }
        return access.get().active() ? Decision.allow() : Decision.deny("policy.membershipBlocked");
    }

    private Decision assignRole(Actor actor, OrganizationId organization, Role role) {
        if (actor.isVendorStaff()) {
            return Decision.allow();
        }
        Role own = actor.activeIn(organization).map(OrganizationAccess::role).orElse(null);
        return own != null && !role.outranks(own) ? Decision.allow() : Decision.deny("policy.roleAboveOwn");
    }

    /** A member whose role ranks above the actor's is out of the actor's reach. */
    private Decision reachMember(Actor actor, MemberFacts target) {
        if (actor.isVendorStaff()) {
            return Decision.allow();
        }
        Role own = actor.activeIn(target.organizationId()).map(OrganizationAccess::role).orElse(null);
        return own != null && !target.role().outranks(own) ? Decision.allow() : Decision.deny("policy.memberOutranksYou");
    }

    /**
     * Whether a member holds nothing the actor lacks here: a Manager may grant any right and reaches
     * every site; anyone else must hold each of the member's rights and reach each of their sites.
     */
    private Decision holdsAllOf(Actor actor, MemberFacts target) {
        if (isManager(actor, target.organizationId())) {
            return Decision.allow();
        }
        OrganizationAccess own = actor.activeIn(target.organizationId()).orElse(null);
        if (own == null || !target.rights().stream().allMatch(own::holds)) {
            return Decision.deny("policy.identity.targetHoldsMore");
        }
        if (target.role().reachesAllSites() || !target.sites().stream().allMatch(own::reaches)) {
            return Decision.deny("policy.identity.targetHoldsMore");
        }
        return Decision.allow();
    }

    private Decision changeRights(Actor actor, OrganizationId organization, Collection<CatalogRight> rights) {
        for (CatalogRight right : rights) {
            if (right.managedExternally()) {
                return Decision.deny("policy.rightManagedExternally");
            }
        }
        if (actor.isVendorStaff() || isManager(actor, organization)) {
            return Decision.allow();
        }
        OrganizationAccess own = actor.activeIn(organization).orElse(null);
        for (CatalogRight right : rights) {
            if (own == null || !own.holds(right.name())) {
                return Decision.deny("policy.rightNotHeld");
            }
        }
        return Decision.allow();
    }

    private Decision changeSites(Actor actor, OrganizationId organization, Set<SiteId> sites) {
        if (actor.isVendorStaff() || isManager(actor, organization)) {
            return Decision.allow();
        }
        OrganizationAccess own = actor.activeIn(organization).orElse(null);
        for (SiteId site : sites) {
            if (own == null || !own.reaches(site)) {
                return Decision.deny("policy.siteNotHeld");
            }
        }
        return Decision.allow();
    }

    /**
     * Nobody raises their own access — a higher role, a right or a site they do not have yet —
     * directly or through a request: someone else, or the vendor, decides that. Giving things up is fine.
     */
    private static boolean raisesOwnAccess(Actor actor, MemberFacts target, Role newRole,
            Collection<CatalogRight> rightsChanged, Set<SiteId> sitesChanged) {
        if (!actor.isSelf(target.userId())) {
            return false;
        }
        boolean higherRole = newRole != null && newRole.outranks(target.role());
        boolean newRight = rightsChanged.stream().anyMatch(right -> !target.rights().contains(right.name()));
        // A Manager reaches every site already: naming sites when stepping down narrows, not widens.
        boolean newSite = !target.role().reachesAllSites() && sitesChanged.stream().anyMatch(site -> !target.sites().contains(site));
        return higherRole || newRight || newSite;
    }

    private static boolean demotesLastManager(MemberFacts target, Role newRole) {
        return newRole != null && newRole != Role.MANAGER && target.role() == Role.MANAGER && target.lastActiveManager();
    }

    private static boolean isManager(Actor actor, OrganizationId organization) {
        return actor.activeIn(organization).map(a -> a.role() == Role.MANAGER).orElse(false);
    }
}
