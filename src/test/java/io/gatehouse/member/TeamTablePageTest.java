package io.gatehouse.member;

import static io.gatehouse.member.MemberDetailHtml.checkbox;
import static io.gatehouse.member.MemberDetailHtml.checked;
import static io.gatehouse.member.MemberDetailHtml.disabled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.MembershipStatus;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.access.StaffRole;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * User Management of a vendor-managed organization, for its admin: the reseller's team table, and
 * "Create new user", the rights of an application and "Deactivate" ending in "Send request" —
 * a ticket, and no change until the vendor approves it.
 */
@IntegrationTest
class TeamTablePageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    Memberships memberships;

    @Autowired
    Members members;

    @Autowired
    JdbcClient jdbc;

    private OrganizationId vendorManaged() {
        return OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
    }

    private ResultActions as(TestMember who, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(who.id())).with(csrf()));
    }

    private String page(TestMember who, MockHttpServletRequestBuilder request) throws Exception {
        return as(who, request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private String name(TestMember person) {
        AccountView account = accounts.find(person.userId());
        return account.firstName() + " " + account.lastName();
    }

    private Map<String, Object> lastRequest(OrganizationId org) {
        return jdbc.sql("select * from change_request where organization_id = ? order by number desc").param(org.value())
                .query().listOfRows().get(0);
    }

    private long requestCount(OrganizationId org) {
        return jdbc.sql("select count(*) from change_request where organization_id = ?").param(org.value())
                .query(Long.class).single();
    }

    /** The list right after a redirect, with the cookie it set, so the one-time notice the redirect left is shown. */
    private String listAfter(TestMember who, MvcResult redirect) throws Exception {
        return as(who, get(redirect.getResponse().getRedirectedUrl()).cookie(redirect.getResponse().getCookies()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theAdminOfAVendorManagedOrganizationSeesTheTeamTableWithOnlyPeopleWhoHaveACloudApplication() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember seller = data.user(org, "Showcase 360 Administrator", "Licenses");
        TestMember withoutApps = data.user(org);
        data.grantExternally(seller, "Contacts Viewer");

        String html = page(admin, get("/organizations/{org}/users", org));

        assertThat(html).contains("<h1>User Management</h1>", ">Name</a>", ">Email</a>", ">Login</a>", ">Role</a>",
                ">Cloud applications<", ">Active<");
        assertThat(html).doesNotContain("<span>Sites</span>", ">Status</a>", "Invite users", "Pending invitations");
        assertThat(html).contains(name(seller), name(admin)).doesNotContain(name(withoutApps));
        assertThat(html).contains("<option value=\"true\" selected=\"selected\">Only users with at least one cloud application</option>");
        assertThat(html).contains("Change rights in Showcase 360 for " + name(seller), "Change rights in Customer Portal for " + name(seller),
                "View rights in Contacts for " + name(seller), "Deactivate " + name(seller));
        assertThat(html).contains("href=\"/organizations/" + org + "/users/" + seller.id()
                + "/request-rights?application=Showcase%20360\"");
        assertThat(html).contains("href=\"/organizations/" + org + "/users/" + seller.id() + "/request-deactivation\"");
        // Nobody deactivates themselves here.
        assertThat(html).doesNotContain("Deactivate " + name(admin));
        assertThat(html).contains("href=\"/organizations/" + org + "/requests\"");

        String everyone = page(admin, get("/organizations/{org}/users", org).param("hasApplication", "false"));
        assertThat(everyone).contains(name(withoutApps), name(seller))
                .contains("<option value=\"false\" selected=\"selected\">All users</option>", ">Clear filters<");
    }

    @Test
    void aBlockedPersonsToggleIsOffAndOffersNoDeactivation() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember blocked = data.user(org, "Licenses");
        members.change(data.admin(), org, blocked.userId(), new Members.MemberChange(null, null, null, true));

        String html = page(admin, get("/organizations/{org}/users", org));

        assertThat(html).contains(name(blocked), ">Blocked<").doesNotContain("Deactivate " + name(blocked));
    }

    @Test
    void aUserManagementHolderWhoIsNoManagerIsOfferedNoDeactivation() throws Exception {
        OrganizationId org = vendorManaged();
        data.manager(org);
        TestMember holder = data.userManager(org, "Licenses");
        TestMember seller = data.user(org, "Licenses");

        String html = page(holder, get("/organizations/{org}/users", org));

        assertThat(html).contains(name(seller)).doesNotContain("Deactivate " + name(seller))
                .doesNotContain("/users/" + seller.id() + "/request-deactivation");
    }

    @Test
    void theFilterIconOpensTheApplicationsRightsTickedAsHeldAndSendsARequestThatChangesNothingYet() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        data.grantExternally(person, "Contacts Viewer");
        String url = "/organizations/" + org + "/users/" + person.id() + "/request-rights";

        String form = page(admin, get(url).param("application", "Customer Portal"));
        assertThat(form).contains("<h1>Change rights in Customer Portal for " + name(person) + "</h1>", ">Send request<",
                "Note (optional)");
        assertThat(checked(checkbox(form, "Licenses"))).isTrue();
        assertThat(checked(checkbox(form, "User Management"))).isFalse();
        assertThat(form).doesNotContain("value=\"Showcase 360 Administrator\"");

        MvcResult sent = as(admin, post(url).param("application", "Customer Portal").param("rights", "User Management")
                .param("note", "She takes over the team"))
                .andExpect(redirectedUrl("/organizations/" + org + "/users")).andReturn();

        Map<String, Object> ticket = lastRequest(org);
        assertThat(ticket.get("type")).isEqualTo("RIGHTS_CHANGE");
        assertThat(ticket.get("note")).isEqualTo("She takes over the team");
        assertThat((String) ticket.get("after_state")).contains("User Management", "Contacts Viewer").doesNotContain("Licenses");
        assertThat(memberships.get(org, person.userId()).rights()).containsExactlyInAnyOrder("Licenses", "Contacts Viewer");
        String list = listAfter(admin, sent);
        assertThat(list).contains("Request sent: ticket #" + ticket.get("number") + " is open.",
                "href=\"/organizations/" + org + "/requests/" + ticket.get("id") + "\"", ">Open ticket #" + ticket.get("number") + "<");
    }

    @Test
    void contactsRightsAreShownLockedAndCannotBeRequested() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        data.grantExternally(person, "Contacts Viewer");
        String url = "/organizations/" + org + "/users/" + person.id() + "/request-rights";

        String form = page(admin, get(url).param("application", "Contacts"));
        assertThat(form).contains("View rights", "Managed in Contacts").doesNotContain(">Send request<");
        assertThat(checked(checkbox(form, "Contacts Viewer"))).isTrue();
        assertThat(disabled(checkbox(form, "Contacts Viewer"))).isTrue();
        assertThat(disabled(checkbox(form, "Contacts Editor"))).isTrue();

        String all = page(admin, get(url));
        assertThat(all).contains("<h1>Change rights for " + name(person) + "</h1>", ">Send request<", "Managed in Contacts");
        assertThat(disabled(checkbox(all, "Contacts Editor"))).isTrue();
        assertThat(disabled(checkbox(all, "Licenses"))).isFalse();

        // A hand-made form asking for a Contacts right asks for nothing of it.
        long before = requestCount(org);
        String refused = as(admin, post(url).param("application", "Contacts").param("rights", "Contacts Editor"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("This request would change nothing.");
        assertThat(requestCount(org)).isEqualTo(before);
    }

    @Test
    void aRightsRequestThatChangesNothingIsRefusedNextToTheRights() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");

        String html = as(admin, post("/organizations/{org}/users/{user}/request-rights", org, person.id())
                .param("application", "Customer Portal").param("rights", "Licenses"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("Some fields need correcting; nothing was sent.", "id=\"rights-error\"",
                "This request would change nothing.");
        assertThat(requestCount(org)).isZero();
    }

    @Test
    void deactivatingNeedsAReasonAndSendsARequestThatLeavesThePersonActive() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        String url = "/organizations/" + org + "/users/" + person.id() + "/request-deactivation";

        assertThat(page(admin, get(url))).contains("<h1>Deactivate " + name(person) + "</h1>", "Reason for the deactivation",
                "Note for Gatehouse (optional)", ">Send request<");

        String refused = as(admin, post(url).param("reason", " ").param("note", "Keep the note"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).containsPattern("id=\"reason\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"reason-error\"")
                .contains("<p class=\"field-error\" id=\"reason-error\">Give a reason.</p>", "Keep the note");
        assertThat(requestCount(org)).isZero();

        MvcResult sent = as(admin, post(url).param("reason", "Left the company").param("note", "Last day Friday"))
                .andExpect(redirectedUrl("/organizations/" + org + "/users")).andReturn();

        Map<String, Object> ticket = lastRequest(org);
        assertThat(ticket.get("type")).isEqualTo("DEACTIVATION");
        assertThat(ticket.get("reason")).isEqualTo("Left the company");
        assertThat(memberships.get(org, person.userId()).status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(listAfter(admin, sent)).contains("Request sent: ticket #" + ticket.get("number") + " is open.");
    }

    @Test
    void aPendingDeactivationShowsOnTheRowAndASecondOneIsRefusedWithALinkToTheOpenTicket() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        String url = "/organizations/" + org + "/users/" + person.id() + "/request-deactivation";
        as(admin, post(url).param("reason", "Left the company")).andExpect(redirectedUrl("/organizations/" + org + "/users"));
        Map<String, Object> open = lastRequest(org);
        String ticketUrl = "/organizations/" + org + "/requests/" + open.get("id");

        String list = page(admin, get("/organizations/{org}/users", org));
        assertThat(list).containsPattern("<p class=\"team-pending\"><a href=\"" + ticketUrl + "\"\\s*>Deactivation requested — ticket #"
                + open.get("number") + "</a>");
        assertThat(list).as("the toggle no longer asks again").doesNotContain("href=\"" + url + "\"", "Deactivate " + name(person));

        assertThat(page(admin, get(url))).as("the form says so before anything is typed")
                .contains("A deactivation of this person is already requested: ticket #" + open.get("number"),
                        "href=\"" + ticketUrl + "\"");
        String refused = as(admin, post(url).param("reason", "Left the company, really"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("A deactivation of this person is already requested: ticket #" + open.get("number")
                + " is still to decide.", "<a id=\"open-request\" href=\"" + ticketUrl + "\">Open ticket #" + open.get("number") + "</a>",
                "Left the company, really");
        assertThat(requestCount(org)).isEqualTo(1);
    }

    @Test
    void aPendingRightsChangeShowsOnTheRowAndASecondOneIsRefusedUntilTheFirstIsDecided() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        TestMember other = data.user(org, "Licenses");
        String url = "/organizations/" + org + "/users/" + person.id() + "/request-rights";
        as(admin, post(url).param("application", "Customer Portal").param("rights", "Licenses", "User Management"))
                .andExpect(redirectedUrl("/organizations/" + org + "/users"));
        Map<String, Object> open = lastRequest(org);
        String ticketUrl = "/organizations/" + org + "/requests/" + open.get("id");

        String list = page(admin, get("/organizations/{org}/users", org));
        assertThat(list).containsPattern("<p class=\"team-pending\"><a href=\"" + ticketUrl + "\"\\s*>Rights change requested — ticket #"
                + open.get("number") + "</a>");
        assertThat(list).as("only on that person's row").containsOnlyOnce("Rights change requested")
                .contains("Deactivate " + name(person), "Deactivate " + name(other));

        String refused = as(admin, post(url).param("application", "Customer Portal").param("rights", "User Management"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("A rights change for this person is already requested: ticket #" + open.get("number"),
                "href=\"" + ticketUrl + "\"");
        assertThat(requestCount(org)).isEqualTo(1);

        // A deactivation is another request; and once the first is cancelled, the rights can be asked for again.
        as(admin, post("/organizations/" + org + "/users/" + person.id() + "/request-deactivation").param("reason", "Gone"))
                .andExpect(redirectedUrl("/organizations/" + org + "/users"));
        as(admin, post(ticketUrl + "/cancel").param("confirmed", "true")).andExpect(status().is3xxRedirection());
        as(admin, post(url).param("application", "Customer Portal").param("rights", "User Management"))
                .andExpect(redirectedUrl("/organizations/" + org + "/users"));
        assertThat(requestCount(org)).isEqualTo(3);
    }

    @Test
    void aSecondRightsChangeFromThePersonPageSaysWhichTicketIsOpenInsteadOfFailing() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        String url = "/organizations/" + org + "/users/" + person.id();
        as(admin, post(url + "/rights").param("rights", "Licenses", "User Management")).andExpect(redirectedUrl(url + "?tab=properties"));

        MvcResult again = as(admin, post(url + "/rights").param("rights", "User Management"))
                .andExpect(redirectedUrl(url + "?tab=properties")).andReturn();

        assertThat(again.getFlashMap().values().toString())
                .contains("A rights change for this person is already requested: ticket #" + lastRequest(org).get("number"));
        assertThat(requestCount(org)).isEqualTo(1);
    }

    @Test
    void createNewUserBecomesARequestWithANoteAndNoPassword() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        String email = TestData.unique("pia").toLowerCase() + "@reseller.test";

        String form = page(admin, get("/organizations/{org}/users/new", org));
        assertThat(form).contains("<h1>Create new user</h1>", ">Send request<", "id=\"note\"", "Note (optional)", "id=\"position\"")
                .doesNotContain("id=\"password\"", "Generate a password", "id=\"login\"", ">Save<");

        MvcResult sent = as(admin, post("/organizations/{org}/users/new", org).param("firstName", "Pia").param("lastName", "Berg")
                .param("email", email).param("position", "Sales").param("role", "USER").param("rights", "Licenses")
                .param("note", "Starts Monday"))
                .andExpect(redirectedUrl("/organizations/" + org + "/users")).andReturn();

        Map<String, Object> ticket = lastRequest(org);
        assertThat(ticket.get("type")).isEqualTo("NEW_USER");
        assertThat(ticket.get("note")).isEqualTo("Starts Monday");
        assertThat((String) ticket.get("after_state")).contains(email, "Sales", "Licenses");
        assertThat(accounts.findByEmail(email)).isEmpty();
        assertThat(listAfter(admin, sent)).contains("Request sent: ticket #" + ticket.get("number") + " is open.",
                "Gatehouse will process the request promptly.");
    }

    @Test
    void aNewUserRequestWithMistakesComesBackNextToTheFieldsAndAsksForNothing() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);

        String html = as(admin, post("/organizations/{org}/users/new", org).param("firstName", "").param("lastName", "Berg")
                .param("email", "not-an-email").param("role", "USER").param("note", "Keep me"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("id=\"firstName-error\">This field is required.", "id=\"email-error\">Enter a valid email address.",
                ">Send request<", "Keep me").doesNotContain("id=\"password-error\"");
        assertThat(requestCount(org)).isZero();
    }

    @Test
    void inASelfManagedOrganizationCreateNewUserWithARightTheVendorApprovesBecomesARequest() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String right = TestData.unique("Approved Right");
        jdbc.sql("""
                insert into access_right (id, application_id, name, position, needs_approval)
                values (?, '00000000-0000-0000-0000-00000000a001', ?, 98, true)""").params(java.util.UUID.randomUUID(), right).update();
        String email = TestData.unique("ola").toLowerCase() + "@example.test";
        try {
            MvcResult sent = as(manager, post("/organizations/{org}/users/new", org).param("firstName", "Ola")
                    .param("lastName", "Nord").param("email", email).param("generatePassword", "true").param("role", "USER")
                    .param("rights", right))
                    .andExpect(redirectedUrl("/organizations/" + org + "/users")).andReturn();

            assertThat(lastRequest(org).get("type")).isEqualTo("NEW_USER");
            assertThat(accounts.findByEmail(email)).isEmpty();
            assertThat(listAfter(manager, sent)).contains("Request sent: ticket #").doesNotContain("id=\"generated-password\"");
        } finally {
            // The catalogue is shared by every test: leave it as it was.
            jdbc.sql("delete from access_right where name = ?").param(right).update();
        }
    }

    @Test
    void theMemberPageOfAVendorManagedOrganizationAsksInsteadOfChanging() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        String url = "/organizations/" + org + "/users/" + person.id();

        MvcResult rights = as(admin, post(url + "/rights").param("rights", "Licenses", "User Management"))
                .andExpect(redirectedUrl(url + "?tab=properties")).andReturn();
        assertThat(rights.getFlashMap().get("flash").toString()).startsWith("Request sent: ticket #");
        assertThat(memberships.get(org, person.userId()).rights()).containsExactly("Licenses");

        as(admin, post(url + "/block")).andExpect(redirectedUrl(url + "?tab=properties"));
        assertThat(memberships.get(org, person.userId()).status()).isEqualTo(MembershipStatus.ACTIVE);
        as(admin, post(url + "/memberships/" + org + "/remove")).andExpect(redirectedUrl(url + "?tab=organizations"));
        assertThat(memberships.find(org, person.userId())).isPresent();
        assertThat(page(admin, get(url))).doesNotContain(">Block user<");
        assertThat(requestCount(org)).isEqualTo(1);
    }

    @Test
    void vendorStaffAndSelfManagedOrganizationsKeepTheFullListAndDirectChanges() throws Exception {
        OrganizationId managed = vendorManaged();
        TestMember person = data.user(managed, "Licenses");
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String staffList = mvc.perform(get("/organizations/{org}/users", managed).with(user(support.userId())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(staffList).contains("<span>Sites</span>", ">Status</a>").doesNotContain("Deactivate " + name(person));
        mvc.perform(get("/organizations/{org}/users/{user}/request-deactivation", managed, person.id()).with(user(support.userId())))
                .andExpect(status().isNotFound());

        OrganizationId own = data.organizationId();
        TestMember manager = data.manager(own);
        TestMember colleague = data.member(own, Role.USER, List.of(), "Licenses");
        String list = page(manager, get("/organizations/{org}/users", own));
        assertThat(list).contains("<span>Sites</span>", "Invite users").doesNotContain("Deactivate ");
        as(manager, get("/organizations/{org}/users/{user}/request-rights", own, colleague.id())).andExpect(status().isNotFound());
        assertThat(page(manager, get("/organizations/{org}/users/new", own))).contains("id=\"password\"", ">Save<")
                .doesNotContain("Send request");
    }
}
