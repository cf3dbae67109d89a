package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.Organizations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A Manager of organization A aims the site pages at organization B: B's organization id, B's
 * site under A's id, B's people in a save of A's site. Every page answers 404 like an unknown id,
 * shows nothing of B, and B stays exactly as it was.
 */
@IntegrationTest
class SiteTenantIsolationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Organizations organizations;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    OrganizationId orgA;
    SiteView siteA;
    TestMember managerA;

    OrganizationView orgB;
    SiteView siteB;
    TestMember managerB;
    TestMember memberB;
    List<String> secretsOfB;

    @BeforeEach
    void twoOrganizations() {
        orgA = data.organizationId();
        siteA = data.site(orgA);
        managerA = data.manager(orgA);
        data.member(orgA, Role.USER, List.of(siteA.id()));

        orgB = data.organization();
        OrganizationId b = OrganizationId.parse(orgB.id());
        siteB = data.site(b);
        managerB = data.manager(b);
        memberB = data.member(b, Role.USER, List.of(siteB.id()));
        secretsOfB = new ArrayList<>(List.of(orgB.id(), orgB.name(), siteB.id(), siteB.name(), managerB.id(), managerB.email(),
                memberB.id(), memberB.email()));
    }

    @Test
    void everySitePageAnswersNotFoundForAnotherOrganizationsIds() throws Exception {
        String b = orgB.id();
        String a = orgA.toString();
        String unknownOrg = UUID.randomUUID().toString();
        String unknownSite = UUID.randomUUID().toString();
        String stateBefore = stateOfB();
        SoftAssertions softly = new SoftAssertions();

        List<MockHttpServletRequestBuilder> attempts = List.of(
                get("/organizations/" + b + "/sites"),
                post("/organizations/" + b + "/sites").param("name", "Rogue site"),
                get("/organizations/" + b + "/sites/" + siteB.id()),
                get("/organizations/" + b + "/sites/" + siteB.id() + "/access"),
                get("/organizations/" + b + "/sites/" + siteB.id() + "/access").header("HX-Request", "true"),
                post("/organizations/" + b + "/sites/" + siteB.id() + "/access").param("shown", memberB.id()),
                // B's site under A's own organization id.
                get("/organizations/" + a + "/sites/" + siteB.id()),
                get("/organizations/" + a + "/sites/" + siteB.id() + "/access"),
                post("/organizations/" + a + "/sites/" + siteB.id() + "/access").param("shown", memberB.id()));
        List<MockHttpServletRequestBuilder> unknown = List.of(
                get("/organizations/" + unknownOrg + "/sites"),
                post("/organizations/" + unknownOrg + "/sites").param("name", "Rogue site"),
                get("/organizations/" + unknownOrg + "/sites/" + unknownSite),
                get("/organizations/" + unknownOrg + "/sites/" + unknownSite + "/access"),
                get("/organizations/" + unknownOrg + "/sites/" + unknownSite + "/access").header("HX-Request", "true"),
                post("/organizations/" + unknownOrg + "/sites/" + unknownSite + "/access").param("shown", memberB.id()),
                get("/organizations/" + a + "/sites/" + unknownSite),
                get("/organizations/" + a + "/sites/" + unknownSite + "/access"),
                post("/organizations/" + a + "/sites/" + unknownSite + "/access").param("shown", memberB.id()));

        for (int i = 0; i < attempts.size(); i++) {
            MockHttpServletResponse foreign = send(attempts.get(i));
            MockHttpServletResponse none = send(unknown.get(i));
            String label = "attempt " + i;
            softly.assertThat(foreign.getStatus()).as(label).isEqualTo(404);
            softly.assertThat(withoutToken(foreign)).as(label).isEqualTo(withoutToken(none));
            for (String secret : secretsOfB) {
                softly.assertThat(foreign.getContentAsString()).as(label).doesNotContain(secret);
            }
        }
        softly.assertAll();
        assertThat(stateOfB()).isEqualTo(stateBefore);
    }

    @Test
    void aSaveOfTheManagersOwnSiteIgnoresPeopleOfAnotherOrganization() throws Exception {
        String stateBefore = stateOfB();
        MockHttpServletResponse response = send(post("/organizations/" + orgA + "/sites/" + siteA.id() + "/access")
                .param("shown", memberB.id(), managerB.id()).param("access", memberB.id(), managerB.id()));
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(stateOfB()).isEqualTo(stateBefore);
        assertThat(memberships.find(orgA, memberB.userId())).isEmpty();
        assertThat(data.auditEntries(orgA, "site.accessGranted")).isZero();
    }

    @Test
    void theManagersOwnSitePagesShowNothingOfTheOtherOrganization() throws Exception {
        for (String uri : List.of("/organizations/" + orgA + "/sites", "/organizations/" + orgA + "/sites/" + siteA.id(),
                "/organizations/" + orgA + "/sites/" + siteA.id() + "/access")) {
            MockHttpServletResponse response = send(get(uri));
            assertThat(response.getStatus()).as(uri).isEqualTo(200);
            for (String secret : secretsOfB) {
                assertThat(response.getContentAsString()).as(uri).doesNotContain(secret);
            }
        }
    }

    @Test
    void searchingTheManagersOwnSiteForSomeoneOfTheOtherOrganizationFindsNoOne() throws Exception {
        MockHttpServletResponse response = send(get("/organizations/" + orgA + "/sites/" + siteA.id() + "/access")
                .param("q", memberB.email()));
        assertThat(response.getContentAsString()).contains("No one matches this search.")
                .doesNotContain(memberB.id(), "access-" + memberB.id());
    }

    @Test
    void theVendorAdminDoesSeeTheOtherOrganizationsSiteAndPeople() throws Exception {
        // The control for the searches above: were B's data on these pages, they would be found.
        String admin = data.admin().userId().toString();
        String page = mvc.perform(get("/organizations/" + orgB.id() + "/sites/" + siteB.id() + "/access").with(user(admin)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(siteB.name(), memberB.email(), managerB.email());
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(managerA.id())).with(csrf())).andReturn().getResponse();
    }

    /** The page without its CSRF token, which differs on every response. */
    private static String withoutToken(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString().replaceAll("(name=\"_csrf\" (content|value)=)\"[^\"]*\"", "$1\"\"")
                .replaceAll("(class=\"request-id[^>]*>.*?<code>)[^<]*(</code>)", "$1$2");
    }

    /** B's sites, who reaches them, and B's audit trail, as one comparable text. */
    private String stateOfB() {
        OrganizationId b = OrganizationId.parse(orgB.id());
        return organizations.sites(b).stream().map(SiteView::name).toList()
                + " " + memberships.get(b, memberB.userId()).sites().stream().map(SiteId::toString).sorted().toList()
                + " " + jdbc.sql("select count(*) from audit_entry where organization_id = ?").param(b.value()).query(Long.class).single();
    }
}
