package io.gatehouse.member;

import io.gatehouse.user.Language;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.AccountChanges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.access.StaffRole;
import io.gatehouse.organization.Organizations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class SitePagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Memberships memberships;

    @Autowired
    Organizations organizations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    OrganizationId org;
    SiteView site;
    TestMember manager;
    TestMember withAccess;
    TestMember withoutAccess;

    @BeforeEach
    void organizationWithASite() {
        org = data.organizationId();
        site = data.site(org);
        manager = data.manager(org);
        withAccess = data.member(org, Role.CONTRIBUTOR, List.of(site.id()));
        withoutAccess = data.member(org, Role.OPERATOR, List.of());
    }

    // ---- the sites list

    @Test
    void aMemberSeesTheSitesOfTheirOrganizationButNoAddSiteForm() throws Exception {
        String page = html(as(withoutAccess, get(sitesUrl())));
        assertThat(page).contains(site.name(), sitePath(site)).doesNotContain("Add site");
    }

    @Test
    void aManagerAddsASiteAndFindsItInTheList() throws Exception {
        String name = TestData.unique("Warehouse");
        mvc.perform(as(manager, post(sitesUrl())).param("name", name).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl(sitesUrl()))
                .andExpect(flash().attribute("flash", "sites.added"));

        assertThat(html(as(manager, get(sitesUrl())))).contains("Add site", name);
        assertThat(data.auditEntries(org, "site.created")).isEqualTo(2);
    }

    @Test
    void aSiteWithoutANameIsRefusedWithTheMessageNextToTheField() throws Exception {
        String page = mvc.perform(as(manager, post(sitesUrl())).param("name", "  ").with(csrf()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-invalid=\"true\"", "aria-describedby=\"site-name-error\"",
                "id=\"site-name-error\"", "This field is required.");
        assertThat(organizations.sites(org)).hasSize(1);
    }

    @Test
    void aSiteNameTakenInTheOrganizationIsRefusedAndTheTypedNameKept() throws Exception {
        String page = mvc.perform(as(manager, post(sitesUrl())).param("name", site.name().toUpperCase()).with(csrf()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("This organization already has a site with this name.",
                "value=\"" + site.name().toUpperCase() + "\"");
        assertThat(organizations.sites(org)).hasSize(1);
    }

    @Test
    void aUserCannotAddASite() throws Exception {
        String page = mvc.perform(as(withoutAccess, post(sitesUrl())).param("name", "Mine").with(csrf()))
                .andExpect(status().isForbidden())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Only a Manager of this organization can do this.");
        assertThat(organizations.sites(org)).hasSize(1);
    }

    // ---- the site page

    @Test
    void theSitePageShowsTheSiteInformationAndManageAccessToManagers() throws Exception {
        String page = html(as(manager, get(sitePath(site))));
        assertThat(page).contains(site.name(), "Site information", "Manage access", sitePath(site) + "/access");
        // The Manager and the Contributor with access.
        assertThat(page).containsPattern("People with access</th>\\s*<td>2</td>");
    }

    @Test
    void theSitePageHasNoManageAccessForAUser() throws Exception {
        String page = html(as(withAccess, get(sitePath(site))));
        assertThat(page).contains(site.name(), "Site information").doesNotContain("Manage access", "People with access");
    }

    // ---- Manage access

    @Test
    void manageAccessTicksThoseWithAccessAndLocksManagers() throws Exception {
        String page = html(as(manager, get(accessUrl())));
        assertThat(checkbox(page, withAccess)).contains("checked").doesNotContain("disabled");
        assertThat(checkbox(page, withoutAccess)).doesNotContain("checked").doesNotContain("disabled");
        assertThat(checkbox(page, manager)).contains("checked", "disabled");
        assertThat(page).contains("Managers reach every site", email(withAccess), "Contributor", "Operator", "Manager");
        assertThat(page).contains("name=\"shown\" value=\"" + withAccess.id() + "\"")
                .doesNotContain("name=\"shown\" value=\"" + manager.id() + "\"");
    }

    @Test
    void savingGrantsTheTickedRevokesTheUntickedAndWritesOneAuditEntryEach() throws Exception {
        mvc.perform(as(manager, post(accessUrl()))
                        .param("shown", withAccess.id(), withoutAccess.id())
                        .param("access", withoutAccess.id())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl(accessUrl()))
                .andExpect(flash().attribute("flash", "sites.access.saved"));

        assertThat(sitesOf(withAccess)).doesNotContain(siteId());
        assertThat(sitesOf(withoutAccess)).contains(siteId());
        assertThat(data.auditEntries(org, "site.accessGranted")).isEqualTo(1);
        assertThat(data.auditEntries(org, "site.accessRevoked")).isEqualTo(1);
        String after = html(as(manager, get(accessUrl())));
        assertThat(checkbox(after, withAccess)).doesNotContain("checked");
        assertThat(checkbox(after, withoutAccess)).contains("checked");
    }

    @Test
    void savingWithoutChangesWritesNothing() throws Exception {
        mvc.perform(as(manager, post(accessUrl()))
                        .param("shown", withAccess.id(), withoutAccess.id())
                        .param("access", withAccess.id())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(data.auditEntries(org, "site.accessGranted") + data.auditEntries(org, "site.accessRevoked")).isZero();
    }

    @Test
    void peopleNotShownKeepTheirAccessAndManagersCannotBeUnticked() throws Exception {
        mvc.perform(as(manager, post(accessUrl()))
                        .param("shown", withoutAccess.id(), manager.id())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(sitesOf(withAccess)).contains(siteId());
        assertThat(memberships.get(org, manager.userId()).role()).isEqualTo(Role.MANAGER);
        assertThat(data.auditEntries(org, "site.accessRevoked")).isZero();
    }

    @Test
    void searchingNarrowsTheListAndSavingReturnsToTheSameSearch() throws Exception {
        String lastName = lastName(withAccess);
        String page = html(as(manager, get(accessUrl()).param("q", lastName)));
        assertThat(page).contains(email(withAccess)).doesNotContain(email(withoutAccess));

        mvc.perform(as(manager, post(accessUrl())).param("shown", withAccess.id()).param("q", lastName).with(csrf()))
                .andExpect(redirectedUrl(accessUrl() + "?q=" + lastName));
    }

    @Test
    void largeOrganizationsArePagedFiftyAtATime() throws Exception {
        for (int i = 0; i < 49; i++) {
            data.member(org, Role.USER, List.of());
        }
        // 52 people: 50 on the first page, 2 on the second.
        String first = html(as(manager, get(accessUrl())));
        assertThat(count(first, "type=\"checkbox\"")).isEqualTo(50);
        assertThat(first).contains("Page 1 of 2", "Next", "Save applies to the people on this page");

        String second = html(as(manager, get(accessUrl()).param("page", "1")));
        assertThat(count(second, "type=\"checkbox\"")).isEqualTo(2);
        assertThat(second).contains("Page 2 of 2", "Previous");
    }

    @Test
    void aPageNumberPastTheEndOrNotANumberShowsARealPage() throws Exception {
        assertThat(html(as(manager, get(accessUrl()).param("page", "99")))).contains(email(withAccess), "3 people in the organization");
        assertThat(html(as(manager, get(accessUrl()).param("page", "two")))).contains(email(withAccess));
        mvc.perform(as(manager, post(accessUrl())).param("shown", withAccess.id()).param("access", withAccess.id())
                        .param("page", "x").with(csrf()))
                .andExpect(redirectedUrl(accessUrl()));
    }

    @Test
    void anHtmxSearchGetsOnlyTheListOfPeople() throws Exception {
        String fragment = html(as(manager, get(accessUrl()).param("q", lastName(withAccess)).header("HX-Request", "true")));
        assertThat(fragment).startsWith("<div id=\"access-people\"").doesNotContain("<html", "<nav class=\"toolbar\"")
                .contains(email(withAccess));
    }

    @Test
    void aUserWhoIsNotAManagerCannotManageAccessEvenWithUserManagement() throws Exception {
        TestMember userManager = data.userManager(org);
        for (TestMember refused : List.of(withAccess, userManager)) {
            mvc.perform(as(refused, get(accessUrl()))).andExpect(status().isForbidden());
            mvc.perform(as(refused, post(accessUrl())).param("shown", withAccess.id()).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        assertThat(sitesOf(withAccess)).contains(siteId());
    }

    @Test
    void vendorStaffManageAccessToo() throws Exception {
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        assertThat(html(mvcAs(support.id(), get(accessUrl())))).contains(email(withAccess));
        mvc.perform(mvcAs(support.id(), post(accessUrl())).param("shown", withoutAccess.id()).param("access", withoutAccess.id())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(sitesOf(withoutAccess)).contains(siteId());
    }

    @Test
    void anUnknownSiteIsNotFound() throws Exception {
        mvc.perform(as(manager, get(sitesUrl() + "/" + SiteId.random()))).andExpect(status().isNotFound());
        mvc.perform(as(manager, get(sitesUrl() + "/not-an-id/access"))).andExpect(status().isNotFound());
    }

    @Test
    void everySitePageReadsInEachLanguageWithoutAMissingMessage() throws Exception {
        for (Language language : Language.values()) {
            accounts.updateOwn(data.actor(manager.userId()), new AccountChanges(null, null, null, null, null, language, null, null));
            for (String uri : List.of(sitesUrl(), sitePath(site), accessUrl(), accessUrl() + "?q=zzz")) {
                String page = html(as(manager, get(uri)));
                assertThat(page).as(language + " " + uri).contains("lang=\"" + language.code() + "\"").doesNotContain("??");
            }
            String invalid = mvc.perform(as(manager, post(sitesUrl())).param("name", "").with(csrf()))
                    .andReturn().getResponse().getContentAsString();
            assertThat(invalid).as(language + " invalid").contains("field-error").doesNotContain("??");
        }
    }

    // ---- helpers

    private String sitesUrl() {
        return "/organizations/" + org + "/sites";
    }

    private String sitePath(SiteView s) {
        return sitesUrl() + "/" + s.id();
    }

    private String accessUrl() {
        return sitePath(site) + "/access";
    }

    private SiteId siteId() {
        return SiteId.parse(site.id());
    }

    private java.util.Set<SiteId> sitesOf(TestMember member) {
        return memberships.get(org, member.userId()).sites();
    }

    private String email(TestMember member) {
        return member.email();
    }

    private String lastName(TestMember member) {
        return jdbc.sql("select last_name from user_account where id = ?").param(member.userId().value())
                .query(String.class).single();
    }

    /** The checkbox input of one person, as rendered. */
    private static String checkbox(String page, TestMember member) {
        Matcher matcher = Pattern.compile("<input type=\"checkbox\"[^>]*id=\"access-" + member.id() + "\"[^>]*>").matcher(page);
        assertThat(matcher.find()).as("checkbox of " + member.email()).isTrue();
        return matcher.group();
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static MockHttpServletRequestBuilder as(TestMember member, MockHttpServletRequestBuilder request) {
        return mvcAs(member.userId(), request);
    }

    private static MockHttpServletRequestBuilder mvcAs(UserId userId, MockHttpServletRequestBuilder request) {
        return request.with(user(userId.toString()));
    }
}
