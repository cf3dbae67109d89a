package io.gatehouse.organization;

import io.gatehouse.user.Language;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.AccountChanges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.StaffRole;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class OrganizationAdminPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Organizations organizations;

    @Autowired
    Accounts accounts;

    @Test
    void theVendorAdminListsOrganizationsWithRegionModeAndCreationDate() throws Exception {
        OrganizationView organization = data.organization(ManagementMode.VENDOR_MANAGED);
        String page = html(asAdmin(get("/admin/organizations")).param("q", organization.name()));
        assertThat(page).contains("Organizations", organization.name(), "/admin/organizations/" + organization.id(), "EU",
                "Vendor-managed", "Create organization", "1 organization");
        assertThat(page).containsPattern("<option value=\"EU\">EU</option>\\s*<option value=\"AU\">AU</option>");
    }

    @Test
    void theSearchKeepsOnlyNamesThatStartWithIt() throws Exception {
        String prefix = TestData.unique("Search");
        OrganizationView first = organizations.create(data.admin(), prefix + " Alpha", "EU", ManagementMode.SELF_MANAGED);
        OrganizationView other = data.organization();
        String page = html(asAdmin(get("/admin/organizations")).param("q", prefix));
        String results = page.substring(page.indexOf("<div id=\"organization-results\""), page.indexOf("</table>"));
        assertThat(results).contains(first.name(), "1 organization").doesNotContain(other.name());

        String fragment = html(asAdmin(get("/admin/organizations")).param("q", prefix).header("HX-Request", "true"));
        assertThat(fragment).startsWith("<div id=\"organization-results\"").contains(first.name())
                .doesNotContain("<html", other.name());
    }

    @Test
    void theVendorAdminCreatesAnOrganizationWithRegionAndManagementMode() throws Exception {
        String name = TestData.unique("Created");
        MockHttpServletResponse response = mvc.perform(asAdmin(post("/admin/organizations")).with(csrf())
                        .param("name", name).param("region", "AU").param("managementMode", "VENDOR_MANAGED"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "admin.organizations.wasCreated"))
                .andReturn().getResponse();
        OrganizationView created = organizations.list(data.admin(), name, PageRequest.of(0, 5)).items().get(0);
        assertThat(response.getRedirectedUrl()).isEqualTo("/admin/organizations/" + created.id());
        assertThat(created.region()).isEqualTo("AU");
        assertThat(created.managementMode()).isEqualTo(ManagementMode.VENDOR_MANAGED);
        assertThat(data.auditEntries(OrganizationId.parse(created.id()), "organization.created")).isEqualTo(1);

        String page = html(asAdmin(get(response.getRedirectedUrl())));
        assertThat(page).contains(name, "value=\"AU\" selected=\"selected\"", "Add site", "This organization has no sites yet.");
    }

    @Test
    void aFormWithoutNameRegionOrModeExplainsEachFieldAndCreatesNothing() throws Exception {
        String page = mvc.perform(asAdmin(post("/admin/organizations")).with(csrf()).param("name", "").param("region", ""))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-describedby=\"new-name-error\"", "aria-describedby=\"new-mode-error\"",
                "This field is required.");
        assertThat(page).as("the region is named with the other fields")
                .contains("aria-describedby=\"new-region-error\"", "Choose one of these regions: EU, AU, ZA, US.");

        String name = TestData.unique("NoRegion");
        page = mvc.perform(asAdmin(post("/admin/organizations")).with(csrf())
                        .param("name", name).param("region", "").param("managementMode", "SELF_MANAGED"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-describedby=\"new-region-error\"", "Choose one of these regions: EU, AU, ZA, US.",
                "value=\"" + name + "\"");
        assertThat(organizations.list(data.admin(), name, PageRequest.of(0, 5)).total()).isZero();
    }

    @Test
    void aTakenNameIsRefusedNextToTheNameField() throws Exception {
        OrganizationView existing = data.organization();
        String page = mvc.perform(asAdmin(post("/admin/organizations")).with(csrf())
                        .param("name", existing.name().toLowerCase()).param("region", "EU").param("managementMode", "SELF_MANAGED"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-describedby=\"new-name-error\"", "An organization with this name already exists.");
    }

    @Test
    void theVendorAdminChangesNameRegionAndModeAndAddsASite() throws Exception {
        OrganizationView organization = data.organization();
        String url = "/admin/organizations/" + organization.id();
        String page = html(asAdmin(get(url)));
        assertThat(page).contains("Organization settings", "value=\"" + organization.name() + "\"", "Self-managed");

        String renamed = TestData.unique("Renamed");
        mvc.perform(asAdmin(post(url)).with(csrf()).param("name", renamed).param("region", "ZA")
                        .param("managementMode", "VENDOR_MANAGED"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "admin.organizations.saved"));
        OrganizationView after = organizations.get(data.admin(), OrganizationId.parse(organization.id()));
        assertThat(after.name()).isEqualTo(renamed);
        assertThat(after.region()).isEqualTo("ZA");
        assertThat(after.managementMode()).isEqualTo(ManagementMode.VENDOR_MANAGED);

        String site = TestData.unique("Depot");
        mvc.perform(asAdmin(post(url + "/sites")).with(csrf()).param("name", site))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "admin.organizations.siteAdded"));
        assertThat(html(asAdmin(get(url)))).contains(site, "/organizations/" + organization.id() + "/sites/");
    }

    @Test
    void aBlankSiteNameOrABlankNewNameIsRefusedWithItsMessage() throws Exception {
        OrganizationView organization = data.organization();
        String url = "/admin/organizations/" + organization.id();
        String page = mvc.perform(asAdmin(post(url + "/sites")).with(csrf()).param("name", ""))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-describedby=\"admin-site-name-error\"", "This field is required.");

        page = mvc.perform(asAdmin(post(url)).with(csrf()).param("name", " ").param("region", "EU")
                        .param("managementMode", "SELF_MANAGED"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-describedby=\"edit-name-error\"", "This field is required.");
        assertThat(organizations.get(data.admin(), OrganizationId.parse(organization.id())).name()).isEqualTo(organization.name());
        assertThat(organizations.sites(OrganizationId.parse(organization.id()))).isEmpty();
    }

    @Test
    void managersAndVendorSupportGetTheForbiddenPageShowingNothingOfAnyOrganization() throws Exception {
        TestMember manager = data.manager(data.organizationId());
        OrganizationView other = data.organization();
        OrganizationId b = OrganizationId.parse(other.id());
        UserId support = data.staff(StaffRole.VENDOR_SUPPORT).id();
        String name = TestData.unique("Rogue");
        for (UserId refused : List.of(manager.userId(), support)) {
            List<MockHttpServletRequestBuilder> attempts = List.of(
                    get("/admin/organizations"),
                    get("/admin/organizations").param("q", other.name()).header("HX-Request", "true"),
                    post("/admin/organizations").param("name", name).param("region", "EU").param("managementMode", "SELF_MANAGED"),
                    get("/admin/organizations/" + b),
                    post("/admin/organizations/" + b).param("name", name).param("region", "US").param("managementMode", "VENDOR_MANAGED"),
                    post("/admin/organizations/" + b + "/sites").param("name", name));
            for (MockHttpServletRequestBuilder attempt : attempts) {
                String page = mvc.perform(attempt.with(user(refused.toString())).with(csrf()))
                        .andExpect(status().isForbidden())
                        .andReturn().getResponse().getContentAsString();
                // Vendor support may see every organization in the switcher; the page itself shows none.
                String content = page.substring(page.indexOf("<main"), page.indexOf("</main>"));
                assertThat(content).contains("Only a vendor admin can do this.").doesNotContain(other.name());
            }
        }
        OrganizationView after = organizations.get(data.admin(), b);
        assertThat(after).isEqualTo(other);
        assertThat(organizations.sites(b)).isEmpty();
        assertThat(organizations.list(data.admin(), name, PageRequest.of(0, 5)).total()).isZero();
    }

    @Test
    void aPageNumberThatIsNotANumberShowsTheFirstPage() throws Exception {
        assertThat(html(asAdmin(get("/admin/organizations")).param("page", "first"))).contains("All organizations", "<caption");
    }

    @Test
    void anUnknownOrganizationIsNotFound() throws Exception {
        mvc.perform(asAdmin(get("/admin/organizations/" + UUID.randomUUID()))).andExpect(status().isNotFound());
        mvc.perform(asAdmin(get("/admin/organizations/not-an-id"))).andExpect(status().isNotFound());
    }

    @Test
    void theAdminPagesReadInEachLanguageWithoutAMissingMessage() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        OrganizationView organization = data.organization();
        data.site(OrganizationId.parse(organization.id()));
        for (Language language : Language.values()) {
            accounts.updateOwn(data.actor(admin.id()), new AccountChanges(null, null, null, null, null, language, null, null));
            for (String uri : List.of("/admin/organizations", "/admin/organizations?q=zzz", "/admin/organizations/" + organization.id())) {
                String page = html(get(uri).with(user(admin.userId())));
                assertThat(page).as(language + " " + uri).contains("lang=\"" + language.code() + "\"").doesNotContain("??");
            }
            String invalid = mvc.perform(post("/admin/organizations").with(user(admin.userId())).with(csrf()).param("name", ""))
                    .andReturn().getResponse().getContentAsString();
            assertThat(invalid).as(language + " invalid").contains("field-error").doesNotContain("??");
        }
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(user(data.admin().userId().toString()));
    }
}
