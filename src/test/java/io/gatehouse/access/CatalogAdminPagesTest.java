package io.gatehouse.access;

import io.gatehouse.user.Language;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.AccountChanges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The catalogue is shared by every test: each test adds and renames only names of its own. */
@IntegrationTest
class CatalogAdminPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Test
    void theVendorAdminSeesEveryApplicationWithItsRightsAndWhichAreManagedExternally() throws Exception {
        String page = html(asAdmin(get("/admin/applications")));
        assertThat(page).contains("Applications", "Showcase 360", "Showcase 360 Administrator", "Customer Portal",
                "User Management", "Licenses", "Contacts", "Contacts Viewer", "Managed externally", "Add an application");
        assertThat(page).containsPattern("Contacts</span>\\s*<span class=\"badge\">Managed externally</span>")
                .doesNotContainPattern("Customer Portal</span>\\s*<span class=\"badge\">");
    }

    @Test
    void addingAnApplicationAndARightOffersTheRightToEveryOrganization() throws Exception {
        String application = TestData.unique("Planner");
        mvc.perform(asAdmin(post("/admin/applications")).with(csrf()).param("name", application))
                .andExpect(redirectedUrlPattern("/admin/applications#app-*"))
                .andExpect(flash().attribute("flash", "admin.catalog.applicationAdded"));
        CatalogApplication added = application(application);
        assertThat(added.managedExternally()).isFalse();

        String right = TestData.unique("Planner Editor");
        mvc.perform(asAdmin(post("/admin/applications/" + added.id() + "/rights")).with(csrf()).param("name", right))
                .andExpect(redirectedUrl("/admin/applications#app-" + added.id()))
                .andExpect(flash().attribute("flash", "admin.catalog.rightAdded"));
        assertThat(application(application).rights()).extracting(CatalogRight::name).containsExactly(right);

        mvc.perform(get("/api/v1/applications").with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD)))
                .andExpect(jsonPath("$[?(@.name == '" + application + "')].rights[0].name").value(right));
        assertThat(catalogEntries("catalog.applicationAdded", added.id())).isEqualTo(1);
        assertThat(catalogEntries("catalog.rightAdded", application(application).rights().get(0).id())).isEqualTo(1);
    }

    @Test
    void anApplicationAddedAsManagedExternallyShowsItAndCanBeManagedInThePortalAgain() throws Exception {
        String application = TestData.unique("Ledger");
        mvc.perform(asAdmin(post("/admin/applications")).with(csrf()).param("name", application).param("managedExternally", "true"))
                .andExpect(status().is3xxRedirection());
        CatalogApplication added = application(application);
        assertThat(added.managedExternally()).isTrue();

        mvc.perform(asAdmin(post("/admin/applications/" + added.id() + "/managed-externally")).with(csrf())
                        .param("managedExternally", "false"))
                .andExpect(redirectedUrl("/admin/applications#app-" + added.id()));
        assertThat(application(application).managedExternally()).isFalse();
        assertThat(catalogEntries("catalog.applicationUpdated", added.id())).isEqualTo(1);
    }

    @Test
    void renamingARightCarriesOverToTheMembersWhoHoldIt() throws Exception {
        String application = TestData.unique("Studio");
        String right = TestData.unique("Studio Viewer");
        mvc.perform(asAdmin(post("/admin/applications")).with(csrf()).param("name", application));
        UUID applicationId = application(application).id();
        mvc.perform(asAdmin(post("/admin/applications/" + applicationId + "/rights")).with(csrf()).param("name", right));
        UUID rightId = application(application).rights().get(0).id();
        OrganizationId org = data.organizationId();
        TestMember holder = data.user(org, right);

        String renamed = TestData.unique("Studio Reader");
        mvc.perform(asAdmin(post("/admin/applications/" + applicationId + "/rights/" + rightId)).with(csrf()).param("name", renamed))
                .andExpect(redirectedUrl("/admin/applications#app-" + applicationId))
                .andExpect(flash().attribute("flash", "admin.catalog.rightRenamed"));

        assertThat(application(application).rights()).extracting(CatalogRight::name).containsExactly(renamed);
        assertThat(data.actor(holder.userId()).in(org).orElseThrow().rights()).containsExactly(renamed);
        assertThat(catalogEntries("catalog.rightRenamed", rightId)).isEqualTo(1);
    }

    @Test
    void blankTakenAndTooLongNamesAreExplainedNextToTheirForm() throws Exception {
        String page = mvc.perform(asAdmin(post("/admin/applications")).with(csrf()).param("name", " "))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-describedby=\"application-name-error\"", "This field is required.");

        page = mvc.perform(asAdmin(post("/admin/applications")).with(csrf()).param("name", "showcase 360"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("An application with this name already exists.", "value=\"showcase 360\"");

        UUID portal = application("Customer Portal").id();
        page = mvc.perform(asAdmin(post("/admin/applications/" + portal + "/rights")).with(csrf()).param("name", "licenses"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-describedby=\"right-" + portal + "-error\"", "An access right with this name already exists.");

        page = mvc.perform(asAdmin(post("/admin/applications/" + portal + "/rights")).with(csrf()).param("name", "x".repeat(101)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("At most 100 characters.");
        assertThat(application("Customer Portal").rights()).extracting(CatalogRight::name).containsExactly("User Management", "Licenses");
    }

    @Test
    void theUserManagementRightKeepsItsName() throws Exception {
        CatalogApplication portal = application("Customer Portal");
        UUID userManagement = portal.rights().get(0).id();
        String page = mvc.perform(asAdmin(post("/admin/applications/" + portal.id() + "/rights/" + userManagement)).with(csrf())
                        .param("name", "People Admin"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("role=\"alert\"",
                "“User Management” decides who may manage users in the portal, so it keeps its name.");
        assertThat(application("Customer Portal").rights().get(0).name()).isEqualTo(AccessPolicy.USER_MANAGEMENT);
        String catalogue = html(asAdmin(get("/admin/applications")));
        assertThat(catalogue).doesNotContain("id=\"rename-" + userManagement + "\"")
                .contains("id=\"rename-" + portal.rights().get(1).id() + "\"", "Keeps its name");
    }

    @Test
    void aRightIsRenamedOnlyUnderItsOwnApplication() throws Exception {
        UUID showcase = application("Showcase 360").id();
        UUID licenses = application("Customer Portal").rights().get(1).id();
        mvc.perform(asAdmin(post("/admin/applications/" + showcase + "/rights/" + licenses)).with(csrf()).param("name", "Seats"))
                .andExpect(status().isNotFound());
        mvc.perform(asAdmin(post("/admin/applications/" + UUID.randomUUID() + "/rights")).with(csrf()).param("name", "Seats"))
                .andExpect(status().isNotFound());
        assertThat(application("Customer Portal").rights().get(1).name()).isEqualTo("Licenses");
    }

    @Test
    void managersAndVendorSupportGetTheForbiddenPageAndTheCatalogueStaysAsItWas() throws Exception {
        TestMember manager = data.manager(data.organizationId());
        UserId support = data.staff(StaffRole.VENDOR_SUPPORT).id();
        CatalogApplication contacts = application("Contacts");
        UUID viewer = contacts.rights().get(0).id();
        List<CatalogApplication> before = catalog.applications();
        String name = TestData.unique("Rogue");
        for (UserId refused : List.of(manager.userId(), support)) {
            for (MockHttpServletRequestBuilder attempt : List.of(
                    get("/admin/applications"),
                    post("/admin/applications").param("name", name),
                    post("/admin/applications/" + contacts.id() + "/rights").param("name", name),
                    post("/admin/applications/" + contacts.id() + "/rights/" + viewer).param("name", name),
                    post("/admin/applications/" + contacts.id() + "/managed-externally").param("managedExternally", "false"))) {
                String page = mvc.perform(attempt.with(user(refused.toString())).with(csrf()))
                        .andExpect(status().isForbidden())
                        .andReturn().getResponse().getContentAsString();
                assertThat(page).contains("Only a vendor admin can do this.").doesNotContain("Contacts Viewer");
            }
        }
        assertThat(catalog.applications()).isEqualTo(before);
    }

    @Test
    void theCatalogueReadsInEachLanguageWithoutAMissingMessage() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        for (Language language : Language.values()) {
            accounts.updateOwn(data.actor(admin.id()), new AccountChanges(null, null, null, null, null, language, null, null));
            String page = html(get("/admin/applications").with(user(admin.userId())));
            assertThat(page).as(language.code()).contains("lang=\"" + language.code() + "\"").doesNotContain("??");
            String invalid = mvc.perform(post("/admin/applications").with(user(admin.userId())).with(csrf()).param("name", ""))
                    .andReturn().getResponse().getContentAsString();
            assertThat(invalid).as(language.code()).contains("field-error").doesNotContain("??");
        }
    }

    @Test
    void markingAnApplicationManagedExternallyAsksFirstSinceEveryOrganizationLosesItsRights() throws Exception {
        String application = TestData.unique("Ledger");
        mvc.perform(asAdmin(post("/admin/applications")).with(csrf()).param("name", application)).andExpect(status().is3xxRedirection());
        CatalogApplication added = application(application);
        String action = "/admin/applications/" + added.id() + "/managed-externally";
        String question = "Mark " + application + " as managed externally? Every organization can then only view its access rights: "
                + "nobody grants or withdraws them in the portal any more.";

        String html = html(asAdmin(post(action)).with(csrf()).param("managedExternally", "true"));

        assertThat(html).contains("<h1>Mark " + application + " as managed externally?</h1>", question,
                "href=\"/admin/applications\">Applications</a>", "action=\"" + action + "\"",
                "name=\"managedExternally\" value=\"true\"", "name=\"confirmed\" value=\"true\"");
        assertThat(application(application).managedExternally()).isFalse();
        assertThat(html(asAdmin(get("/admin/applications")))).contains("data-confirm=\"" + question + "\"");

        mvc.perform(asAdmin(post(action)).with(csrf()).param("managedExternally", "true").param("confirmed", "true"))
                .andExpect(redirectedUrl("/admin/applications#app-" + added.id()));
        assertThat(application(application).managedExternally()).isTrue();
    }

    private CatalogApplication application(String name) {
        return catalog.applications().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    private long catalogEntries(String action, UUID target) {
        return jdbc.sql("select count(*) from audit_entry where organization_id is null and action = ? and target_id = ?")
                .params(action, target.toString()).query(Long.class).single();
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(user(data.admin().userId().toString()));
    }
}
