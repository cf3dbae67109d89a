package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Role;
import io.gatehouse.access.StaffRole;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.Organizations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.DateFormat;
import io.gatehouse.user.Language;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class ExportUsersTest {

    private static final String HEADER = "First name,Last name,Email,Login,Created,Status,Version used,Language,Location,Company,Role,Sites,Applications";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Members members;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Organizations organizations;

    private MockHttpServletResponse export(TestMember as, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(as.id()))).andExpect(status().isOk()).andReturn().getResponse();
    }

    private static String body(MockHttpServletResponse response) {
        return new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    /** The lines of the file without the byte order mark; the last line ends with CRLF too. */
    private static List<String> lines(MockHttpServletResponse response) {
        String text = body(response);
        assertThat(text).startsWith("\uFEFF").endsWith("\r\n");
        return Arrays.asList(text.substring(1).split("\r\n"));
    }

    private TestMember person(OrganizationId org, String first, String last, Role role, List<String> sites, String... rights) {
        String email = TestData.unique("export").toLowerCase() + "@example.test";
        MemberView view = members.add(data.admin(), org, new Members.NewMember(first, last, email, null, null, TestData.PASSWORD,
                role, List.of(rights), sites));
        return new TestMember(UserId.parse(view.userId()), email, TestData.PASSWORD, org, role);
    }

    @Test
    void theFileIsUtf8WithABomATranslatedHeaderCrlfLinesAndANameWithOrganizationAndDate() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        TestMember manager = data.manager(org);

        MockHttpServletResponse response = export(manager, get("/organizations/{org}/users/export.csv", org));

        byte[] bytes = response.getContentAsByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(response.getContentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment; filename=\"users-" + organization.name()
                + "-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"");
        List<String> lines = lines(response);
        assertThat(lines.get(0)).isEqualTo(HEADER);
        assertThat(lines).hasSize(2);
        assertThat(body(response)).doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
    }

    @Test
    void eachRowHasTheCreationDateInTheExportersFormatAndTheMembersLanguageRegionCompanyRoleSitesAndApplications() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        TestMember manager = data.manager(org);
        accounts.updateOwn(data.actor(manager.userId()),
                new AccountChanges(null, null, null, null, null, null, DateFormat.MONTH_DAY_YEAR, null));
        SiteView b = organizations.addSite(data.admin(), org, "Bergen");
        SiteView a = organizations.addSite(data.admin(), org, "Aalborg");
        TestMember zoe = person(org, "Zoé", "Durand", Role.USER, List.of(b.id(), a.id()), "Showcase 360 Administrator", "Licenses");
        accounts.update(data.admin(), zoe.userId(), new AccountChanges(null, null, null, null, null, Language.FR, null, null));
        members.change(data.admin(), org, zoe.userId(), new Members.MemberChange(null, null, null, true));
        Instant created = accounts.find(zoe.userId()).createdAt();

        List<String> lines = lines(export(manager, get("/organizations/{org}/users/export.csv", org)));

        String date = DateTimeFormatter.ofPattern("MM/dd/yyyy").format(created.atZone(ZoneOffset.UTC));
        assertThat(lines).contains(String.join(",", "Zoé", "Durand", zoe.email(), zoe.email(), date, "blocked", "", "French", "EU",
                organization.name(), "User", "Aalborg; Bergen", "Showcase 360; Customer Portal"));
        assertThat(lines).anyMatch(line -> line.startsWith("Test,") && line.contains(",active,,English,EU,")
                && line.endsWith(",Manager,All sites,Customer Portal"));
    }

    @Test
    void fieldsAreQuotedTheRfc4180WayAndFormulasAreNeutralized() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        person(org, "=HYPERLINK(\"http://evil.test\",\"Click\")", "Doe, \"Jr\"", Role.USER, List.of());
        person(org, "+1", "@SUM(A1)", Role.USER, List.of());
        person(org, "-2", "Plain", Role.USER, List.of());

        List<String> lines = lines(export(manager, get("/organizations/{org}/users/export.csv", org)));

        assertThat(lines).anyMatch(l -> l.startsWith("\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"Click\"\")\",\"Doe, \"\"Jr\"\"\","));
        assertThat(lines).anyMatch(l -> l.startsWith("'+1,'@SUM(A1),"));
        assertThat(lines).anyMatch(l -> l.startsWith("'-2,Plain,"));
    }

    @Test
    void theListsFiltersApplyToTheExport() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        person(org, "Ann", "Keeper", Role.CONTRIBUTOR, List.of(), "Licenses");
        person(org, "Bob", "Skipped", Role.USER, List.of());

        List<String> byRole = lines(export(manager, get("/organizations/{org}/users/export.csv", org).param("role", "CONTRIBUTOR")));
        assertThat(byRole).hasSize(2).anyMatch(l -> l.startsWith("Ann,Keeper,"));

        List<String> bySearch = lines(export(manager, get("/organizations/{org}/users/export.csv", org)
                .param("q", "skip").param("sort", "-email")));
        assertThat(bySearch).hasSize(2).anyMatch(l -> l.startsWith("Bob,Skipped,"));

        List<String> withApplication = lines(export(manager, get("/organizations/{org}/users/export.csv", org)
                .param("hasApplication", "true")));
        assertThat(withApplication).noneMatch(l -> l.startsWith("Bob,"));
    }

    @Test
    void allMyOrganizationsGivesOneRowPerRoleAndOnlyOrganizationsTheyManageMembersOf() throws Exception {
        OrganizationView a = data.organization();
        OrganizationView b = data.organization();
        OrganizationView c = data.organization();
        OrganizationId orgA = OrganizationId.parse(a.id());
        OrganizationId orgB = OrganizationId.parse(b.id());
        OrganizationId orgC = OrganizationId.parse(c.id());
        TestMember manager = data.manager(orgA);
        data.join(manager, orgB, Role.USER, "User Management");
        data.join(manager, orgC, Role.USER, "Licenses");
        TestMember both = person(orgA, "Two", "Places", Role.USER, List.of());
        data.join(both, orgB, Role.CONTRIBUTOR);
        TestMember hidden = person(orgC, "Not", "Mine", Role.USER, List.of());

        MockHttpServletResponse response = export(manager, get("/organizations/{org}/users/export.csv", orgA).param("scope", "all"));
        List<String> lines = lines(response);

        assertThat(lines.stream().filter(l -> l.contains(both.email()))).hasSize(2)
                .anyMatch(l -> l.contains("," + a.name() + ",User,")).anyMatch(l -> l.contains("," + b.name() + ",Contributor,"));
        assertThat(lines.stream().filter(l -> l.contains(manager.email()))).hasSize(2);
        assertThat(body(response)).doesNotContain(c.name(), hidden.email());
        assertThat(response.getHeader("Content-Disposition")).contains("users-all-organizations-");

        // The default is the organization in the address only.
        List<String> one = lines(export(manager, get("/organizations/{org}/users/export.csv", orgA)));
        assertThat(one.stream().filter(l -> l.contains(both.email()))).hasSize(1);
        assertThat(String.join("\n", one)).doesNotContain(b.name());
    }

    @Test
    void theListOffersAllMyOrganizationsOnlyToSomeoneWhoManagesSeveral() throws Exception {
        OrganizationId orgA = data.organizationId();
        OrganizationId orgB = data.organizationId();
        TestMember manager = data.manager(orgA);
        String single = mvc.perform(get("/organizations/{org}/users", orgA).with(user(manager.id())))
                .andReturn().getResponse().getContentAsString();
        assertThat(single).doesNotContain("id=\"export-all\"");

        data.join(manager, orgB, Role.MANAGER);
        String several = mvc.perform(get("/organizations/{org}/users", orgA).param("q", "t").with(user(manager.id())))
                .andReturn().getResponse().getContentAsString();
        assertThat(several).contains("href=\"/organizations/" + orgA + "/users/export.csv?q=t&amp;scope=all\"",
                ">All my organizations</a>", "aria-label=\"Export users: All my organizations\"");
    }

    @Test
    void aVendorAdminExportsEveryOrganization() throws Exception {
        String family = TestData.unique("Vendorwide");
        OrganizationView a = data.organization();
        OrganizationView b = data.organization();
        person(OrganizationId.parse(a.id()), "In", family, Role.USER, List.of());
        person(OrganizationId.parse(b.id()), "Also", family, Role.USER, List.of());
        var vendor = data.staff(StaffRole.VENDOR_ADMIN);

        String csv = body(mvc.perform(get("/organizations/{org}/users/export.csv", a.id()).param("scope", "all")
                        .param("q", family).with(user(vendor.userId())))
                .andExpect(status().isOk()).andReturn().getResponse());

        assertThat(csv).contains("In," + family + ",").contains("Also," + family + ",").contains(a.name(), b.name());
    }

    @Test
    void theApiGivesTheSameFileWithBasicAuthenticationInTheLanguageAsked() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        TestMember manager = data.manager(org);
        person(org, "Zoé", "Durand", Role.USER, List.of(), "Licenses");

        MockHttpServletResponse response = mvc.perform(get("/api/v1/organizations/{org}/members.csv", org)
                        .with(httpBasic(manager.email(), manager.password())).header("Accept-Language", "fr"))
                .andExpect(status().isOk()).andReturn().getResponse();

        List<String> lines = lines(response);
        assertThat(lines.get(0)).isEqualTo("Prénom,Nom,E-mail,Login,Date de création,Statut,Version d’utilisation,Langue,Localisation,Société,Rôle,Sites,Applications");
        assertThat(lines).anyMatch(l -> l.startsWith("Zoé,Durand,") && l.contains(",actif,,anglais,EU,") && l.endsWith(",User,,Customer Portal"));
        assertThat(lines).anyMatch(l -> l.endsWith(",Manager,Tous les sites,Customer Portal"));
        assertThat(response.getHeader("Content-Disposition")).contains("users-" + organization.name());

        mvc.perform(get("/api/v1/organizations/{org}/members.csv", org).param("scope", "everything")
                        .with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/organizations/{org}/members.csv", org)).andExpect(status().isUnauthorized());
    }

    @Test
    void aPlainUserMayNotExport() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember plain = data.user(org, "Licenses");

        mvc.perform(get("/organizations/{org}/users/export.csv", org).with(user(plain.id()))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/organizations/{org}/members.csv", org).with(httpBasic(plain.email(), plain.password())))
                .andExpect(status().isForbidden());
    }

    @Test
    void anotherOrganizationsExportIsNotFoundAndContainsNoneOfItsPeople() throws Exception {
        OrganizationId mine = data.organizationId();
        TestMember manager = data.manager(mine);
        OrganizationId theirs = data.organizationId();
        TestMember stranger = person(theirs, "Secret", "Stranger", Role.USER, List.of());

        for (String url : List.of("/organizations/" + theirs + "/users/export.csv",
                "/organizations/" + theirs + "/users/export.csv?scope=all", "/organizations/nonsense/users/export.csv")) {
            MockHttpServletResponse response = mvc.perform(get(url).with(user(manager.id())))
                    .andExpect(status().isNotFound()).andReturn().getResponse();
            assertThat(response.getContentAsString()).contains("Page not found").doesNotContain("Stranger", stranger.email());
            assertThat(response.getHeader("Content-Disposition")).isNull();
        }
        for (String url : List.of("/api/v1/organizations/" + theirs + "/members.csv",
                "/api/v1/organizations/" + theirs + "/members.csv?scope=all")) {
            MockHttpServletResponse response = mvc.perform(get(url).with(httpBasic(manager.email(), manager.password())))
                    .andExpect(status().isNotFound()).andReturn().getResponse();
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(response.getContentAsString()).doesNotContain("Stranger", stranger.email());
        }
        // Exporting "all my organizations" from my own never reaches theirs.
        assertThat(body(export(manager, get("/organizations/{org}/users/export.csv", mine).param("scope", "all"))))
                .doesNotContain(stranger.email());
    }

    @Test
    void aLargeOrganizationStreamsEveryMemberOnceInNameOrder() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        int count = 1_203;
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            UUID user = UUID.randomUUID();
            String email = "bulk-" + user + "@example.test";
            String last = String.format("Bulk%04d", i);
            jdbc.sql("""
                            insert into user_account (id, first_name, last_name, email, email_key, login, login_key, password_hash,
                              status, language, date_format, time_zone, created_at, version)
                            values (?, 'B', ?, ?, ?, ?, ?, 'x', 'ACTIVE', 'es', 'dd/MM/yyyy', 'UTC', ?, 0)""")
                    .params(user, last, email, email, email, email, Timestamp.from(now)).update();
            jdbc.sql("""
                            insert into membership (id, organization_id, user_id, role, status, first_name_key, last_name_key,
                              email_key, login_key, created_at, version)
                            values (?, ?, ?, 'USER', 'ACTIVE', 'b', ?, ?, ?, ?, 0)""")
                    .params(UUID.randomUUID(), org.value(), user, last.toLowerCase(), email, email, Timestamp.from(now)).update();
        }

        List<String> lines = lines(export(manager, get("/organizations/{org}/users/export.csv", org).param("q", "bulk")));

        assertThat(lines).hasSize(count + 1);
        List<String> lastNames = lines.subList(1, lines.size()).stream().map(l -> l.split(",")[1]).toList();
        assertThat(lastNames).doesNotHaveDuplicates().isSorted().first().isEqualTo("Bulk0000");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains(",active,,Spanish,"));
    }
}
