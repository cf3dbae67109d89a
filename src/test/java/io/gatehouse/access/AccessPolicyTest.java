package io.gatehouse.access;

import static io.gatehouse.access.TestActors.CONTACTS_EDITOR;
import static io.gatehouse.access.TestActors.CONTACTS_VIEWER;
import static io.gatehouse.access.TestActors.LICENSES;
import static io.gatehouse.access.TestActors.SHOWCASE_ADMINISTRATOR;
import static io.gatehouse.access.TestActors.alsoIn;
import static io.gatehouse.access.TestActors.contactsRight;
import static io.gatehouse.access.TestActors.lastManager;
import static io.gatehouse.access.TestActors.manager;
import static io.gatehouse.access.TestActors.member;
import static io.gatehouse.access.TestActors.person;
import static io.gatehouse.access.TestActors.right;
import static io.gatehouse.access.TestActors.self;
import static io.gatehouse.access.TestActors.target;
import static io.gatehouse.access.TestActors.userManager;
import static io.gatehouse.access.TestActors.vendorAdmin;
import static io.gatehouse.access.TestActors.vendorSupport;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The product's access rules, one row per behaviour: who may do what, and the reason a refused
 * person is shown. Each rule has at least one allowed and one denied row.
 */
class AccessPolicyTest {

    private static final AccessPolicy POLICY = new AccessPolicy();

    private static final OrganizationId ORG = OrganizationId.random();
    private static final OrganizationId OTHER_ORG = OrganizationId.random();
    private static final SiteId SITE_A = SiteId.random();
    private static final SiteId SITE_B = SiteId.random();

    private static final Actor VENDOR_ADMIN = vendorAdmin();
    private static final Actor VENDOR_SUPPORT = vendorSupport();
    private static final Actor MANAGER = manager(ORG);
    private static final Actor USER_MANAGER = userManager(ORG, Set.of(SITE_A));
    private static final Actor USER_MANAGER_WITH_SHOWCASE = userManager(ORG, SHOWCASE_ADMINISTRATOR);
    private static final Actor CONTRIBUTOR_USER_MANAGER = member(ORG, Role.CONTRIBUTOR, AccessPolicy.USER_MANAGEMENT);
    private static final Actor PLAIN_USER = member(ORG, Role.USER);
    private static final Actor CONTRIBUTOR = member(ORG, Role.CONTRIBUTOR);
    private static final Actor OTHER_MANAGER = manager(OTHER_ORG);
    private static final Actor MANAGER_OF_BOTH = person("Manager of both").in(ORG, Role.MANAGER).in(OTHER_ORG, Role.MANAGER).build();
    private static final Actor SUPPORT_AND_MEMBER =
            person("Support and member").staff(StaffRole.VENDOR_SUPPORT).in(ORG, Role.USER).build();
    private static final Actor BLOCKED_MANAGER = person("Blocked").blockedIn(ORG, Role.MANAGER).build();
    private static final Actor BLOCKED_HERE_ACTIVE_THERE =
            person("Blocked here").blockedIn(ORG, Role.USER).in(OTHER_ORG, Role.USER).build();

    private static final MemberFacts A_USER = target(ORG, Role.USER);
    private static final MemberFacts A_CONTRIBUTOR = target(ORG, Role.CONTRIBUTOR);
    private static final MemberFacts ANOTHER_MANAGER = target(ORG, Role.MANAGER);
    private static final MemberFacts LAST_MANAGER = lastManager(ORG);
    private static final MemberFacts A_CONTACTS_USER = target(ORG, Role.USER, CONTACTS_VIEWER);

    /** One behaviour: its readable name, the question put to the policy, and the expected answer. */
    record Row(String name, Supplier<Decision> question, Decision expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void answersAsTheSpecSays(Row row) {
        Decision decision = row.question().get();

        assertThat(decision.allowed()).as("allowed").isEqualTo(row.expected().allowed());
        assertThat(decision.reason()).as("denial reason").isEqualTo(row.expected().reason());
    }

    static Stream<Row> rules() {
        return Stream.of(
                vendorAdminRules(),
                vendorSupportRules(),
                managingMembersRules(),
                noGrantingAboveOwnRules(),
                blockingRules(),
                lastManagerRules(),
                externallyManagedRightsRules(),
                membershipVisibilityRules(),
                accountsAcrossOrganizationsRules(),
                identityRules(),
                notYourselfRules(),
                staffAndCatalogueRules(),
                catalogueSelectionRules(),
                licenceRules(),
                scimTokenRules(),
                secondFactorRules())
                .flatMap(List::stream);
    }

    // ---- second factors: who requires them, who resets them

    static List<Row> secondFactorRules() {
        MemberFacts managerElsewhere = alsoIn(A_USER, OTHER_ORG, Role.MANAGER);
        return List.of(
                allowed("a Manager requires a second factor in their organization",
                        () -> POLICY.requireSecondFactor(MANAGER, ORG)),
                allowed("the vendor admin requires a second factor in any organization",
                        () -> POLICY.requireSecondFactor(VENDOR_ADMIN, ORG)),
                denied("a User Management holder cannot set the organization's second-factor rule", "policy.managerOnly",
                        () -> POLICY.requireSecondFactor(USER_MANAGER, ORG)),
                denied("a Manager of another organization cannot set this one's rule", "policy.managerOnly",
                        () -> POLICY.requireSecondFactor(OTHER_MANAGER, ORG)),
                denied("a blocked Manager cannot set the rule", "policy.managerOnly",
                        () -> POLICY.requireSecondFactor(BLOCKED_MANAGER, ORG)),
                denied("vendor support cannot set an organization's rule", "policy.managerOnly",
                        () -> POLICY.requireSecondFactor(VENDOR_SUPPORT, ORG)),
                allowed("the vendor admin requires a second factor of all vendor staff",
                        () -> POLICY.requireSecondFactorForStaff(VENDOR_ADMIN)),
                denied("vendor support cannot set the staff's rule", "policy.vendorAdminOnly",
                        () -> POLICY.requireSecondFactorForStaff(VENDOR_SUPPORT)),
                denied("a Manager cannot set the staff's rule", "policy.vendorAdminOnly",
                        () -> POLICY.requireSecondFactorForStaff(MANAGER)),
                allowed("a Manager resets a member's second factors",
                        () -> POLICY.resetSecondFactors(MANAGER, ORG, A_USER.userId(), List.of(A_USER), false)),
                allowed("a Manager resets another Manager's second factors",
                        () -> POLICY.resetSecondFactors(MANAGER, ORG, ANOTHER_MANAGER.userId(), List.of(ANOTHER_MANAGER), false)),
                allowed("the vendor admin resets anyone's second factors",
                        () -> POLICY.resetSecondFactors(VENDOR_ADMIN, ORG, ANOTHER_MANAGER.userId(), List.of(ANOTHER_MANAGER), false)),
                allowed("a User Management holder resets a plain member's second factors",
                        () -> POLICY.resetSecondFactors(USER_MANAGER, ORG, A_USER.userId(), List.of(A_USER), false)),
                denied("a User Management holder cannot reset a Manager's second factors", "policy.secondFactor.managerResetsManager",
                        () -> POLICY.resetSecondFactors(CONTRIBUTOR_USER_MANAGER, ORG, ANOTHER_MANAGER.userId(),
                                List.of(ANOTHER_MANAGER), false)),
                denied("a User Management holder cannot reset one who is a Manager in another organization",
                        "policy.secondFactor.managerResetsManager",
                        () -> POLICY.resetSecondFactors(USER_MANAGER, ORG, A_USER.userId(), List.of(A_USER, managerElsewhere), false)),
                denied("nobody resets their own second factors", "policy.secondFactor.notYourOwn",
                        () -> POLICY.resetSecondFactors(MANAGER, ORG, MANAGER.userId(), List.of(self(MANAGER, ORG, false)), false)),
                denied("not even the vendor admin resets their own", "policy.secondFactor.notYourOwn",
                        () -> POLICY.resetSecondFactors(VENDOR_ADMIN, null, VENDOR_ADMIN.userId(), List.of(), true)),
                denied("a plain member cannot reset anyone's second factors", "policy.userManagementRequired",
                        () -> POLICY.resetSecondFactors(PLAIN_USER, ORG, A_CONTRIBUTOR.userId(), List.of(A_CONTRIBUTOR), false)),
                denied("vendor support cannot reset second factors", "policy.vendorAdminOnly",
                        () -> POLICY.resetSecondFactors(VENDOR_SUPPORT, ORG, A_USER.userId(), List.of(A_USER), false)),
                denied("only the vendor admin resets a vendor staff member's", "policy.vendorAdminOnly",
                        () -> POLICY.resetSecondFactors(MANAGER, ORG, A_USER.userId(), List.of(A_USER), true)),
                denied("a Manager cannot reset someone of another organization", "policy.notAMember",
                        () -> POLICY.resetSecondFactors(OTHER_MANAGER, OTHER_ORG, A_USER.userId(), List.of(A_USER), false)),
                denied("a blocked Manager cannot reset", "policy.membershipBlocked",
                        () -> POLICY.resetSecondFactors(BLOCKED_MANAGER, ORG, A_USER.userId(), List.of(A_USER), false)));
    }

    // ---- SCIM tokens: the organization's Managers and the vendor admin, nobody else.

    private static List<Row> scimTokenRules() {
        return List.of(
                allowed("a Manager manages their organization's SCIM tokens",
                        () -> POLICY.manageScimTokens(MANAGER, ORG)),
                allowed("the vendor admin manages any organization's SCIM tokens",
                        () -> POLICY.manageScimTokens(VENDOR_ADMIN, ORG)),
                denied("a User Management holder who is not Manager cannot manage SCIM tokens", "policy.managerOnly",
                        () -> POLICY.manageScimTokens(USER_MANAGER, ORG)),
                denied("a blocked Manager cannot manage SCIM tokens", "policy.managerOnly",
                        () -> POLICY.manageScimTokens(BLOCKED_MANAGER, ORG)),
                denied("vendor support cannot manage SCIM tokens", "policy.notAMember",
                        () -> POLICY.manageScimTokens(VENDOR_SUPPORT, ORG)),
                denied("another organization's Manager cannot manage SCIM tokens", "policy.notAMember",
                        () -> POLICY.manageScimTokens(OTHER_MANAGER, ORG)));
    }

    // ---- Vendor admin: everything, every organization.

    private static List<Row> vendorAdminRules() {
        return List.of(
                allowed("vendor admin sees an organization they are not a member of",
                        () -> POLICY.seeOrganization(VENDOR_ADMIN, ORG)),
                allowed("vendor admin creates an organization",
                        () -> POLICY.createOrganization(VENDOR_ADMIN)),
                allowed("vendor admin changes region or management mode",
                        () -> POLICY.editOrganization(VENDOR_ADMIN, ORG, true)),
                allowed("vendor admin manages sites of any organization",
                        () -> POLICY.manageSites(VENDOR_ADMIN, ORG)),
                allowed("vendor admin makes a member Manager",
                        () -> POLICY.changeMember(VENDOR_ADMIN, A_USER, Role.MANAGER, List.of(right(SHOWCASE_ADMINISTRATOR)), Set.of(SITE_B))),
                allowed("vendor admin deletes an account",
                        () -> POLICY.deleteAccount(VENDOR_ADMIN, A_USER.userId(), List.of(A_USER))),
                denied("vendor admin cannot delete the account of an organization's last Manager", "policy.lastManager",
                        () -> POLICY.deleteAccount(VENDOR_ADMIN, LAST_MANAGER.userId(), List.of(LAST_MANAGER))));
    }

    // ---- Vendor support: every organization, members anywhere; no organizations, vendor settings or deletions.

    private static List<Row> vendorSupportRules() {
        return List.of(
                allowed("vendor support sees an organization they are not a member of",
                        () -> POLICY.seeOrganization(VENDOR_SUPPORT, ORG)),
                allowed("vendor support manages members of any organization",
                        () -> POLICY.manageMembers(VENDOR_SUPPORT, OTHER_ORG)),
                allowed("vendor support adds a Manager with rights and sites",
                        () -> POLICY.addMember(VENDOR_SUPPORT, ORG, Role.MANAGER, List.of(right(SHOWCASE_ADMINISTRATOR)), Set.of(SITE_B))),
                allowed("vendor support removes a member",
                        () -> POLICY.removeMember(VENDOR_SUPPORT, ANOTHER_MANAGER)),
                allowed("vendor support views the audit of any organization",
                        () -> POLICY.viewAudit(VENDOR_SUPPORT, ORG)),
                denied("vendor support cannot create an organization", "policy.vendorAdminOnly",
                        () -> POLICY.createOrganization(VENDOR_SUPPORT)),
                denied("vendor support cannot change region or management mode", "policy.vendorAdminOnly",
                        () -> POLICY.editOrganization(VENDOR_SUPPORT, ORG, true)),
                denied("vendor support cannot delete an account", "policy.vendorAdminOnly",
                        () -> POLICY.deleteAccount(VENDOR_SUPPORT, A_USER.userId(), List.of(A_USER))),
                denied("a Manager cannot delete an account", "policy.vendorAdminOnly",
                        () -> POLICY.deleteAccount(MANAGER, A_USER.userId(), List.of(A_USER))),
                denied("a Manager cannot create an organization", "policy.vendorAdminOnly",
                        () -> POLICY.createOrganization(MANAGER)),
                denied("a Manager cannot change region or management mode", "policy.vendorAdminOnly",
                        () -> POLICY.editOrganization(MANAGER, ORG, true)));
    }

    // ---- A Manager, or a holder of "User Management", manages members of that organization.

    private static List<Row> managingMembersRules() {
        return List.of(
                allowed("manager manages members of their organization",
                        () -> POLICY.manageMembers(MANAGER, ORG)),
                allowed("user manager manages members of their organization",
                        () -> POLICY.manageMembers(USER_MANAGER, ORG)),
                allowed("user manager removes a plain user",
                        () -> POLICY.removeMember(USER_MANAGER, A_USER)),
                allowed("manager renames their organization",
                        () -> POLICY.editOrganization(MANAGER, ORG, false)),
                denied("plain user without User Management cannot manage members", "policy.userManagementRequired",
                        () -> POLICY.manageMembers(PLAIN_USER, ORG)),
                denied("contributor without User Management cannot add a member", "policy.userManagementRequired",
                        () -> POLICY.addMember(CONTRIBUTOR, ORG, Role.USER, List.of(), Set.of())),
                denied("manager of another organization cannot manage members here", "policy.notAMember",
                        () -> POLICY.manageMembers(OTHER_MANAGER, ORG)),
                denied("user manager cannot rename the organization", "policy.managerOnly",
                        () -> POLICY.editOrganization(USER_MANAGER, ORG, false)),
                denied("user manager cannot manage sites", "policy.managerOnly",
                        () -> POLICY.manageSites(USER_MANAGER, ORG)));
    }

    // ---- Nobody grants a role, right or site above what they hold themselves.

    private static List<Row> noGrantingAboveOwnRules() {
        return List.of(
                allowed("user manager adds a member as User",
                        () -> POLICY.addMember(USER_MANAGER, ORG, Role.USER, List.of(), Set.of())),
                allowed("contributor user manager promotes a user to Contributor",
                        () -> POLICY.changeMember(CONTRIBUTOR_USER_MANAGER, A_USER, Role.CONTRIBUTOR, List.of(), Set.of())),
                denied("user manager cannot make someone Manager", "policy.roleAboveOwn",
                        () -> POLICY.changeMember(USER_MANAGER, A_USER, Role.MANAGER, List.of(), Set.of())),
                denied("user manager cannot add a member as Operator", "policy.roleAboveOwn",
                        () -> POLICY.addMember(USER_MANAGER, ORG, Role.OPERATOR, List.of(), Set.of())),
                denied("contributor user manager cannot add a Manager", "policy.roleAboveOwn",
                        () -> POLICY.addMember(CONTRIBUTOR_USER_MANAGER, ORG, Role.MANAGER, List.of(), Set.of())),
                allowed("user manager grants a right they hold",
                        () -> POLICY.changeMember(USER_MANAGER_WITH_SHOWCASE, A_USER, null, List.of(right(SHOWCASE_ADMINISTRATOR)), Set.of())),
                denied("user manager cannot grant a right they do not hold", "policy.rightNotHeld",
                        () -> POLICY.changeMember(USER_MANAGER, A_USER, null, List.of(right(SHOWCASE_ADMINISTRATOR)), Set.of())),
                denied("user manager cannot remove a right they do not hold", "policy.rightNotHeld",
                        () -> POLICY.changeMember(USER_MANAGER, target(ORG, Role.USER, LICENSES), null, List.of(right(LICENSES)), Set.of())),
                denied("user manager cannot add a member with a right they do not hold", "policy.rightNotHeld",
                        () -> POLICY.addMember(USER_MANAGER, ORG, Role.USER, List.of(right(SHOWCASE_ADMINISTRATOR)), Set.of())),
                allowed("manager grants a right they do not hold themselves",
                        () -> POLICY.changeMember(MANAGER, A_USER, null, List.of(right(SHOWCASE_ADMINISTRATOR), right(LICENSES)), Set.of())),
                allowed("user manager grants a site they reach",
                        () -> POLICY.changeMember(USER_MANAGER, A_USER, null, List.of(), Set.of(SITE_A))),
                denied("user manager cannot grant a site they do not reach", "policy.siteNotHeld",
                        () -> POLICY.changeMember(USER_MANAGER, A_USER, null, List.of(), Set.of(SITE_B))),
                denied("user manager cannot add a member on a site they do not reach", "policy.siteNotHeld",
                        () -> POLICY.addMember(USER_MANAGER, ORG, Role.USER, List.of(), Set.of(SITE_A, SITE_B))),
                allowed("manager grants any site of the organization",
                        () -> POLICY.changeMember(MANAGER, A_USER, null, List.of(), Set.of(SITE_A, SITE_B))),
                allowed("user manager changes a member of their own rank",
                        () -> POLICY.changeMember(USER_MANAGER, A_USER, Role.USER, List.of(), Set.of())),
                denied("user manager cannot change a member who outranks them", "policy.memberOutranksYou",
                        () -> POLICY.changeMember(USER_MANAGER, A_CONTRIBUTOR, null, List.of(), Set.of())),
                denied("user manager cannot remove a Manager", "policy.memberOutranksYou",
                        () -> POLICY.removeMember(USER_MANAGER, ANOTHER_MANAGER)));
    }

    // ---- Blocking is for Managers and vendor staff, not for "User Management" holders.

    private static List<Row> blockingRules() {
        return List.of(
                allowed("manager blocks a member",
                        () -> POLICY.blockMember(MANAGER, A_USER, true)),
                allowed("manager unblocks a member",
                        () -> POLICY.blockMember(MANAGER, A_USER, false)),
                allowed("vendor support blocks a member",
                        () -> POLICY.blockMember(VENDOR_SUPPORT, A_CONTRIBUTOR, true)),
                allowed("vendor admin blocks a Manager who is not the last",
                        () -> POLICY.blockMember(VENDOR_ADMIN, ANOTHER_MANAGER, true)),
                denied("user manager cannot block a member", "policy.managerOnly",
                        () -> POLICY.blockMember(USER_MANAGER, A_USER, true)),
                denied("contributor user manager cannot unblock a member", "policy.managerOnly",
                        () -> POLICY.blockMember(CONTRIBUTOR_USER_MANAGER, A_USER, false)),
                denied("manager of another organization cannot block a member here", "policy.managerOnly",
                        () -> POLICY.blockMember(OTHER_MANAGER, A_USER, true)));
    }

    // ---- The last active Manager cannot be removed, blocked, disabled or demoted.

    private static List<Row> lastManagerRules() {
        return List.of(
                allowed("manager removes another Manager who is not the last",
                        () -> POLICY.removeMember(MANAGER, ANOTHER_MANAGER)),
                allowed("manager demotes another Manager who is not the last",
                        () -> POLICY.changeMember(MANAGER, ANOTHER_MANAGER, Role.USER, List.of(), Set.of())),
                allowed("vendor admin changes the last Manager's rights while keeping them Manager",
                        () -> POLICY.changeMember(VENDOR_ADMIN, LAST_MANAGER, Role.MANAGER, List.of(right(LICENSES)), Set.of())),
                allowed("manager disables the account of a Manager who is not the last",
                        () -> POLICY.disableAccount(MANAGER, ANOTHER_MANAGER.userId(), List.of(ANOTHER_MANAGER), true)),
                denied("vendor admin cannot remove the last Manager", "policy.lastManager",
                        () -> POLICY.removeMember(VENDOR_ADMIN, LAST_MANAGER)),
                denied("the last Manager cannot remove themselves", "policy.lastManager",
                        () -> POLICY.removeMember(MANAGER, self(MANAGER, ORG, true))),
                denied("vendor admin cannot block the last Manager", "policy.lastManager",
                        () -> POLICY.blockMember(VENDOR_ADMIN, LAST_MANAGER, true)),
                denied("vendor support cannot disable the last Manager's account", "policy.lastManager",
                        () -> POLICY.disableAccount(VENDOR_SUPPORT, LAST_MANAGER.userId(), List.of(LAST_MANAGER), true)),
                denied("vendor admin cannot demote the last Manager", "policy.lastManager",
                        () -> POLICY.changeMember(VENDOR_ADMIN, LAST_MANAGER, Role.CONTRIBUTOR, List.of(), Set.of())),
                denied("the last Manager cannot demote themselves", "policy.lastManager",
                        () -> POLICY.changeMember(MANAGER, self(MANAGER, ORG, true), Role.USER, List.of(), Set.of())));
    }

    // ---- Rights of "Contacts" are managed elsewhere: shown, never changed through Gatehouse.

    private static List<Row> externallyManagedRightsRules() {
        return List.of(
                allowed("manager changes another right of a member who holds a Contacts right",
                        () -> POLICY.changeMember(MANAGER, A_CONTACTS_USER, null, List.of(right(LICENSES)), Set.of())),
                allowed("manager changes the role of a member who holds a Contacts right",
                        () -> POLICY.changeMember(MANAGER, A_CONTACTS_USER, Role.OPERATOR, List.of(), Set.of())),
                denied("vendor admin cannot grant Contacts Viewer", "policy.rightManagedExternally",
                        () -> POLICY.changeMember(VENDOR_ADMIN, A_USER, null, List.of(contactsRight(CONTACTS_VIEWER)), Set.of())),
                denied("manager cannot remove Contacts Viewer", "policy.rightManagedExternally",
                        () -> POLICY.changeMember(MANAGER, A_CONTACTS_USER, null, List.of(contactsRight(CONTACTS_VIEWER)), Set.of())),
                denied("vendor support cannot add a member with Contacts Editor", "policy.rightManagedExternally",
                        () -> POLICY.addMember(VENDOR_SUPPORT, ORG, Role.USER, List.of(right(LICENSES), contactsRight(CONTACTS_EDITOR)), Set.of())));
    }

    // ---- A member sees only their organizations; a blocked membership can do nothing there.

    private static List<Row> membershipVisibilityRules() {
        return List.of(
                allowed("member sees their own organization",
                        () -> POLICY.seeOrganization(PLAIN_USER, ORG)),
                allowed("member blocked in one organization still sees another where they are active",
                        () -> POLICY.seeOrganization(BLOCKED_HERE_ACTIVE_THERE, OTHER_ORG)),
                denied("member does not see an organization they do not belong to", "policy.notAMember",
                        () -> POLICY.seeOrganization(PLAIN_USER, OTHER_ORG)),
                denied("blocked member does not see the organization", "policy.membershipBlocked",
                        () -> POLICY.seeOrganization(BLOCKED_HERE_ACTIVE_THERE, ORG)),
                denied("blocked Manager does not see the organization", "policy.membershipBlocked",
                        () -> POLICY.seeOrganization(BLOCKED_MANAGER, ORG)),
                denied("blocked Manager cannot manage members", "policy.membershipBlocked",
                        () -> POLICY.manageMembers(BLOCKED_MANAGER, ORG)),
                denied("blocked Manager cannot block a member", "policy.managerOnly",
                        () -> POLICY.blockMember(BLOCKED_MANAGER, A_USER, true)),
                denied("blocked Manager cannot view the audit", "policy.managerOnly",
                        () -> POLICY.viewAudit(BLOCKED_MANAGER, ORG)));
    }

    // ---- An organization admin edits or disables an account only when they administer all its organizations.

    private static List<Row> accountsAcrossOrganizationsRules() {
        MemberFacts sharedHere = target(ORG, Role.USER);
        List<MemberFacts> shared = List.of(sharedHere, alsoIn(sharedHere, OTHER_ORG, Role.USER));
        return List.of(
                allowed("manager edits the account of a person only in their organization",
                        () -> POLICY.editAccount(MANAGER, A_USER.userId(), List.of(A_USER))),
                allowed("user manager edits the account of a person only in their organization",
                        () -> POLICY.editAccount(USER_MANAGER, A_USER.userId(), List.of(A_USER))),
                allowed("manager of both organizations edits an account shared between them",
                        () -> POLICY.editAccount(MANAGER_OF_BOTH, sharedHere.userId(), shared)),
                allowed("manager disables the account of a person only in their organization",
                        () -> POLICY.disableAccount(MANAGER, A_USER.userId(), List.of(A_USER), true)),
                allowed("vendor support edits an account shared between organizations",
                        () -> POLICY.editAccount(VENDOR_SUPPORT, sharedHere.userId(), shared)),
                allowed("a person edits their own account",
                        () -> POLICY.editAccount(PLAIN_USER, PLAIN_USER.userId(), List.of(self(PLAIN_USER, ORG, false)))),
                denied("manager cannot edit an account that also belongs to another organization",
                        "policy.accountSharedWithOtherOrganizations",
                        () -> POLICY.editAccount(MANAGER, sharedHere.userId(), shared)),
                denied("manager cannot disable an account that also belongs to another organization",
                        "policy.accountSharedWithOtherOrganizations",
                        () -> POLICY.disableAccount(MANAGER, sharedHere.userId(), shared, true)),
                denied("user manager cannot edit the account of a Manager", "policy.memberOutranksYou",
                        () -> POLICY.editAccount(USER_MANAGER, ANOTHER_MANAGER.userId(), List.of(ANOTHER_MANAGER))),
                denied("manager here but plain member there cannot edit an account shared between them",
                        "policy.accountSharedWithOtherOrganizations",
                        () -> POLICY.editAccount(person("Manager here, user there").in(ORG, Role.MANAGER).in(OTHER_ORG, Role.USER).build(),
                                sharedHere.userId(), shared)),
                denied("user manager cannot disable an account: disabling is for Managers", "policy.managerOnly",
                        () -> POLICY.disableAccount(USER_MANAGER, A_USER.userId(), List.of(A_USER), true)),
                denied("plain user cannot edit another member's account", "policy.userManagementRequired",
                        () -> POLICY.editAccount(PLAIN_USER, A_USER.userId(), List.of(A_USER))));
    }

    // ---- Email, login and password: the owner with proof, the vendor admin directly, an organization admin
    //      only an email change confirmed from the new address, for a person fully within their reach.

    private static List<Row> identityRules() {
        MemberFacts sharedHere = target(ORG, Role.USER);
        List<MemberFacts> shared = List.of(sharedHere, alsoIn(sharedHere, OTHER_ORG, Role.USER));
        MemberFacts showcaseAdmin = target(ORG, Role.USER, SHOWCASE_ADMINISTRATOR);
        MemberFacts licensesHolder = target(ORG, Role.USER, AccessPolicy.USER_MANAGEMENT, LICENSES);
        MemberFacts atSiteB = new MemberFacts(ORG, UserId.random(), Role.USER, MembershipStatus.ACTIVE, Set.of(), Set.of(SITE_B), false);
        MemberFacts atSiteA = new MemberFacts(ORG, UserId.random(), Role.USER, MembershipStatus.ACTIVE, Set.of(), Set.of(SITE_A), false);
        return List.of(
                allowed("vendor admin changes anyone's email directly",
                        () -> POLICY.changeIdentity(VENDOR_ADMIN, showcaseAdmin.userId(), shared, false, IdentityField.EMAIL)),
                allowed("vendor admin sets anyone's password",
                        () -> POLICY.changeIdentity(VENDOR_ADMIN, A_USER.userId(), List.of(A_USER), true, IdentityField.PASSWORD)),
                allowed("vendor admin changes anyone's login",
                        () -> POLICY.changeIdentity(VENDOR_ADMIN, A_USER.userId(), List.of(A_USER), false, IdentityField.LOGIN)),
                allowed("a person changes their own email",
                        () -> POLICY.changeIdentity(PLAIN_USER, PLAIN_USER.userId(), List.of(self(PLAIN_USER, ORG, false)), false,
                                IdentityField.EMAIL)),
                allowed("a person changes their own password",
                        () -> POLICY.changeIdentity(PLAIN_USER, PLAIN_USER.userId(), List.of(self(PLAIN_USER, ORG, false)), false,
                                IdentityField.PASSWORD)),
                allowed("manager changes the email of a person only in their organization",
                        () -> POLICY.changeIdentity(MANAGER, showcaseAdmin.userId(), List.of(showcaseAdmin), false, IdentityField.EMAIL)),
                allowed("user manager changes the email of a plain member holding nothing they lack",
                        () -> POLICY.changeIdentity(USER_MANAGER, A_USER.userId(), List.of(A_USER), false, IdentityField.EMAIL)),
                allowed("user manager holding Showcase 360 Administrator changes the email of a colleague holding it",
                        () -> POLICY.changeIdentity(USER_MANAGER_WITH_SHOWCASE, showcaseAdmin.userId(), List.of(showcaseAdmin), false,
                                IdentityField.EMAIL)),
                allowed("user manager changes the email of a member at a site they reach",
                        () -> POLICY.changeIdentity(USER_MANAGER, atSiteA.userId(), List.of(atSiteA), false, IdentityField.EMAIL)),
                allowed("vendor support starts an email change for an organization's member",
                        () -> POLICY.changeIdentity(VENDOR_SUPPORT, sharedHere.userId(), shared, false, IdentityField.EMAIL)),
                denied("user manager cannot change the email of a colleague holding Showcase 360 Administrator",
                        "policy.identity.targetHoldsMore",
                        () -> POLICY.changeIdentity(USER_MANAGER, showcaseAdmin.userId(), List.of(showcaseAdmin), false,
                                IdentityField.EMAIL)),
                denied("user manager cannot change the email of a member at a site they do not reach",
                        "policy.identity.targetHoldsMore",
                        () -> POLICY.changeIdentity(USER_MANAGER, atSiteB.userId(), List.of(atSiteB), false, IdentityField.EMAIL)),
                denied("user manager cannot change the email of a colleague who also holds User Management and Licenses",
                        "policy.identity.targetHoldsMore",
                        () -> POLICY.changeIdentity(USER_MANAGER, licensesHolder.userId(), List.of(licensesHolder), false,
                                IdentityField.EMAIL)),
                denied("contributor with User Management cannot change the email of a member holding Contacts Viewer, which they lack",
                        "policy.identity.targetHoldsMore",
                        () -> POLICY.changeIdentity(CONTRIBUTOR_USER_MANAGER, A_CONTACTS_USER.userId(), List.of(A_CONTACTS_USER), false,
                                IdentityField.EMAIL)),
                denied("user manager cannot change the email of a Manager", "policy.memberOutranksYou",
                        () -> POLICY.changeIdentity(USER_MANAGER, ANOTHER_MANAGER.userId(), List.of(ANOTHER_MANAGER), false,
                                IdentityField.EMAIL)),
                denied("manager cannot change the email of a person who also belongs to another organization",
                        "policy.accountSharedWithOtherOrganizations",
                        () -> POLICY.changeIdentity(MANAGER, sharedHere.userId(), shared, false, IdentityField.EMAIL)),
                denied("manager cannot change the email of vendor staff who joined the organization", "policy.vendorAdminOnly",
                        () -> POLICY.changeIdentity(MANAGER, A_USER.userId(), List.of(A_USER), true, IdentityField.EMAIL)),
                denied("vendor support cannot change a staff member's email", "policy.vendorAdminOnly",
                        () -> POLICY.changeIdentity(VENDOR_SUPPORT, A_USER.userId(), List.of(A_USER), true, IdentityField.EMAIL)),
                denied("manager cannot set another person's password", "policy.identity.passwordOwnerOnly",
                        () -> POLICY.changeIdentity(MANAGER, A_USER.userId(), List.of(A_USER), false, IdentityField.PASSWORD)),
                denied("vendor support cannot set another person's password", "policy.identity.passwordOwnerOnly",
                        () -> POLICY.changeIdentity(VENDOR_SUPPORT, A_USER.userId(), List.of(A_USER), false, IdentityField.PASSWORD)),
                denied("manager cannot change another person's login", "policy.identity.loginVendorAdminOnly",
                        () -> POLICY.changeIdentity(MANAGER, A_USER.userId(), List.of(A_USER), false, IdentityField.LOGIN)),
                denied("a person cannot set their own login apart from their email", "policy.identity.loginVendorAdminOnly",
                        () -> POLICY.changeIdentity(PLAIN_USER, PLAIN_USER.userId(), List.of(self(PLAIN_USER, ORG, false)), false,
                                IdentityField.LOGIN)),
                denied("plain user cannot change another member's email", "policy.userManagementRequired",
                        () -> POLICY.changeIdentity(PLAIN_USER, A_USER.userId(), List.of(A_USER), false, IdentityField.EMAIL)),
                denied("manager of another organization cannot change this organization's member's email", "policy.notAMember",
                        () -> POLICY.changeIdentity(OTHER_MANAGER, A_USER.userId(), List.of(A_USER), false, IdentityField.EMAIL)),
                allowed("the vendor admin's email change applies without waiting for the new address",
                        () -> confirmation(!POLICY.confirmsNewAddress(VENDOR_ADMIN))),
                allowed("everyone else's email change waits for the new address to confirm it",
                        () -> confirmation(POLICY.confirmsNewAddress(VENDOR_SUPPORT) && POLICY.confirmsNewAddress(MANAGER)
                                && POLICY.confirmsNewAddress(PLAIN_USER))));
    }

    private static Decision confirmation(boolean asSpecified) {
        return asSpecified ? Decision.allow() : Decision.deny("not as specified");
    }

    // ---- Nobody disables or blocks themselves.

    private static List<Row> notYourselfRules() {
        return List.of(
                allowed("manager unblocks their own membership",
                        () -> POLICY.blockMember(MANAGER, self(MANAGER, ORG, false), false)),
                allowed("manager re-enables an account other than their own",
                        () -> POLICY.disableAccount(MANAGER, A_USER.userId(), List.of(A_USER), false)),
                denied("manager cannot block themselves", "policy.notYourself",
                        () -> POLICY.blockMember(MANAGER, self(MANAGER, ORG, false), true)),
                denied("vendor support cannot block their own membership", "policy.notYourself",
                        () -> POLICY.blockMember(SUPPORT_AND_MEMBER, self(SUPPORT_AND_MEMBER, ORG, false), true)),
                denied("manager cannot disable their own account", "policy.notYourself",
                        () -> POLICY.disableAccount(MANAGER, MANAGER.userId(), List.of(self(MANAGER, ORG, false)), true)),
                denied("vendor admin cannot disable their own account", "policy.notYourself",
                        () -> POLICY.disableAccount(VENDOR_ADMIN, VENDOR_ADMIN.userId(), List.of(), true)),
                denied("vendor admin cannot delete their own account", "policy.notYourself",
                        () -> POLICY.deleteAccount(VENDOR_ADMIN, VENDOR_ADMIN.userId(), List.of())));
    }

    // ---- The vendor's staff and catalogue are the vendor admin's; the last vendor admin stays one.

    private static List<Row> staffAndCatalogueRules() {
        UserId colleague = UserId.random();
        return List.of(
                allowed("vendor admin lists and appoints staff",
                        () -> POLICY.manageStaff(VENDOR_ADMIN)),
                denied("vendor support cannot appoint staff", "policy.vendorAdminOnly",
                        () -> POLICY.manageStaff(VENDOR_SUPPORT)),
                denied("a Manager cannot appoint staff", "policy.vendorAdminOnly",
                        () -> POLICY.manageStaff(MANAGER)),
                allowed("vendor admin makes another vendor admin vendor support",
                        () -> POLICY.changeStaffRole(VENDOR_ADMIN, colleague, StaffRole.VENDOR_SUPPORT, false)),
                allowed("vendor admin makes vendor support a vendor admin",
                        () -> POLICY.changeStaffRole(VENDOR_ADMIN, colleague, StaffRole.VENDOR_ADMIN, false)),
                denied("vendor support cannot change a staff role", "policy.vendorAdminOnly",
                        () -> POLICY.changeStaffRole(VENDOR_SUPPORT, colleague, StaffRole.VENDOR_ADMIN, false)),
                denied("vendor admin cannot change their own staff role", "policy.notYourself",
                        () -> POLICY.changeStaffRole(VENDOR_ADMIN, VENDOR_ADMIN.userId(), StaffRole.VENDOR_SUPPORT, false)),
                denied("the last vendor admin cannot be made vendor support", "policy.lastVendorAdmin",
                        () -> POLICY.changeStaffRole(VENDOR_ADMIN, colleague, StaffRole.VENDOR_SUPPORT, true)),
                denied("the last vendor admin cannot make themselves vendor support", "policy.lastVendorAdmin",
                        () -> POLICY.changeStaffRole(VENDOR_ADMIN, VENDOR_ADMIN.userId(), StaffRole.VENDOR_SUPPORT, true)),
                allowed("vendor admin removes vendor support from the staff",
                        () -> POLICY.removeStaff(VENDOR_ADMIN, colleague, false)),
                denied("vendor support cannot remove staff", "policy.vendorAdminOnly",
                        () -> POLICY.removeStaff(VENDOR_SUPPORT, colleague, false)),
                denied("vendor admin cannot remove themselves from the staff", "policy.notYourself",
                        () -> POLICY.removeStaff(VENDOR_ADMIN, VENDOR_ADMIN.userId(), false)),
                denied("the last vendor admin cannot be removed from the staff", "policy.lastVendorAdmin",
                        () -> POLICY.removeStaff(VENDOR_ADMIN, VENDOR_ADMIN.userId(), true)),
                allowed("vendor admin marks a right as always needing approval",
                        () -> POLICY.editCatalog(VENDOR_ADMIN)),
                denied("vendor support cannot change the catalogue", "policy.vendorAdminOnly",
                        () -> POLICY.editCatalog(VENDOR_SUPPORT)),
                denied("a Manager cannot change the catalogue", "policy.vendorAdminOnly",
                        () -> POLICY.editCatalog(MANAGER)),
                allowed("vendor admin registers an application's sign-in client and rotates its secret",
                        () -> POLICY.manageSignOnClients(VENDOR_ADMIN)),
                denied("vendor support cannot see or change sign-in clients", "policy.vendorAdminOnly",
                        () -> POLICY.manageSignOnClients(VENDOR_SUPPORT)),
                denied("a Manager cannot register a sign-in client", "policy.vendorAdminOnly",
                        () -> POLICY.manageSignOnClients(MANAGER)),
                allowed("vendor admin edits the welcome page's support links", () -> POLICY.editWelcomePage(VENDOR_ADMIN)),
                denied("vendor support does not edit the welcome page's links", "policy.vendorAdminOnly",
                        () -> POLICY.editWelcomePage(VENDOR_SUPPORT)),
                denied("a Manager does not edit the welcome page's links", "policy.vendorAdminOnly",
                        () -> POLICY.editWelcomePage(MANAGER)),
                allowed("vendor admin registers an application's webhook and reads or retries its deliveries",
                        () -> POLICY.manageWebhooks(VENDOR_ADMIN)),
                denied("vendor support cannot see or retry an application's webhook deliveries", "policy.vendorAdminOnly",
                        () -> POLICY.manageWebhooks(VENDOR_SUPPORT)),
                denied("a Manager cannot see the webhook deliveries, which name people of every organization", "policy.vendorAdminOnly",
                        () -> POLICY.manageWebhooks(MANAGER)),
                allowed("vendor admin defines products, publishes releases and uploads their files",
                        () -> POLICY.manageProducts(VENDOR_ADMIN)),
                denied("vendor support cannot change products or releases", "policy.vendorAdminOnly",
                        () -> POLICY.manageProducts(VENDOR_SUPPORT)),
                denied("a Manager cannot change products or releases", "policy.vendorAdminOnly",
                        () -> POLICY.manageProducts(MANAGER)),
                allowed("vendor support reads every product and release, withdrawn ones included",
                        () -> POLICY.viewProducts(VENDOR_SUPPORT)),
                denied("a Manager does not read the vendor's product administration", "policy.vendorStaffOnly",
                        () -> POLICY.viewProducts(MANAGER)),
                allowed("vendor support downloads any release file",
                        () -> POLICY.downloadReleaseFileAsVendor(VENDOR_SUPPORT)),
                allowed("a vendor admin downloads any release file",
                        () -> POLICY.downloadReleaseFileAsVendor(VENDOR_ADMIN)),
                denied("a member downloads release files only as their organization's licences allow", "policy.vendorStaffOnly",
                        () -> POLICY.downloadReleaseFileAsVendor(PLAIN_USER)),
                allowed("vendor support decides a request an organization admin raised",
                        () -> POLICY.decideRequest(VENDOR_SUPPORT, MANAGER.userId())),
                allowed("a vendor admin decides a request whose requester has gone",
                        () -> POLICY.decideRequest(VENDOR_ADMIN, null)),
                denied("nobody decides a request they raised themselves", "policy.notOwnRequest",
                        () -> POLICY.decideRequest(VENDOR_SUPPORT, VENDOR_SUPPORT.userId())),
                denied("an organization Manager cannot approve requests", "policy.vendorStaffOnly",
                        () -> POLICY.decideRequest(MANAGER, PLAIN_USER.userId())));
    }

    /**
     * A request asks only for what its requester could do themselves if the organization were
     * self-managed and no right needed approval; approving re-checks the requester as they are
     * today. Nobody raises their own access, directly or through a request.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("requestRules")
    void requestsAnswerAsTheSpecSays(Row row) {
        answersAsTheSpecSays(row);
    }

    static Stream<Row> requestRules() {
        CatalogRight showcase = right(SHOWCASE_ADMINISTRATOR);
        CatalogRight approved = new CatalogRight(java.util.UUID.randomUUID(), "Approved right", "Showcase 360", false, true);
        MemberFacts userManagerSelf = self(USER_MANAGER, ORG, false);
        Actor managerWithLicenses = member(ORG, Role.MANAGER, LICENSES);
        Actor showcaseHolderWithoutUserManagement = member(ORG, Role.USER, SHOWCASE_ADMINISTRATOR);
        Actor vendorAdminAndMember = person("Vendor admin and member").staff(StaffRole.VENDOR_ADMIN).in(ORG, Role.USER).build();
        return Stream.of(
                // vendor-managed: what the requester could do directly, and nothing more
                allowed("user manager requests a right they hold for a user of a vendor-managed organization",
                        () -> POLICY.requestChange(USER_MANAGER_WITH_SHOWCASE, true, change(A_USER, null, List.of(showcase)))),
                allowed("user manager requests a new User with a right they hold",
                        () -> POLICY.requestChange(USER_MANAGER_WITH_SHOWCASE, true,
                                new RequestedChange.NewMember(ORG, Role.USER, List.of(showcase), Set.of()))),
                allowed("manager requests a user's deactivation",
                        () -> POLICY.requestChange(MANAGER, true, new RequestedChange.Deactivation(A_USER))),
                denied("user manager cannot request the Manager role for themselves", "policy.noSelfEscalation",
                        () -> POLICY.requestChange(USER_MANAGER, true, change(userManagerSelf, Role.MANAGER, List.of()))),
                denied("user manager cannot request a right they do not hold", "policy.rightNotHeld",
                        () -> POLICY.requestChange(USER_MANAGER, true, change(A_USER, null, List.of(showcase)))),
                denied("user manager cannot request a right they do not hold for themselves", "policy.noSelfEscalation",
                        () -> POLICY.requestChange(USER_MANAGER, true, change(userManagerSelf, null, List.of(showcase)))),
                denied("user manager cannot request the Manager's deactivation", "policy.managerOnly",
                        () -> POLICY.requestChange(USER_MANAGER, true, new RequestedChange.Deactivation(ANOTHER_MANAGER))),
                denied("user manager cannot request a new Manager", "policy.roleAboveOwn",
                        () -> POLICY.requestChange(USER_MANAGER, true, new RequestedChange.NewMember(ORG, Role.MANAGER, List.of(), Set.of()))),
                denied("user manager cannot request a change to a member who outranks them", "policy.memberOutranksYou",
                        () -> POLICY.requestChange(USER_MANAGER, true, change(A_CONTRIBUTOR, Role.USER, List.of()))),
                denied("user manager cannot request a site they do not reach", "policy.siteNotHeld",
                        () -> POLICY.requestChange(USER_MANAGER, true,
                                new RequestedChange.AccessChange(A_USER, null, List.of(), Set.of(SITE_B)))),
                denied("manager cannot request the last Manager's deactivation", "policy.lastManager",
                        () -> POLICY.requestChange(MANAGER, true, new RequestedChange.Deactivation(LAST_MANAGER))),
                denied("manager cannot request their own deactivation", "policy.notYourself",
                        () -> POLICY.requestChange(MANAGER, true, new RequestedChange.Deactivation(self(MANAGER, ORG, false)))),
                denied("plain user cannot request anything", "policy.userManagementRequired",
                        () -> POLICY.requestChange(PLAIN_USER, true, new RequestedChange.NewMember(ORG, Role.USER, List.of(), Set.of()))),
                // self-managed: a right that always needs approval makes a request, never a permission
                allowed("manager requests an always-needs-approval right in a self-managed organization",
                        () -> POLICY.requestChange(MANAGER, false, change(A_USER, null, List.of(approved)))),
                denied("an always-needs-approval right does not turn a role above one's own into a request", "policy.roleAboveOwn",
                        () -> POLICY.requestChange(USER_MANAGER, false, change(A_USER, Role.MANAGER, List.of(approved)))),
                denied("an always-needs-approval right one does not hold is not requestable", "policy.rightNotHeld",
                        () -> POLICY.requestChange(USER_MANAGER, false, change(A_USER, null, List.of(approved)))),
                denied("an always-needs-approval right does not turn a new Manager into a request", "policy.roleAboveOwn",
                        () -> POLICY.requestChange(USER_MANAGER, false,
                                new RequestedChange.NewMember(ORG, Role.MANAGER, List.of(approved), Set.of()))),
                denied("a change that needs no approval is made directly, not requested", "policy.noApprovalNeeded",
                        () -> POLICY.requestChange(MANAGER, false, change(A_USER, null, List.of(right(LICENSES))))),
                denied("vendor staff act directly and never request", "policy.noApprovalNeeded",
                        () -> POLICY.requestChange(VENDOR_SUPPORT, true, change(A_USER, null, List.of(approved)))),
                // approving: the requester as they are today
                allowed("a request applies while its requester could still make the change",
                        () -> POLICY.applyRequest(USER_MANAGER_WITH_SHOWCASE, change(A_USER, null, List.of(showcase)))),
                allowed("a Manager's always-needs-approval request applies while they are still Manager",
                        () -> POLICY.applyRequest(MANAGER, change(A_USER, null, List.of(approved)))),
                denied("a request does not apply once its requester lost User Management", "policy.userManagementRequired",
                        () -> POLICY.applyRequest(showcaseHolderWithoutUserManagement, change(A_USER, null, List.of(showcase)))),
                denied("a request does not apply once its requester lost the right they asked to grant", "policy.rightNotHeld",
                        () -> POLICY.applyRequest(USER_MANAGER, change(A_USER, null, List.of(showcase)))),
                denied("a request does not apply once its requester left the organization", "policy.notAMember",
                        () -> POLICY.applyRequest(OTHER_MANAGER, change(A_USER, null, List.of(showcase)))),
                denied("a request does not apply once its requester is blocked there", "policy.membershipBlocked",
                        () -> POLICY.applyRequest(BLOCKED_MANAGER, change(A_USER, Role.OPERATOR, List.of()))),
                denied("a request does not apply once the requester's account is gone or disabled", "policy.requesterGone",
                        () -> POLICY.applyRequest(null, change(A_USER, null, List.of(showcase)))),
                denied("a request does not apply once the person outranks its requester", "policy.memberOutranksYou",
                        () -> POLICY.applyRequest(USER_MANAGER, change(A_CONTRIBUTOR, null, List.of(right(LICENSES))))),
                denied("a deactivation does not apply to the last Manager", "policy.lastManager",
                        () -> POLICY.applyRequest(MANAGER, new RequestedChange.Deactivation(LAST_MANAGER))),
                denied("a requester who joined the vendor's staff since cannot approve their own request", "policy.notOwnRequest",
                        () -> POLICY.decideRequest(SUPPORT_AND_MEMBER, SUPPORT_AND_MEMBER.userId())),
                // nobody raises their own access, directly either
                denied("manager cannot grant themselves a right", "policy.noSelfEscalation",
                        () -> POLICY.changeMember(MANAGER, self(MANAGER, ORG, false), null, List.of(showcase), Set.of())),
                allowed("manager gives up a right of their own",
                        () -> POLICY.changeMember(managerWithLicenses, self(managerWithLicenses, ORG, false), null,
                                List.of(right(LICENSES)), Set.of())),
                allowed("manager steps down to Contributor at named sites",
                        () -> POLICY.changeMember(MANAGER, self(MANAGER, ORG, false), Role.CONTRIBUTOR, List.of(), Set.of(SITE_A))),
                denied("user manager cannot add a site to their own membership", "policy.noSelfEscalation",
                        () -> POLICY.changeMember(USER_MANAGER, userManagerSelf, null, List.of(), Set.of(SITE_B))),
                denied("a vendor admin who is also a member does not raise their own role there", "policy.noSelfEscalation",
                        () -> POLICY.changeMember(vendorAdminAndMember, self(vendorAdminAndMember, ORG, false), Role.MANAGER,
                                List.of(), Set.of())));
    }

    // ---- Catalogue selection: every member reads it, Managers ask, vendor staff add directly, the vendor admin defines.

    private static List<Row> catalogueSelectionRules() {
        return List.of(
                allowed("a plain user reads their organization's catalogue selection",
                        () -> POLICY.seeCatalogues(PLAIN_USER, ORG)),
                allowed("vendor support reads any organization's catalogue selection",
                        () -> POLICY.seeCatalogues(VENDOR_SUPPORT, OTHER_ORG)),
                denied("a Manager of another organization cannot read this one's catalogues", "policy.notAMember",
                        () -> POLICY.seeCatalogues(OTHER_MANAGER, ORG)),
                denied("a blocked member cannot read the catalogue selection", "policy.membershipBlocked",
                        () -> POLICY.seeCatalogues(BLOCKED_MANAGER, ORG)),
                allowed("a Manager requests a catalogue",
                        () -> POLICY.requestCatalogue(MANAGER, ORG)),
                denied("a User Management holder cannot request a catalogue", "policy.managerOnly",
                        () -> POLICY.requestCatalogue(USER_MANAGER, ORG)),
                denied("a blocked Manager cannot request a catalogue", "policy.membershipBlocked",
                        () -> POLICY.requestCatalogue(BLOCKED_MANAGER, ORG)),
                denied("a Manager cannot request a catalogue for another organization", "policy.notAMember",
                        () -> POLICY.requestCatalogue(OTHER_MANAGER, ORG)),
                denied("vendor staff have nothing to request: they add catalogues directly", "policy.catalogue.staffAddDirectly",
                        () -> POLICY.requestCatalogue(SUPPORT_AND_MEMBER, ORG)),
                allowed("vendor support puts a catalogue on an account",
                        () -> POLICY.changeCatalogueAccount(VENDOR_SUPPORT)),
                denied("a Manager cannot put a catalogue on the account without a request", "policy.vendorStaffOnly",
                        () -> POLICY.changeCatalogueAccount(MANAGER)),
                allowed("a plain user downloads what the organization's licences entitle it to",
                        () -> POLICY.downloadProducts(PLAIN_USER, ORG)),
                allowed("vendor support downloads for any organization",
                        () -> POLICY.downloadProducts(VENDOR_SUPPORT, OTHER_ORG)),
                denied("a Manager of another organization downloads nothing of this one's", "policy.notAMember",
                        () -> POLICY.downloadProducts(OTHER_MANAGER, ORG)),
                denied("a blocked member downloads nothing", "policy.membershipBlocked",
                        () -> POLICY.downloadProducts(BLOCKED_MANAGER, ORG)),
                allowed("the vendor admin defines catalogues",
                        () -> POLICY.defineCatalogues(VENDOR_ADMIN)),
                denied("vendor support cannot define catalogues", "policy.vendorAdminOnly",
                        () -> POLICY.defineCatalogues(VENDOR_SUPPORT)));
    }

    private static RequestedChange change(MemberFacts target, Role role, List<CatalogRight> rightsChanged) {
        return new RequestedChange.AccessChange(target, role, rightsChanged, Set.of());
    }

    @org.junit.jupiter.api.Test
    void whoseChangesNeedTheVendorsApproval() {
        CatalogRight ordinary = right(LICENSES);
        CatalogRight approved = new CatalogRight(ordinary.id(), "Approved right", "Showcase 360", false, true);
        org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
        softly.assertThat(POLICY.needsApproval(MANAGER, true, List.of())).as("any change in a vendor-managed organization").isTrue();
        softly.assertThat(POLICY.needsApproval(USER_MANAGER, true, List.of(ordinary))).as("a User Management holder there too").isTrue();
        softly.assertThat(POLICY.needsApproval(MANAGER, false, List.of(ordinary))).as("an ordinary right, self-managed").isFalse();
        softly.assertThat(POLICY.needsApproval(MANAGER, false, List.of(ordinary, approved))).as("a right the vendor approves").isTrue();
        softly.assertThat(POLICY.needsApproval(VENDOR_SUPPORT, true, List.of(approved))).as("vendor staff act directly").isFalse();
        softly.assertThat(POLICY.needsApproval(VENDOR_ADMIN, true, List.of(approved))).as("vendor admin acts directly").isFalse();
        softly.assertAll();
    }

    private static Row allowed(String name, Supplier<Decision> question) {
        return new Row(name, question, Decision.allow());
    }

    private static Row denied(String name, String reason, Supplier<Decision> question) {
        return new Row(name, question, Decision.deny(reason));
    }

    // ---- Licences: the organization's Managers and holders of "Licenses" see them; the vendor admin issues them.

    private static final Actor LICENSES_HOLDER = member(ORG, Role.USER, LICENSES);
    private static final Actor BLOCKED_LICENSES_HOLDER = person("Blocked licences").blockedIn(ORG, Role.USER, LICENSES).build();

    private static List<Row> licenceRules() {
        return List.of(
                allowed("a Manager sees the organization's licences", () -> POLICY.viewLicences(MANAGER, ORG)),
                allowed("a member holding Licenses sees the organization's licences", () -> POLICY.viewLicences(LICENSES_HOLDER, ORG)),
                allowed("vendor support sees any organization's licences", () -> POLICY.viewLicences(VENDOR_SUPPORT, ORG)),
                denied("a User Management holder without Licenses does not see licences", "policy.licensesRequired",
                        () -> POLICY.viewLicences(USER_MANAGER, ORG)),
                denied("a plain user does not see licences", "policy.licensesRequired", () -> POLICY.viewLicences(PLAIN_USER, ORG)),
                denied("another organization's Manager does not see its licences", "policy.notAMember",
                        () -> POLICY.viewLicences(OTHER_MANAGER, ORG)),
                denied("a blocked holder of Licenses sees nothing", "policy.membershipBlocked",
                        () -> POLICY.viewLicences(BLOCKED_LICENSES_HOLDER, ORG)),
                allowed("a Manager reads the secret licence key", () -> POLICY.readLicenceKey(MANAGER, ORG)),
                allowed("the vendor admin reads the secret licence key", () -> POLICY.readLicenceKey(VENDOR_ADMIN, ORG)),
                denied("a holder of Licenses who is no Manager does not read the key", "policy.managerOnly",
                        () -> POLICY.readLicenceKey(LICENSES_HOLDER, ORG)),
                denied("vendor support does not read licence keys", "policy.managerOnly",
                        () -> POLICY.readLicenceKey(VENDOR_SUPPORT, ORG)),
                allowed("a Manager issues a new licence key", () -> POLICY.regenerateLicenceKey(MANAGER, ORG)),
                allowed("the vendor admin issues a new licence key", () -> POLICY.regenerateLicenceKey(VENDOR_ADMIN, ORG)),
                denied("a holder of Licenses who is no Manager does not issue a new key", "policy.managerOnly",
                        () -> POLICY.regenerateLicenceKey(LICENSES_HOLDER, ORG)),
                denied("vendor support does not issue licence keys", "policy.managerOnly",
                        () -> POLICY.regenerateLicenceKey(VENDOR_SUPPORT, ORG)),
                denied("another organization's Manager does not issue its keys", "policy.managerOnly",
                        () -> POLICY.regenerateLicenceKey(OTHER_MANAGER, ORG)),
                denied("a blocked Manager does not issue a new key", "policy.managerOnly",
                        () -> POLICY.regenerateLicenceKey(BLOCKED_MANAGER, ORG)),
                allowed("the vendor admin issues and changes licences", () -> POLICY.manageLicences(VENDOR_ADMIN)),
                denied("vendor support does not issue licences", "policy.vendorAdminOnly", () -> POLICY.manageLicences(VENDOR_SUPPORT)),
                denied("a Manager does not change their own licences", "policy.vendorAdminOnly", () -> POLICY.manageLicences(MANAGER)),
                allowed("a holder of Licenses deactivates a machine", () -> POLICY.deactivateMachine(LICENSES_HOLDER, ORG)),
                denied("a plain user does not deactivate machines", "policy.licensesRequired",
                        () -> POLICY.deactivateMachine(PLAIN_USER, ORG)),
                allowed("a Manager asks for more seats", () -> POLICY.requestSeats(MANAGER, ORG)),
                allowed("a holder of Licenses asks for more seats", () -> POLICY.requestSeats(LICENSES_HOLDER, ORG)),
                denied("vendor staff change seats rather than ask for them", "policy.licence.vendorChangesSeats",
                        () -> POLICY.requestSeats(VENDOR_ADMIN, ORG)),
                denied("a User Management holder without Licenses does not ask for seats", "policy.licensesRequired",
                        () -> POLICY.requestSeats(USER_MANAGER, ORG)));
    }
}
