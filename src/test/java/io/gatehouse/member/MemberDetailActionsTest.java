package io.gatehouse.member;

import static io.gatehouse.member.MemberDetailHtml.checkbox;
import static io.gatehouse.member.MemberDetailHtml.checked;
import static io.gatehouse.member.MemberDetailHtml.disabled;
import static io.gatehouse.member.MemberDetailHtml.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Actor;
import io.gatehouse.access.MembershipStatus;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.DateFormat;
import io.gatehouse.user.Language;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Every action of the page: what it changes, the message it leaves, and the reasons it is refused. */
@IntegrationTest
class MemberDetailActionsTest {

    private static final String LAST_MANAGER =
            "The organization’s last active Manager cannot be removed, blocked, disabled or given another role.";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    Memberships memberships;

    private static String url(TestMember person) {
        return "/organizations/" + person.organizationId() + "/users/" + person.id();
    }

    private ResultActions send(TestMember actor, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(actor.id())).with(csrf()));
    }

    private ResultActions sendAs(String actorId, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(actorId)).with(csrf()));
    }

    private static String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString();
    }

    private Set<String> rights(TestMember person) {
        return memberships.get(person.organizationId(), person.userId()).rights();
    }

    private String name(TestMember person) {
        AccountView account = accounts.find(person.userId());
        return account.firstName() + " " + account.lastName();
    }

    private String adminId() {
        return data.admin().userId().toString();
    }

    // ---- Properties & Preferences

    @Test
    void editShowsTheFilledFormAndSaveChangesPropertiesAndPreferences() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        String form = body(send(manager, get(url(person)).param("tab", "properties").param("edit", "")).andExpect(status().isOk()));
        assertThat(tag(form, "input", "id=\"firstName\"")).contains("value=\"Test\"");
        assertThat(form).contains("<label for=\"language\">Language</label>", "<label for=\"dateFormat\">Date format</label>");

        String newEmail = TestData.unique("renamed").toLowerCase() + "@example.test";
        send(manager, post(url(person) + "/properties").param("firstName", "Zoé").param("lastName", "Durand")
                .param("email", newEmail).param("position", "Kitchen designer").param("language", "fr").param("dateFormat", "yyyy-MM-dd"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(url(person) + "?tab=properties"))
                .andExpect(flash().attribute("flash", "A confirmation link was sent to " + newEmail
                        + "; the address changes once it is confirmed. The other changes are saved."));

        AccountView after = accounts.find(person.userId());
        assertThat(after.firstName()).isEqualTo("Zoé");
        assertThat(after.lastName()).isEqualTo("Durand");
        assertThat(after.email()).as("until the new address confirms it").isEqualTo(person.email());
        assertThat(after.position()).isEqualTo("Kitchen designer");
        assertThat(after.language()).isEqualTo(Language.FR);
        assertThat(after.dateFormat()).isEqualTo(DateFormat.ISO);
        assertThat(data.auditEntries(org, "user.updated")).isEqualTo(1);
    }

    @Test
    void invalidPropertiesAreShownNextToTheirFieldsAndNothingChanges() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);
        AccountView before = accounts.find(person.userId());

        String html = body(send(manager, post(url(person) + "/properties").param("firstName", " ").param("lastName", "Durand")
                .param("email", "not-an-address").param("position", "").param("language", "fr").param("dateFormat", "dd/MM/yyyy"))
                .andExpect(status().isUnprocessableContent()));

        assertThat(tag(html, "input", "id=\"firstName\"")).contains("aria-invalid=\"true\"", "aria-describedby=\"firstName-error\"");
        assertThat(tag(html, "input", "id=\"email\"")).contains("aria-invalid=\"true\"", "value=\"not-an-address\"");
        assertThat(tag(html, "input", "id=\"lastName\"")).doesNotContain("aria-invalid");
        assertThat(html).contains("<p id=\"firstName-error\" class=\"field-error\">This field is required.</p>");
        assertThat(html).contains("Enter a valid email address.");
        assertThat(accounts.find(person.userId())).isEqualTo(before);
    }

    @Test
    void anEmailAnotherAccountUsesIsRefusedNextToTheEmailField() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        String html = body(send(manager, post(url(person) + "/properties").param("firstName", "Test").param("lastName", "Person")
                .param("email", manager.email()).param("position", "").param("language", "en").param("dateFormat", "dd/MM/yyyy"))
                .andExpect(status().isConflict()));

        assertThat(tag(html, "input", "id=\"email\"")).contains("aria-invalid=\"true\"");
        assertThat(html).contains("<p id=\"email-error\" class=\"field-error\">Another account already uses this email address.</p>");
        assertThat(accounts.find(person.userId()).email()).isEqualTo(person.email());
    }

    @Test
    void anAccountThatAlsoBelongsToAnOrganizationTheAdminDoesNotAdministerShowsTheReasonAndStaysUnchanged() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);
        data.join(person, data.organizationId(), Role.USER);
        String reason = "This person also belongs to organizations you do not administer";

        String page = body(send(manager, get(url(person)).param("tab", "properties").param("edit", "")).andExpect(status().isOk()));
        assertThat(page).contains(reason).doesNotContain("id=\"firstName\"");

        String refused = body(send(manager, post(url(person) + "/properties").param("firstName", "Changed").param("lastName", "Name")
                .param("email", person.email()).param("position", "").param("language", "en").param("dateFormat", "dd/MM/yyyy"))
                .andExpect(status().isForbidden()));
        assertThat(refused).contains(reason);
        assertThat(accounts.find(person.userId()).firstName()).isEqualTo("Test");
    }

    // ---- Disabled

    @Test
    void tickingTheDisabledBoxDisablesTheAccountAndUntickingItEnablesItAgain() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        send(manager, post(url(person) + "/disabled").param("disabled", "true").param("confirmed", "true"))
                .andExpect(redirectedUrl(url(person) + "?tab=properties"))
                .andExpect(flash().attribute("flash", name(person) + " is disabled and can no longer sign in."));
        assertThat(accounts.find(person.userId()).disabled()).isTrue();
        assertThat(data.auditEntries(org, "user.disabled")).isEqualTo(1);

        String page = body(send(manager, get(url(person))));
        assertThat(checked(tag(page, "input", "id=\"disabled\""))).isTrue();
        assertThat(page).contains("class=\"badge status-DISABLED\">Disabled</span>");

        send(manager, post(url(person) + "/disabled"))
                .andExpect(flash().attribute("flash", name(person) + " is no longer disabled and can sign in again."));
        assertThat(accounts.find(person.userId()).disabled()).isFalse();
    }

    @Test
    void withHtmxTheDisabledBoxSavesItselfAndSaysSaved() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        String fragment = body(send(manager, post(url(person) + "/disabled").param("disabled", "true").param("confirmed", "true")
                .header("HX-Request", "true"))
                .andExpect(status().isOk()));

        assertThat(fragment.strip()).doesNotContain("<html").startsWith("<form id=\"disabled-form\"");
        assertThat(checked(tag(fragment, "input", "id=\"disabled\""))).isTrue();
        assertThat(tag(fragment, "span", "id=\"disabled-mark\"")).contains("class=\"save-mark saved\"");
        assertThat(fragment).contains(">Saved ✓</span>")
                .contains("<p id=\"disabled-status\" hx-swap-oob=\"innerHTML\">Disabled: saved.</p>");
        assertThat(tag(fragment, "p", "id=\"person-status\"")).contains("hx-swap-oob=\"true\"");
        assertThat(accounts.find(person.userId()).disabled()).isTrue();
    }

    @Test
    void aUserManagementHolderWhoIsNotAManagerCannotDisableAndSeesWhy() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember userManager = data.userManager(org);
        TestMember person = data.user(org);

        send(userManager, post(url(person) + "/disabled").param("disabled", "true"))
                .andExpect(flash().attribute("flashError", "Only a Manager of this organization can do this."));
        assertThat(accounts.find(person.userId()).disabled()).isFalse();
    }

    @Test
    void nobodyDisablesTheirOwnAccountHere() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        data.manager(org);

        String page = body(send(manager, get(url(manager))));
        assertThat(disabled(tag(page, "input", "id=\"disabled\""))).isTrue();
        assertThat(page).contains("You cannot do this to your own account.");

        send(manager, post(url(manager) + "/disabled").param("disabled", "true"))
                .andExpect(flash().attribute("flashError", "You cannot do this to your own account."));
        assertThat(accounts.find(manager.userId()).disabled()).isFalse();
    }

    // ---- Access rights

    @Test
    void saveSubmitsTheWholeSetOfAccessRights() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org, "Licenses");

        send(manager, post(url(person) + "/rights").param("rights", "Showcase 360 Administrator", "User Management"))
                .andExpect(redirectedUrl(url(person) + "?tab=properties"))
                .andExpect(flash().attribute("flash", "Access rights saved."));

        assertThat(rights(person)).containsExactlyInAnyOrder("Showcase 360 Administrator", "User Management");
        assertThat(data.auditEntries(org, "member.changed")).isEqualTo(1);
    }

    @Test
    void withHtmxOneBoxSavesItselfOnlyThatRightChangesAndTheRightsReRenderWithSaved() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org, "Licenses");

        // The page was open before someone else gave Licenses: the form does not send it, yet it stays.
        String fragment = body(send(manager, post(url(person) + "/rights").param("changed", "Showcase 360 Administrator")
                .param("rights", "Showcase 360 Administrator").param("tab", "properties").header("HX-Request", "true"))
                .andExpect(status().isOk()));

        assertThat(rights(person)).containsExactlyInAnyOrder("Licenses", "Showcase 360 Administrator");
        assertThat(fragment.strip()).startsWith("<form id=\"rights-form\"").doesNotContain("<html");
        assertThat(checked(checkbox(fragment, "Showcase 360 Administrator"))).isTrue();
        assertThat(checked(checkbox(fragment, "Licenses"))).isTrue();
        assertThat(tag(fragment, "span", "class=\"save-mark saved\"")).contains("id=\"right-");
        assertThat(fragment).contains(">Saved ✓</span>")
                .contains("<p id=\"rights-status\" hx-swap-oob=\"innerHTML\">Showcase 360 Administrator: saved.</p>");

        send(manager, post(url(person) + "/rights").param("changed", "Licenses").param("rights", "Showcase 360 Administrator")
                .header("HX-Request", "true")).andExpect(status().isOk());
        assertThat(rights(person)).containsExactly("Showcase 360 Administrator");
    }

    @Test
    void externallyManagedRightsAreLockedNeverSentAndNeverChangedHere() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        data.grantExternally(person, "Contacts Viewer");

        // The locked boxes are not sent with the form, and what is held of them stays.
        send(manager, post(url(person) + "/rights").param("rights", "Licenses", "User Management"))
                .andExpect(flash().attribute("flash", "Access rights saved."));
        assertThat(rights(person)).containsExactlyInAnyOrder("Licenses", "User Management", "Contacts Viewer");

        // A forged one is refused with the policy's reason.
        String fragment = body(send(manager, post(url(person) + "/rights").param("changed", "Contacts Editor")
                .param("rights", "Licenses", "User Management", "Contacts Editor").header("HX-Request", "true")));
        assertThat(fragment).contains("This access right is managed elsewhere and can only be viewed here.");
        assertThat(fragment).contains("class=\"save-mark refused\"");
        assertThat(checked(checkbox(fragment, "Contacts Editor"))).isFalse();
        assertThat(rights(person)).doesNotContain("Contacts Editor");
    }

    @Test
    void aNonManagerCannotTickARightTheyDoNotHoldAndTheBoxGoesBack() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember userManager = data.userManager(org);
        TestMember person = data.user(org);

        String fragment = body(send(userManager, post(url(person) + "/rights").param("changed", "Licenses")
                .param("rights", "Licenses").header("HX-Request", "true")).andExpect(status().isOk()));
        // The reason shows beside the box that was ticked, and the box goes back.
        assertThat(fragment).containsPattern("<span id=\"right-[^\"]+-mark\" class=\"save-mark refused\">"
                + "You can only grant or remove access rights that you hold yourself.</span>");
        assertThat(checked(checkbox(fragment, "Licenses"))).isFalse();

        send(userManager, post(url(person) + "/rights").param("rights", "Licenses"))
                .andExpect(flash().attribute("flashError", "You can only grant or remove access rights that you hold yourself."));
        assertThat(rights(person)).isEmpty();

        // What they do hold, they may grant.
        send(userManager, post(url(person) + "/rights").param("rights", "User Management"))
                .andExpect(flash().attribute("flash", "Access rights saved."));
        assertThat(rights(person)).containsExactly("User Management");
    }

    // ---- Block user

    @Test
    void aManagerBlocksAMemberAndUnblocksThem() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        String done = send(manager, post(url(person) + "/block").param("confirmed", "true")).andExpect(redirectedUrl(url(person) + "?tab=properties"))
                .andReturn().getFlashMap().get("flash").toString();
        assertThat(done).startsWith(name(person) + " is blocked in ");
        assertThat(memberships.get(org, person.userId()).status()).isEqualTo(MembershipStatus.BLOCKED);
        assertThat(data.auditEntries(org, "member.blocked")).isEqualTo(1);

        String page = body(send(manager, get(url(person))));
        assertThat(page).contains(">Unblock user</button>").doesNotContain(">Block user</button>")
                .contains("Blocked in this organization");

        send(manager, post(url(person) + "/unblock")).andExpect(status().isFound());
        assertThat(memberships.get(org, person.userId()).status()).isEqualTo(MembershipStatus.ACTIVE);
    }

    @Test
    void aUserManagementHolderCannotBlockAndSeesWhy() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember userManager = data.userManager(org);
        TestMember person = data.user(org);

        send(userManager, post(url(person) + "/block"))
                .andExpect(flash().attribute("flashError", "Only a Manager of this organization can do this."));
        assertThat(memberships.get(org, person.userId()).status()).isEqualTo(MembershipStatus.ACTIVE);
    }

    @Test
    void aBlockedMemberCanDoNothingInThatOrganizationFromTheirNextRequest() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember blocked = data.userManager(org);
        send(blocked, get(url(manager))).andExpect(status().isOk());

        send(manager, post(url(blocked) + "/block").param("confirmed", "true")).andExpect(status().isFound());

        String refused = body(send(blocked, get(url(manager))).andExpect(status().isForbidden()));
        assertThat(refused).contains("Your access to this organization is blocked.");
        send(blocked, post(url(manager) + "/rights").param("rights", "User Management")).andExpect(status().isForbidden());
    }

    // ---- Remove from

    @Test
    void removeFromAsksWhichOrganizationsWithTheCurrentOnePreTicked() throws Exception {
        OrganizationId org = data.organizationId();
        OrganizationView other = data.organization();
        TestMember manager = data.manager(org);
        data.join(manager, OrganizationId.parse(other.id()), Role.MANAGER);
        TestMember person = data.user(org);
        data.join(person, OrganizationId.parse(other.id()), Role.USER);

        String html = body(send(manager, get(url(person) + "/remove")).andExpect(status().isOk()));

        assertThat(html).contains("<h1>Remove from</h1>");
        assertThat(checked(checkbox(html, org.toString()))).isTrue();
        assertThat(checked(checkbox(html, other.id()))).isFalse();
        assertThat(html).contains(">Remove</button>");
    }

    @Test
    void removeFromRemovesEachTickedOrganizationKeepsTheAccountAndGoesBackToTheList() throws Exception {
        OrganizationId org = data.organizationId();
        OrganizationView other = data.organization();
        OrganizationId otherId = OrganizationId.parse(other.id());
        TestMember manager = data.manager(org);
        data.join(manager, otherId, Role.MANAGER);
        TestMember person = data.user(org);
        data.join(person, otherId, Role.USER);

        String message = send(manager, post(url(person) + "/remove").param("organizations", org.toString(), other.id())
                        .param("confirmed", "true"))
                .andExpect(redirectedUrl("/organizations/" + org + "/users"))
                .andReturn().getFlashMap().get("flash").toString();

        assertThat(message).startsWith(name(person) + " was removed from ").contains(other.name()).endsWith("The account stays.");
        assertThat(memberships.find(org, person.userId())).isEmpty();
        assertThat(memberships.find(otherId, person.userId())).isEmpty();
        assertThat(accounts.find(person.userId()).email()).isEqualTo(person.email());
        assertThat(data.auditEntries(org, "member.removed")).isEqualTo(1);
    }

    @Test
    void removingNothingAsksToChooseAnOrganization() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        String html = body(send(manager, post(url(person) + "/remove")).andExpect(status().isUnprocessableContent()));

        assertThat(html).contains("Choose at least one organization.");
        assertThat(memberships.find(org, person.userId())).isPresent();
    }

    @Test
    void theLastManagerCannotBeRemovedAndThePageSaysWhichOrganizationRefused() throws Exception {
        OrganizationId org = data.organizationId();
        OrganizationView leaning = data.organization();
        OrganizationId leaningId = OrganizationId.parse(leaning.id());
        TestMember person = data.user(org);
        data.join(person, leaningId, Role.MANAGER);
        String reason = "last active Manager cannot be removed, blocked, disabled or given another role.";

        String form = body(sendAs(adminId(), get(url(person) + "/remove")).andExpect(status().isOk()));
        assertThat(disabled(checkbox(form, leaning.id()))).isTrue();
        assertThat(form).contains(reason);

        // Sent anyway: one organization goes, the other refuses, and the page says so.
        String html = body(sendAs(adminId(), post(url(person) + "/remove").param("organizations", org.toString(), leaning.id())
                        .param("confirmed", "true"))
                .andExpect(status().isOk()));
        assertThat(html).contains("Not removed from " + leaning.name() + ": The organization’s " + reason);
        assertThat(html).contains(" was removed from ");
        assertThat(memberships.find(org, person.userId())).isEmpty();
        assertThat(memberships.find(leaningId, person.userId())).isPresent();
    }

    // ---- Organizations & Roles

    @Test
    void addJoinsTheExistingAccountToAnotherOrganizationTheActorManagesWithARole() throws Exception {
        OrganizationId org = data.organizationId();
        OrganizationView other = data.organization();
        OrganizationId otherId = OrganizationId.parse(other.id());
        TestMember manager = data.manager(org);
        data.join(manager, otherId, Role.MANAGER);
        TestMember person = data.user(org);

        send(manager, post(url(person) + "/memberships").param("organizationId", other.id()).param("role", "CONTRIBUTOR"))
                .andExpect(redirectedUrl(url(person) + "?tab=organizations"))
                .andExpect(flash().attribute("flash", name(person) + " was added to " + other.name() + " as Contributor."));

        assertThat(memberships.get(otherId, person.userId()).role()).isEqualTo(Role.CONTRIBUTOR);
        assertThat(accounts.findByEmail(person.email()).orElseThrow().id()).isEqualTo(person.userId());
        String page = body(send(manager, get(url(person)).param("tab", "organizations")));
        assertThat(page).contains(other.name());
    }

    @Test
    void addingARoleAboveTheActorsOwnIsRefusedWithTheReason() throws Exception {
        OrganizationId org = data.organizationId();
        OrganizationView other = data.organization();
        OrganizationId otherId = OrganizationId.parse(other.id());
        TestMember userManager = data.userManager(org);
        data.join(userManager, otherId, Role.USER, "User Management");
        TestMember person = data.user(org);

        send(userManager, post(url(person) + "/memberships").param("organizationId", other.id()).param("role", "MANAGER"))
                .andExpect(flash().attribute("flashError", "You cannot give a role above your own."));
        assertThat(memberships.find(otherId, person.userId())).isEmpty();
    }

    @Test
    void aRoleCanBeChangedWithTheSelectAndSave() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        send(manager, post(url(person) + "/memberships/" + org + "/role").param("role", "CONTRIBUTOR"))
                .andExpect(redirectedUrl(url(person) + "?tab=organizations"))
                .andExpect(flash().attributeExists("flash"));

        assertThat(memberships.get(org, person.userId()).role()).isEqualTo(Role.CONTRIBUTOR);
    }

    @Test
    void theLastManagerKeepsTheirRoleAndThePageSaysWhy() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember only = data.manager(org);

        sendAs(adminId(), post(url(only) + "/memberships/" + org + "/role").param("role", "USER"))
                .andExpect(flash().attribute("flashError", LAST_MANAGER));
        assertThat(memberships.get(org, only.userId()).role()).isEqualTo(Role.MANAGER);
    }

    @Test
    void sitesOfANonManagerRoleAreSavedFromTheirBoxes() throws Exception {
        OrganizationId org = data.organizationId();
        SiteView north = data.site(org);
        SiteView south = data.site(org);
        TestMember manager = data.manager(org);
        TestMember person = data.member(org, Role.OPERATOR, List.of(north.id()));

        send(manager, post(url(person) + "/memberships/" + org + "/sites").param("sites", south.id()))
                .andExpect(flash().attributeExists("flash"));

        assertThat(memberships.get(org, person.userId()).sites()).containsExactly(south.siteId());
    }

    @Test
    void theTrashIconRemovesThatMembershipAfterAConfirmAndTheAccountStays() throws Exception {
        OrganizationId org = data.organizationId();
        OrganizationView other = data.organization();
        OrganizationId otherId = OrganizationId.parse(other.id());
        TestMember manager = data.manager(org);
        data.join(manager, otherId, Role.MANAGER);
        TestMember person = data.user(org);
        data.join(person, otherId, Role.USER);

        String page = body(send(manager, get(url(person)).param("tab", "organizations")));
        String trash = tag(page, "form", "/memberships/" + other.id() + "/remove\"");
        assertThat(trash).contains("data-confirm=\"Remove " + name(person) + " from " + other.name()
                + "? The account stays; a pending invitation there is revoked.\"");
        assertThat(page).contains("aria-label=\"Remove role\"");

        send(manager, post(url(person) + "/memberships/" + other.id() + "/remove").param("confirmed", "true"))
                .andExpect(redirectedUrl(url(person) + "?tab=organizations"))
                .andExpect(flash().attribute("flash", name(person) + " was removed from " + other.name() + ". The account stays."));
        assertThat(memberships.find(otherId, person.userId())).isEmpty();
        assertThat(memberships.find(org, person.userId())).isPresent();

        // Removing them from the organization of the page leaves the page: back to the list.
        send(manager, post(url(person) + "/memberships/" + org + "/remove").param("confirmed", "true"))
                .andExpect(redirectedUrl("/organizations/" + org + "/users"));
        assertThat(accounts.find(person.userId()).email()).isEqualTo(person.email());
    }

    @Test
    void theTrashIconCannotRemoveTheLastManager() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember only = data.manager(org);

        String page = body(sendAs(adminId(), get(url(only)).param("tab", "organizations")));
        assertThat(page).doesNotContain("aria-label=\"Remove role\"")
                .contains("last active Manager cannot be removed");

        sendAs(adminId(), post(url(only) + "/memberships/" + org + "/remove"))
                .andExpect(flash().attribute("flashError", LAST_MANAGER));
        assertThat(memberships.find(org, only.userId())).isPresent();
    }

    @Test
    void takingAwayUserManagementClosesThePageToThatPersonOnTheirNextRequest() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember userManager = data.userManager(org);
        TestMember person = data.user(org);
        Actor before = data.actor(userManager.userId());
        assertThat(before.in(org)).isPresent();

        send(manager, post(url(userManager) + "/rights").param("rights", "Licenses")).andExpect(status().isFound());

        send(userManager, get(url(person))).andExpect(status().isForbidden());
    }
}
