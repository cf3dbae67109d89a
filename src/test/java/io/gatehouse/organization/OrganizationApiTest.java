package io.gatehouse.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.access.Role;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class OrganizationApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Test
    void vendorAdminCreatesOrganizationAndGetsItsLocation() throws Exception {
        String name = TestData.unique("Acme");
        String location = mvc.perform(asAdmin(post("/api/v1/organizations"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","region":"eu","managementMode":"VENDOR_MANAGED"}""".formatted(name)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/organizations/")))
                .andExpect(jsonPath("$.id").isString())
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.region").value("EU"))
                .andExpect(jsonPath("$.managementMode").value("VENDOR_MANAGED"))
                .andExpect(jsonPath("$.createdAt").isString())
                .andReturn().getResponse().getHeader("Location");

        String id = location.substring(location.lastIndexOf('/') + 1);
        mvc.perform(asAdmin(get(location)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.name").value(name));
        assertThat(data.auditEntries(OrganizationId.parse(id), "organization.created")).isEqualTo(1);
    }

    @Test
    void managerCannotCreateOrganization() throws Exception {
        TestMember manager = data.manager(data.organizationId());
        String name = TestData.unique("Rogue");
        mvc.perform(as(manager, post("/api/v1/organizations"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","region":"EU","managementMode":"SELF_MANAGED"}""".formatted(name)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.reason").value("policy.vendorAdminOnly"));

        mvc.perform(asAdmin(get("/api/v1/organizations")).param("q", name))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void membersListOnlyTheirOwnOrganizationsWhileVendorAdminListsAll() throws Exception {
        String prefix = TestData.unique("Listing");
        String first = createAsAdmin(prefix + "-First", "EU", "SELF_MANAGED");
        String second = createAsAdmin(prefix + "-Second", "US", "VENDOR_MANAGED");
        TestMember manager = data.manager(OrganizationId.parse(first));
        TestMember inBoth = data.join(data.user(OrganizationId.parse(first)), OrganizationId.parse(second), Role.USER);

        mvc.perform(as(manager, get("/api/v1/organizations")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").value(first))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(50));
        mvc.perform(as(inBoth, get("/api/v1/organizations")))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[*].id", containsInAnyOrder(first, second)));
        mvc.perform(asAdmin(get("/api/v1/organizations")).param("q", prefix.toUpperCase()))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[0].id").value(first))
                .andExpect(jsonPath("$.items[1].id").value(second));
        mvc.perform(asAdmin(get("/api/v1/organizations")).param("q", prefix).param("size", "1").param("page", "1"))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").value(second));
    }

    @Test
    void nameSearchTakesWildcardsLiterally() throws Exception {
        data.organization();
        for (String q : List.of("%", "_", "\\")) {
            mvc.perform(asAdmin(get("/api/v1/organizations")).param("q", q))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").value(0));
        }
    }

    @Test
    void blockedMembershipIsNotListedAmongTheMembersOrganizations() throws Exception {
        OrganizationId org = data.organizationId();
        data.manager(org);
        TestMember member = data.user(org);
        mvc.perform(asAdmin(patch("/api/v1/organizations/{org}/members/{user}", org, member.id()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"blocked\":true}"))
                .andExpect(status().isOk());

        mvc.perform(as(member, get("/api/v1/organizations")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void managerRenamesTheirOrganization() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String newName = TestData.unique("Renamed");

        mvc.perform(as(manager, patch("/api/v1/organizations/{org}", org))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"  " + newName + "  \"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(newName))
                .andExpect(jsonPath("$.region").value("EU"));

        mvc.perform(as(manager, get("/api/v1/organizations/{org}", org)))
                .andExpect(jsonPath("$.name").value(newName));
        mvc.perform(as(manager, get("/api/v1/organizations/{org}/audit", org)).param("action", "organization.updated"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].actorId").value(manager.id()))
                .andExpect(jsonPath("$.items[0].after.name").value(newName))
                .andExpect(jsonPath("$.items[0].before.name", startsWith("Org-")));
    }

    @Test
    void userRoleMemberCannotRenameTheOrganization() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember member = data.userManager(org);
        mvc.perform(as(member, patch("/api/v1/organizations/{org}", org))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + TestData.unique("Mine") + "\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.managerOnly"));
        assertThat(data.auditEntries(org, "organization.updated")).isZero();
    }

    @Test
    void managerCannotChangeRegionOrManagementMode() throws Exception {
        OrganizationView created = data.organization();
        OrganizationId org = OrganizationId.parse(created.id());
        TestMember manager = data.manager(org);

        for (String body : List.of("{\"region\":\"US\"}", "{\"managementMode\":\"VENDOR_MANAGED\"}",
                "{\"name\":\"" + TestData.unique("Sneaky") + "\",\"region\":\"AU\"}")) {
            mvc.perform(as(manager, patch("/api/v1/organizations/{org}", org))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.reason").value("policy.vendorAdminOnly"));
        }

        mvc.perform(as(manager, get("/api/v1/organizations/{org}", org)))
                .andExpect(jsonPath("$.name").value(created.name()))
                .andExpect(jsonPath("$.region").value("EU"))
                .andExpect(jsonPath("$.managementMode").value("SELF_MANAGED"));
        assertThat(data.auditEntries(org, "organization.updated")).isZero();
    }

    @Test
    void managerMaySendTheCurrentRegionAndModeUnchanged() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String newName = TestData.unique("Same");
        mvc.perform(as(manager, patch("/api/v1/organizations/{org}", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + newName + "\",\"region\":\"EU\",\"managementMode\":\"SELF_MANAGED\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(newName));
    }

    @Test
    void vendorAdminChangesRegionAndManagementMode() throws Exception {
        OrganizationId org = data.organizationId();
        mvc.perform(asAdmin(patch("/api/v1/organizations/{org}", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"region\":\"za\",\"managementMode\":\"VENDOR_MANAGED\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.region").value("ZA"))
                .andExpect(jsonPath("$.managementMode").value("VENDOR_MANAGED"));

        mvc.perform(asAdmin(get("/api/v1/organizations/{org}/audit", org)).param("action", "organization.updated"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].before.region").value("EU"))
                .andExpect(jsonPath("$.items[0].after.region").value("ZA"))
                .andExpect(jsonPath("$.items[0].before.managementMode").value("SELF_MANAGED"))
                .andExpect(jsonPath("$.items[0].after.managementMode").value("VENDOR_MANAGED"));
    }

    @Test
    void unknownRegionIsAFieldError() throws Exception {
        String name = TestData.unique("Mars");
        mvc.perform(asAdmin(post("/api/v1/organizations"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"region\":\"MARS\",\"managementMode\":\"SELF_MANAGED\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("region"))
                .andExpect(jsonPath("$.errors[0].message", endsWith("EU, AU, ZA, US.")));
        mvc.perform(asAdmin(get("/api/v1/organizations")).param("q", name))
                .andExpect(jsonPath("$.total").value(0));

        OrganizationId org = data.organizationId();
        mvc.perform(asAdmin(patch("/api/v1/organizations/{org}", org))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"region\":\"MARS\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("region"));
        mvc.perform(asAdmin(get("/api/v1/organizations/{org}", org)))
                .andExpect(jsonPath("$.region").value("EU"));
        assertThat(data.auditEntries(org, "organization.updated")).isZero();
    }

    @Test
    void missingFieldsAreListed() throws Exception {
        mvc.perform(asAdmin(post("/api/v1/organizations"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("name", "region", "managementMode")));
    }

    @Test
    void duplicateNameConflictsWhateverTheCase() throws Exception {
        OrganizationView existing = data.organization();
        mvc.perform(asAdmin(post("/api/v1/organizations"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\" " + existing.name().toUpperCase() + "\",\"region\":\"EU\",\"managementMode\":\"SELF_MANAGED\"}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("name"));

        OrganizationId other = data.organizationId();
        TestMember manager = data.manager(other);
        mvc.perform(as(manager, patch("/api/v1/organizations/{org}", other))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + existing.name().toLowerCase() + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("name"));
        assertThat(data.auditEntries(other, "organization.updated")).isZero();
    }

    @Test
    void managerAddsSitesAndMembersListThem() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org);

        String location = mvc.perform(as(manager, post("/api/v1/organizations/{org}/sites", org))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Warehouse North\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith("/api/v1/organizations/" + org + "/sites/")))
                .andExpect(jsonPath("$.name").value("Warehouse North"))
                .andReturn().getResponse().getHeader("Location");
        String headOffice = mvc.perform(asAdmin(post("/api/v1/organizations/{org}/sites", org))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Head Office\"}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getHeader("Location");
        String siteId = location.substring(location.lastIndexOf('/') + 1);
        String headOfficeId = headOffice.substring(headOffice.lastIndexOf('/') + 1);

        mvc.perform(as(member, get("/api/v1/organizations/{org}/sites", org)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].name").value("Head Office"))
                .andExpect(jsonPath("$[1].name").value("Warehouse North"))
                .andExpect(jsonPath("$[1].id").value(siteId));
        assertThat(data.auditEntries(org, "site.created")).isEqualTo(2);

        // A Manager reaches every site, new ones at once, listed in name order.
        String managerView = mvc.perform(as(manager, get("/api/v1/organizations/{org}/members/{user}", org, manager.id())))
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(managerView, "$.sites")).containsExactly(headOfficeId, siteId);
        assertThat(JsonPath.<Boolean>read(managerView, "$.allSites")).isTrue();
    }

    @Test
    void siteNamesAreUniqueInAnOrganizationAndOnlyManagersAddThem() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember userManager = data.userManager(org);
        SiteView site = data.site(org);

        mvc.perform(as(manager, post("/api/v1/organizations/{org}/sites", org))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + site.name().toUpperCase() + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("name"));
        mvc.perform(as(userManager, post("/api/v1/organizations/{org}/sites", org))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Annex\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.managerOnly"));
        mvc.perform(as(manager, post("/api/v1/organizations/{org}/sites", org))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));

        mvc.perform(as(manager, get("/api/v1/organizations/{org}/sites", org)))
                .andExpect(jsonPath("$.length()").value(1));
        assertThat(data.auditEntries(org, "site.created")).isEqualTo(1);
    }

    @Test
    void unknownOrganizationIsNotFound() throws Exception {
        mvc.perform(asAdmin(get("/api/v1/organizations/{org}", OrganizationId.random())))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(asAdmin(get("/api/v1/organizations/not-an-id")))
                .andExpect(status().isNotFound());
    }

    private String createAsAdmin(String name, String region, String mode) throws Exception {
        String body = mvc.perform(asAdmin(post("/api/v1/organizations"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"region\":\"" + region + "\",\"managementMode\":\"" + mode + "\"}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    private static MockHttpServletRequestBuilder as(TestMember member, MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(member.email(), member.password()));
    }

    private static MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD));
    }
}
