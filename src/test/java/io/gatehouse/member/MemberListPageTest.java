package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Role;
import io.gatehouse.invitation.Invitations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class MemberListPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Members members;

    @Autowired
    Accounts accounts;

    @Autowired
    Invitations invitations;

    @Autowired
    JdbcClient jdbc;

    private String page(TestMember as, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(as.id())))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private TestMember person(OrganizationId org, String first, String last, Role role, List<String> sites, String... rights) {
        String email = TestData.unique(last).toLowerCase() + "@example.test";
        MemberView view = members.add(data.admin(), org, new Members.NewMember(first, last, email, null, null, TestData.PASSWORD,
                role, List.of(rights), sites));
        return new TestMember(io.gatehouse.shared.UserId.parse(view.userId()), email, TestData.PASSWORD, org, role);
    }

    /** Last names in the order the table shows them. */
    private static List<String> lastNamesInTable(String html) {
        String body = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
        // Sorted by last name a name reads "Last, First"; sorted otherwise, "First Last".
        Matcher matcher = Pattern.compile("/users/[0-9a-f-]{36}\">(?:([^<,]+), [^<]*|[^<]*? ([^< ]+))</a>").matcher(body);
        return matcher.results().map(m -> m.group(1) != null ? m.group(1) : m.group(2)).toList();
    }

    @Test
    void managerSeesEveryColumnWithApplicationsSitesAndStatus() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        SiteView oslo = data.site(org);
        person(org, "Zoé", "Durand", Role.USER, List.of(oslo.id()), "Showcase 360 Administrator", "Licenses");
        TestMember blocked = person(org, "Bob", "Blocked", Role.OPERATOR, List.of());
        members.change(data.admin(), org, blocked.userId(), new Members.MemberChange(null, null, null, true));

        String html = page(manager, get("/organizations/{org}/users", org));

        assertThat(html).contains("<title>User Management · Gatehouse</title>", "<h1>User Management</h1>",
                ">Name</a>", ">Email</a>", ">Login</a>", ">Role</a>", "Cloud applications", ">Sites<", ">Status</a>");
        assertThat(html).contains("Durand, Zoé", "Showcase 360", "Customer Portal", oslo.name(), "All sites", ">Active<",
                ">Blocked<", ">Operator<", ">Manager<");
        assertThat(html).contains("href=\"/organizations/" + org + "/users/" + blocked.id() + "\"");
        assertThat(html).contains("aria-sort=\"ascending\"").contains("3 users").contains("1–3 of 3");
        assertThat(html).contains(">Create new user</a>", ">Export users</a>");
        assertThat(html).contains("href=\"/organizations/" + org + "/users/export.csv\"");
    }

    @Test
    void aDisabledAccountShowsAsDisabled() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember gone = person(org, "Gone", "Away", Role.USER, List.of());
        accounts.update(data.admin(), gone.userId(), new AccountChanges(null, null, null, null, true, null, null, null));

        String html = page(manager, get("/organizations/{org}/users", org).param("status", "DISABLED"));

        assertThat(lastNamesInTable(html)).containsExactly("Away");
        assertThat(html).contains("class=\"status-DISABLED\">Disabled<");
    }

    @Test
    void searchFindsByNameEmailOrLoginPrefixAndKeepsTheSearchInTheBox() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        person(org, "Zoé", "Durand", Role.USER, List.of());
        person(org, "Marc", "Dupont", Role.USER, List.of());
        person(org, "Ana", "Lopez", Role.USER, List.of());

        assertThat(lastNamesInTable(page(manager, get("/organizations/{org}/users", org).param("q", "du"))))
                .containsExactly("Dupont", "Durand");
        String html = page(manager, get("/organizations/{org}/users", org).param("q", "lop"));
        assertThat(lastNamesInTable(html)).containsExactly("Lopez");
        assertThat(html).contains("value=\"lop\"", "1 user");
        assertThat(page(manager, get("/organizations/{org}/users", org).param("q", "nobody-here")))
                .contains("No users match this search and these filters.").doesNotContain("<tbody>");
    }

    @Test
    void htmxSearchGetsOnlyTheTableWithTheExportLinkAndCountUpdatedOutOfBand() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        person(org, "Zoé", "Durand", Role.USER, List.of());

        var response = mvc.perform(get("/organizations/{org}/users", org).param("q", "dur").header("HX-Request", "true")
                        .with(user(manager.id())))
                .andExpect(status().isOk()).andReturn().getResponse();
        String html = response.getContentAsString();

        assertThat(html).doesNotContain("<html", "<h1>", "<nav class=\"toolbar\"").contains("id=\"member-results\"", "Durand, Zoé");
        assertThat(html).contains("id=\"export-links\"", "hx-swap-oob=\"true\"",
                "href=\"/organizations/" + org + "/users/export.csv?q=dur\"");
        assertThat(html).contains("id=\"member-count\" hx-swap-oob=\"innerHTML\"");
        assertThat(response.getHeaders("Vary")).contains("HX-Request");
        assertThat(response.getHeader("HX-Push-Url")).isEqualTo("/organizations/" + org + "/users?q=dur");

        // Going back in history asks htmx for the whole page again.
        String restored = page(manager, get("/organizations/{org}/users", org).param("q", "dur")
                .header("HX-Request", "true").header("HX-History-Restore-Request", "true"));
        assertThat(restored).contains("<html", "<h1>User Management</h1>");
    }

    @Test
    void theSearchBarFiltersAsYouTypeAndTheFormWorksWithoutJavaScript() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);

        String html = page(manager, get("/organizations/{org}/users", org));

        assertThat(html).contains("hx-trigger=\"input changed delay:300ms, search\"", "hx-target=\"#member-results\"",
                "hx-push-url=\"true\"", "<label for=\"member-search\">Search</label>");
        assertThat(html).contains("<form id=\"member-filters\"", "method=\"get\"",
                "action=\"/organizations/" + org + "/users\"", "form=\"member-filters\"");
    }

    @Test
    void filtersByRoleApplicationRightSiteStatusAndHavingAnApplication() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        SiteView north = data.site(org);
        SiteView south = data.site(org);
        person(org, "A", "Admin", Role.USER, List.of(north.id()), "Showcase 360 Administrator");
        person(org, "L", "Licensed", Role.CONTRIBUTOR, List.of(south.id()), "Licenses");
        person(org, "N", "Nothing", Role.USER, List.of());

        var users = get("/organizations/{org}/users", org);
        assertThat(lastNamesInTable(page(manager, get("/organizations/{org}/users", org).param("role", "CONTRIBUTOR"))))
                .containsExactly("Licensed");
        assertThat(lastNamesInTable(page(manager, get("/organizations/{org}/users", org).param("application", "Showcase 360"))))
                .containsExactly("Admin");
        assertThat(lastNamesInTable(page(manager, get("/organizations/{org}/users", org).param("right", "Licenses"))))
                .containsExactly("Licensed");
        // A Manager reaches every site, so they match any site.
        assertThat(lastNamesInTable(page(manager, get("/organizations/{org}/users", org).param("site", south.id()))))
                .hasSize(2).contains("Licensed");
        assertThat(lastNamesInTable(page(manager, get("/organizations/{org}/users", org).param("hasApplication", "true"))))
                .contains("Admin", "Licensed").doesNotContain("Nothing");
        assertThat(lastNamesInTable(page(manager, get("/organizations/{org}/users", org).param("status", "ACTIVE"))))
                .hasSize(4);
        // Filters combine, and a filter that does not parse counts as "any" rather than failing the page.
        assertThat(lastNamesInTable(page(manager, get("/organizations/{org}/users", org)
                .param("role", "USER").param("hasApplication", "true").param("status", "sleeping").param("page", "x"))))
                .containsExactly("Admin");
        assertThat(page(manager, users)).contains("<option value=\"CONTRIBUTOR\">Contributor</option>",
                "<option value=\"" + north.id() + "\">" + north.name() + "</option>", "Only users with at least one cloud application");
    }

    @Test
    void someoneWhoSignedInAfterAnInvitationReadsActiveAndTheActiveFilterFindsThemWhileTheApiKeepsConnected() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember added = person(org, "Ada", "Added", Role.USER, List.of());
        TestMember joined = data.user(data.organizationId());
        invitations.invite(data.admin(), List.of(joined.email()), List.of(new Invitations.Target(org, Role.USER, null, null)));
        jdbc.sql("update user_account set last_sign_in_at = current_timestamp + interval '1' minute where id = ?")
                .param(joined.userId().value()).update();
        String waiting = TestData.unique("waiting").toLowerCase() + "@example.test";
        invitations.invite(data.admin(), List.of(waiting), List.of(new Invitations.Target(org, Role.USER, null, null)));

        String html = page(manager, get("/organizations/{org}/users", org));
        String joinedRow = row(html, joined.id());
        assertThat(joinedRow).contains(">Active<").doesNotContain("Connected");
        assertThat(row(html, added.id())).contains(">Active<");
        // One choice for one word: the filter offers "Active" once, and it finds both.
        assertThat(html).containsOnlyOnce(">Active</option>").doesNotContain("value=\"CONNECTED\"");
        String active = page(manager, get("/organizations/{org}/users", org).param("status", "ACTIVE"));
        assertThat(active).contains(joined.id(), added.id(), manager.id()).doesNotContain(waiting);
        // An older address asking for CONNECTED is read as the same choice.
        String connected = page(manager, get("/organizations/{org}/users", org).param("status", "CONNECTED"));
        assertThat(connected).contains(joined.id(), added.id()).contains("<option value=\"ACTIVE\" selected=\"selected\">Active</option>");
        for (Language language : List.of(Language.FR, Language.ES, Language.JA)) {
            accounts.updateOwn(data.actor(manager.userId()), new AccountChanges(null, null, null, null, null, language, null, null));
            String translated = page(manager, get("/organizations/{org}/users", org));
            String word = Map.of(Language.FR, "Actif", Language.ES, "Activo", Language.JA, "有効").get(language);
            assertThat(row(translated, joined.id())).as(language.code()).contains(">" + word + "<");
            assertThat(row(translated, added.id())).as(language.code()).contains(">" + word + "<");
        }
        accounts.updateOwn(data.actor(manager.userId()), new AccountChanges(null, null, null, null, null, Language.EN, null, null));

        // The API and the CSV export keep telling the two apart.
        mvc.perform(get("/api/v1/organizations/{org}/members/{user}", org, joined.id()).with(user(manager.id())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("CONNECTED"));
        mvc.perform(get("/api/v1/organizations/{org}/members", org).param("status", "ACTIVE").with(user(manager.id())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[*].userId", not(hasItem(joined.id()))));
        mvc.perform(get("/api/v1/organizations/{org}/members", org).param("status", "CONNECTED").with(user(manager.id())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[*].userId", contains(joined.id())));
        String csv = mvc.perform(get("/organizations/{org}/users/export.csv", org).param("status", "ACTIVE").with(user(manager.id())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv.lines().filter(line -> line.contains(joined.email()))).singleElement().asString().contains(",connected,");
        assertThat(csv.lines().filter(line -> line.contains(added.email()))).singleElement().asString().contains(",active,");
    }

    @Test
    void withoutScriptsTheMenuIsServedOpenAndTheFiltersOpenOnlyWhenOneIsActive() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);

        String plain = page(manager, get("/organizations/{org}/users", org));
        assertThat(plain).contains("<details class=\"toolbar-menu\" open>", "<summary><span>Menu</span></summary>",
                "<details class=\"members-filter-box\">", "<summary>Filters</summary>");
        assertThat(plain).containsPattern("class=\"menu-me\">\\s*<span>Signed in as Test [^<]+</span>");

        for (String[] filter : List.of(new String[] {"role", "USER"}, new String[] {"status", "BLOCKED"}, new String[] {"q", "x"})) {
            assertThat(page(manager, get("/organizations/{org}/users", org).param(filter[0], filter[1])))
                    .as(filter[0]).contains("<details class=\"members-filter-box\" open=\"open\">");
        }
        // Sorting is not filtering.
        assertThat(page(manager, get("/organizations/{org}/users", org).param("sort", "-email")))
                .contains("<details class=\"members-filter-box\">");
    }

    /** The table row of one person. */
    private static String row(String html, String userId) {
        int link = html.indexOf("/users/" + userId + "\"");
        assertThat(link).as("a row for " + userId).isPositive();
        return html.substring(html.lastIndexOf("<tr", link), html.indexOf("</tr>", link));
    }

    @Test
    void columnHeadersSortBothWaysAndSayHowTheTableIsSorted() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        person(org, "A", "Alpha", Role.USER, List.of());
        person(org, "B", "Bravo", Role.CONTRIBUTOR, List.of());

        String byName = page(manager, get("/organizations/{org}/users", org));
        assertThat(byName).contains("href=\"/organizations/" + org + "/users?sort=-name\"",
                "href=\"/organizations/" + org + "/users?sort=email\"");

        String descending = page(manager, get("/organizations/{org}/users", org).param("sort", "-name"));
        List<String> names = lastNamesInTable(descending);
        assertThat(names.indexOf("Bravo")).isLessThan(names.indexOf("Alpha"));
        // Name sorted descending: its header now leads back to the default, ascending order.
        assertThat(descending).containsPattern("aria-sort=\"descending\">\\s*<a href=\"/organizations/" + org + "/users\"");

        String byRole = page(manager, get("/organizations/{org}/users", org).param("sort", "-role").param("q", "a"));
        assertThat(lastNamesInTable(byRole)).containsExactly("Alpha");
        assertThat(page(manager, get("/organizations/{org}/users", org).param("sort", "-role")))
                .containsPattern("<th scope=\"col\" aria-sort=\"descending\">\\s*<a [^>]*>Role</a>");
    }

    @Test
    void pagesOfFiftyWithTheTotalAndPreviousNextLinks() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        for (int i = 0; i < 52; i++) {
            person(org, "P", String.format("Paged%02d", i), Role.USER, List.of());
        }

        String first = page(manager, get("/organizations/{org}/users", org).param("q", "paged"));
        assertThat(lastNamesInTable(first)).hasSize(50);
        assertThat(first).contains("1–50 of 52", "rel=\"next\"", "href=\"/organizations/" + org + "/users?q=paged&amp;page=2\"")
                .doesNotContain("rel=\"prev\"");

        String second = page(manager, get("/organizations/{org}/users", org).param("q", "paged").param("page", "2"));
        assertThat(lastNamesInTable(second)).containsExactly("Paged50", "Paged51");
        assertThat(second).contains("51–52 of 52", "rel=\"prev\"").doesNotContain("rel=\"next\"");

        String beyond = page(manager, get("/organizations/{org}/users", org).param("q", "paged").param("page", "9"));
        assertThat(beyond).contains("There are no users on this page.", "href=\"/organizations/" + org + "/users?q=paged&amp;page=2\"")
                .doesNotContain(" of 52<");
    }

    @Test
    void aUserWithTheUserManagementRightMayUseTheList() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember admin = data.userManager(org);

        assertThat(page(admin, get("/organizations/{org}/users", org))).contains("<h1>User Management</h1>");
    }

    @Test
    void aPlainUserGetsTheNotAllowedPage() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember plain = data.user(org, "Licenses");

        String html = mvc.perform(get("/organizations/{org}/users", org).with(user(plain.id())))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("Not allowed", "You need the User Management right in this organization.")
                .doesNotContain("member-results");
    }

    @Test
    void anotherOrganizationsListIsNotFoundAndShowsNoneOfItsPeople() throws Exception {
        OrganizationId mine = data.organizationId();
        TestMember manager = data.manager(mine);
        OrganizationId theirs = data.organizationId();
        TestMember stranger = person(theirs, "Secret", "Stranger", Role.USER, List.of());

        for (String url : List.of("/organizations/" + theirs + "/users", "/organizations/" + theirs + "/users?q=secret",
                "/organizations/not-an-id/users")) {
            String html = mvc.perform(get(url).with(user(manager.id())).header("HX-Request", "true"))
                    .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
            assertThat(html).contains("Page not found").doesNotContain("Stranger", stranger.email(), theirs.toString() + "/users/");
        }
    }
}
