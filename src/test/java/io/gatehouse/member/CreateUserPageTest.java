package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Role;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.PasswordPolicy;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class CreateUserPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Members members;

    @Autowired
    Accounts accounts;

    @Autowired
    PasswordPolicy passwordPolicy;

    @Autowired
    JdbcClient jdbc;

    private static String newEmail() {
        return TestData.unique("new").toLowerCase() + "@example.test";
    }

    private MockHttpServletRequestBuilder save(OrganizationId org, TestMember as) {
        return post("/organizations/{org}/users/new", org).with(user(as.id())).with(csrf());
    }

    private long memberCount(OrganizationId org) {
        return jdbc.sql("select count(*) from membership where organization_id = ?").param(org.value()).query(Long.class).single();
    }

    @Test
    void theFormHasEveryFieldWithRightsGroupedPerApplicationAndContactsLocked() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        SiteView site = data.site(org);

        String html = mvc.perform(get("/organizations/{org}/users/new", org).with(user(manager.id())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("<title>Create new user · Gatehouse</title>", "<h1>Create new user</h1>");
        for (String label : new String[] {"First name", "Last name", "Email", "Login", "Position", "Password", "Role"}) {
            assertThat(html).containsPattern("<label for=\"[a-zA-Z]+\">" + label + "</label>");
        }
        assertThat(html).contains("placeholder=\"Defaults to the email\"", "Generate a password", "<legend>Access rights</legend>",
                "<legend>Showcase 360</legend>", "<legend>Customer Portal</legend>", "<legend>Contacts</legend>",
                "Managed in Contacts", ">Showcase 360 Administrator<", ">User Management<", ">Licenses<", site.name(),
                "All sites: a Manager has access", "<button type=\"submit\">Save</button>", "src=\"/js/members.js\"");
        assertThat(html).containsPattern("value=\"Contacts Viewer\"[^>]*disabled=\"disabled\"");
        assertThat(html).contains("<option value=\"MANAGER\">Manager</option>", "<option value=\"USER\" selected=\"selected\">User</option>");
        assertThat(html).contains("name=\"_csrf\"");
    }

    @Test
    void savingAddsTheUserWithTheirRightsAndSitesAndSaysSoOnTheList() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        SiteView site = data.site(org);
        String email = newEmail();

        MvcResult saved = mvc.perform(save(org, manager)
                        .param("firstName", "Zoé").param("lastName", "Durand").param("email", email)
                        .param("position", "Kitchen designer").param("password", "Blue-Kitchen-Cabinet-7")
                        .param("role", "USER").param("rights", "Showcase 360 Administrator", "User Management", "Licenses")
                        .param("sites", site.id()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/organizations/" + org + "/users"))
                .andReturn();

        String list = mvc.perform(get("/organizations/{org}/users", org).with(user(manager.id()))
                        .cookie(saved.getResponse().getCookies()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // An address may wrap before "@" and "." (<wbr>), so read it as the text shows it.
        assertThat(list.replace("<wbr>", "")).contains("The new user has been added to the list.", "Zoé Durand", email)
                .doesNotContain("id=\"generated-password\"");

        UserId created = accounts.findByEmail(email).orElseThrow().id();
        MemberView member = members.get(data.admin(), org, created);
        assertThat(member.rights()).containsExactly("Showcase 360 Administrator", "User Management", "Licenses");
        assertThat(member.sites()).containsExactly(site.id());
        assertThat(member.login()).isEqualTo(email);
        assertThat(member.position()).isEqualTo("Kitchen designer");
        assertThat(data.auditEntries(org, "member.added")).isEqualTo(2);
    }

    @Test
    void mistakesComeBackNextToTheirFieldsAndNothingIsCreated() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        long before = memberCount(org);

        String html = mvc.perform(save(org, manager)
                        .param("firstName", " ").param("lastName", "Durand").param("email", "not-an-email")
                        .param("password", "password2024").param("role", "USER").param("rights", "Licenses"))
                .andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("Some fields need correcting; nothing was saved.", "role=\"alert\"");
        assertThat(html).containsPattern("id=\"firstName\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"firstName-error\"");
        assertThat(html).contains("<p class=\"field-error\" id=\"firstName-error\">This field is required.</p>");
        assertThat(html).contains("<p class=\"field-error\" id=\"email-error\">Enter a valid email address.</p>");
        assertThat(html).contains("id=\"password-error\">This password is too common or too easy to guess.</p>");
        assertThat(html).containsPattern("id=\"lastName\"[^>]*value=\"Durand\"").doesNotContain("password2024");
        assertThat(html).containsPattern("value=\"Licenses\"[^>]*checked=\"checked\"");
        assertThat(memberCount(org)).isEqualTo(before);
        assertThat(accounts.findByEmail("not-an-email")).isEmpty();
    }

    @Test
    void aTakenLoginIsShownAtTheLoginFieldAndNothingIsCreated() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember other = data.user(org);
        String email = newEmail();

        String html = mvc.perform(save(org, manager).param("firstName", "Ann").param("lastName", "Lee").param("email", email)
                        .param("login", other.email()).param("password", "Blue-Kitchen-Cabinet-7").param("role", "USER"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("id=\"login-error\">Another account already uses this login.</p>");
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void aGeneratedPasswordIsShownOnceAndSignsTheNewUserIn() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = newEmail();

        MvcResult saved = mvc.perform(save(org, manager).param("firstName", "Gen").param("lastName", "Erated")
                        .param("email", email).param("password", "").param("generatePassword", "true").param("role", "USER"))
                .andExpect(status().isFound()).andReturn();

        String list = mvc.perform(get("/organizations/{org}/users", org).with(user(manager.id())).cookie(saved.getResponse().getCookies()))
                .andReturn().getResponse().getContentAsString();
        Matcher shown = Pattern.compile("<code id=\"generated-password\">([^<]+)</code>").matcher(list);
        assertThat(shown.find()).isTrue();
        String password = shown.group(1);
        assertThat(list).contains("Password generated for Gen Erated. Pass it on now: it is shown only this once.");
        assertThat(password).hasSizeGreaterThanOrEqualTo(PasswordPolicy.MIN_LENGTH);
        assertThat(passwordPolicy.violations(password, email)).isEmpty();

        // Shown once: the next visit of the list no longer has it.
        assertThat(mvc.perform(get("/organizations/{org}/users", org).with(user(manager.id())).cookie(saved.getResponse().getCookies()))
                .andReturn().getResponse().getContentAsString()).doesNotContain(password, "generated-password");

        mvc.perform(formLogin("/signin").user("email", email).password("password", password)).andExpect(authenticated());
    }

    @Test
    void aRightManagedInContactsCannotBeGrantedAndThePolicySaysWhy() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = newEmail();

        String html = mvc.perform(save(org, manager).param("firstName", "Con").param("lastName", "Tacts").param("email", email)
                        .param("password", "Blue-Kitchen-Cabinet-7").param("role", "USER").param("rights", "Contacts Viewer"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("This access right is managed elsewhere and can only be viewed here.");
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void aUserManagementHolderIsOfferedOnlyWhatTheyHoldAndCannotGrantMore() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember admin = data.userManager(org, "Licenses");

        String form = mvc.perform(get("/organizations/{org}/users/new", org).with(user(admin.id())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("value=\"Licenses\"", "value=\"User Management\"", "Managed in Contacts")
                .doesNotContain("value=\"Showcase 360 Administrator\"", "value=\"MANAGER\"", "<legend>Showcase 360</legend>");

        String email = newEmail();
        String refused = mvc.perform(save(org, admin).param("firstName", "Too").param("lastName", "Much").param("email", email)
                        .param("password", "Blue-Kitchen-Cabinet-7").param("role", "USER")
                        .param("rights", "Showcase 360 Administrator"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("You can only grant or remove access rights that you hold yourself.");
        assertThat(accounts.findByEmail(email)).isEmpty();

        mvc.perform(save(org, admin).param("firstName", "Just").param("lastName", "Enough").param("email", email)
                        .param("password", "Blue-Kitchen-Cabinet-7").param("role", "USER").param("rights", "Licenses"))
                .andExpect(status().isFound());
        assertThat(accounts.findByEmail(email)).isPresent();
    }

    @Test
    void aManagerGetsEverySiteWhateverBoxesWereTicked() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        SiteView site = data.site(org);
        String email = newEmail();

        mvc.perform(save(org, manager).param("firstName", "New").param("lastName", "Boss").param("email", email)
                        .param("password", "Blue-Kitchen-Cabinet-7").param("role", "MANAGER").param("sites", site.id()))
                .andExpect(status().isFound());

        MemberView boss = members.get(data.admin(), org, accounts.findByEmail(email).orElseThrow().id());
        assertThat(boss.role()).isEqualTo(Role.MANAGER);
        assertThat(boss.allSites()).isTrue();
    }

    @Test
    void aPlainUserMayNotOpenOrSendTheForm() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember plain = data.user(org);
        String email = newEmail();

        mvc.perform(get("/organizations/{org}/users/new", org).with(user(plain.id()))).andExpect(status().isForbidden());
        mvc.perform(save(org, plain).param("firstName", "No").param("lastName", "Way").param("email", email)
                .param("password", "Blue-Kitchen-Cabinet-7").param("role", "USER")).andExpect(status().isForbidden());
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void withoutTheFormsTokenNothingIsCreated() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = newEmail();

        mvc.perform(post("/organizations/{org}/users/new", org).with(user(manager.id()))
                        .param("firstName", "Forged").param("lastName", "Request").param("email", email)
                        .param("password", "Blue-Kitchen-Cabinet-7").param("role", "USER"))
                .andExpect(status().isForbidden());
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void anotherOrganizationsFormIsNotFoundAndCreatesNothingThere() throws Exception {
        OrganizationId mine = data.organizationId();
        TestMember manager = data.manager(mine);
        OrganizationId theirs = data.organizationId();
        SiteView theirSite = data.site(theirs);
        long before = memberCount(theirs);
        String email = newEmail();

        String html = mvc.perform(get("/organizations/{org}/users/new", theirs).with(user(manager.id())))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Page not found").doesNotContain(theirSite.name());

        mvc.perform(save(theirs, manager).param("firstName", "Eve").param("lastName", "Intruder").param("email", email)
                .param("password", "Blue-Kitchen-Cabinet-7").param("role", "USER")).andExpect(status().isNotFound());
        // Their site's id given to my organization's form is simply not one of my sites.
        String mixed = mvc.perform(save(mine, manager).param("firstName", "Eve").param("lastName", "Intruder").param("email", email)
                        .param("password", "Blue-Kitchen-Cabinet-7").param("role", "USER").param("sites", theirSite.id()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(mixed).contains("id=\"sites-error\"").doesNotContain(theirSite.name());
        assertThat(memberCount(theirs)).isEqualTo(before);
        assertThat(accounts.findByEmail(email)).isEmpty();
    }
}
