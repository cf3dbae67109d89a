package io.gatehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.access.StaffRole;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class CatalogueApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Organizations organizations;

    @Autowired
    JdbcClient jdbc;

    @Test
    void vendorAdminDefinesACatalogueThatOrganizationsOfItsRegionsSee() throws Exception {
        String name = TestData.unique("Kitchens");
        String id = define(name, "Nobilia", List.of("eu", "AU"), List.of("en", "FR"));
        OrganizationId inEurope = data.organizationId();
        OrganizationId inTheUs = organizationIn("US");
        TestMember member = data.user(inEurope);

        mvc.perform(get("/api/v1/catalogues/{id}", id).with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.regions").value(contains("AU", "EU")))
                .andExpect(jsonPath("$.languages").value(contains("en", "fr")));
        mvc.perform(get("/api/v1/organizations/{org}/catalogues", inEurope).with(basic(member)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.catalogue.id == '%s')].onAccount".formatted(id)).value(contains(false)));
        mvc.perform(get("/api/v1/organizations/{org}/catalogues", inTheUs).with(basic(data.manager(inTheUs))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].catalogue.id").value(not(hasItem(id))));
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'catalogue.defined' and target_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void badCatalogueInputIsRefusedFieldByFieldAndNothingIsStored() throws Exception {
        String name = TestData.unique("Broken");
        mvc.perform(post("/api/v1/catalogues").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("name", name, "supplier", " ", "version", "x".repeat(33),
                                "regions", List.of("MARS"), "languages", List.of("english")))))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("supplier", "version", "regions", "languages")));
        mvc.perform(post("/api/v1/catalogues").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("name", name, "supplier", "S", "version", "1"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("regions", "languages")));
        assertThat(jdbc.sql("select count(*) from catalogue where name = ?").param(name).query(Long.class).single()).isZero();
    }

    @Test
    void theSameCatalogueFromTheSameSupplierIsDefinedOnce() throws Exception {
        String name = TestData.unique("Twice");
        define(name, "Supplier", List.of("EU"), List.of("en"));
        mvc.perform(post("/api/v1/catalogues").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(name, "Supplier", List.of("EU"), List.of("en"))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("name"));
    }

    @Test
    void onlyTheVendorAdminDefinesOrChangesCatalogues() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String id = define(TestData.unique("Guarded"), "S", List.of("EU"), List.of("en"));

        mvc.perform(post("/api/v1/catalogues").with(basic(manager)).contentType(MediaType.APPLICATION_JSON)
                        .content(body(TestData.unique("Rogue"), "S", List.of("EU"), List.of("en"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.vendorAdminOnly"));
        mvc.perform(patch("/api/v1/catalogues/{id}", id).with(httpBasic(support.email(), TestData.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Renamed\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/catalogues/{id}", id).with(basic(manager))).andExpect(status().isNotFound());
        mvc.perform(patch("/api/v1/catalogues/{id}", id).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":\"2027.1\",\"regions\":[\"EU\",\"ZA\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value("2027.1"))
                .andExpect(jsonPath("$.regions").value(contains("EU", "ZA")))
                .andExpect(jsonPath("$.languages").value(contains("en")));
    }

    @Test
    void searchAndFiltersNarrowTheSelection() throws Exception {
        String tag = TestData.unique("Narrow");
        String bathrooms = define(tag + " Bathrooms", "Villeroy", List.of("EU"), List.of("de", "fr"));
        String kitchens = define(tag + " Kitchens", "Nobilia", List.of("EU"), List.of("en"));
        OrganizationId org = data.organizationId();
        TestMember member = data.user(org);

        mvc.perform(get("/api/v1/organizations/{org}/catalogues", org).param("q", tag.toLowerCase()).with(basic(member)))
                .andExpect(jsonPath("$[*].catalogue.id").value(containsInAnyOrder(bathrooms, kitchens)));
        mvc.perform(get("/api/v1/organizations/{org}/catalogues", org).param("q", tag).param("supplier", "villeroy").with(basic(member)))
                .andExpect(jsonPath("$[*].catalogue.id").value(contains(bathrooms)));
        mvc.perform(get("/api/v1/organizations/{org}/catalogues", org).param("q", tag).param("language", "en").with(basic(member)))
                .andExpect(jsonPath("$[*].catalogue.id").value(contains(kitchens)));
    }

    @Test
    void managerRequestsACatalogueAndVendorSupportsApprovalPutsItOnTheAccount() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember colleague = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String id = define(TestData.unique("Wanted"), "Nobilia", List.of("EU"), List.of("en"));

        String requestId = JsonPath.read(mvc.perform(post("/api/v1/organizations/{org}/catalogues/{id}/request", org, id)
                        .with(basic(manager)).contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"For the spring show\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andReturn().getResponse().getContentAsString(), "$.requestId");
        long number = JsonPath.<Number>read(mvc.perform(get("/api/v1/requests/{id}", requestId).with(basic(manager)))
                .andExpect(jsonPath("$.type").value("CATALOGUE"))
                .andExpect(jsonPath("$.note").value("For the spring show"))
                .andReturn().getResponse().getContentAsString(), "$.number").longValue();

        mvc.perform(post("/api/v1/organizations/{org}/catalogues/{id}/request", org, id).with(basic(manager)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.requestId").value(requestId))
                .andExpect(jsonPath("$.requestNumber").value(number));
        mvc.perform(get("/api/v1/organizations/{org}/catalogues", org).with(basic(colleague)))
                .andExpect(jsonPath("$[?(@.catalogue.id == '%s')].openRequest".formatted(id)).value(contains((int) number)));
        mvc.perform(get("/api/v1/organizations/{org}/requests", org).with(basic(manager)))
                .andExpect(jsonPath("$.items[*].id").value(hasItem(requestId)));

        mvc.perform(post("/api/v1/requests/{id}/approve", requestId).with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPLIED"));

        mvc.perform(get("/api/v1/organizations/{org}/catalogues", org).with(basic(colleague)))
                .andExpect(jsonPath("$[0].catalogue.id").value(id))
                .andExpect(jsonPath("$[0].onAccount").value(true))
                .andExpect(jsonPath("$[0].addedAt").isString());
        mvc.perform(post("/api/v1/requests/{id}/approve", requestId).with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/v1/organizations/{org}/catalogues/{id}/request", org, id).with(basic(manager)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("This catalogue is already on your account."));
        assertThat(data.auditEntries(org, "catalogue.addedToAccount")).isEqualTo(1);
    }

    @Test
    void requestsForTheSameCatalogueSentAtOnceMakeOneTicket() throws Exception {
        OrganizationId org = data.organizationId();
        List<TestMember> managers = List.of(data.manager(org), data.manager(org), data.manager(org), data.manager(org),
                data.manager(org), data.manager(org));
        String id = define(TestData.unique("Popular"), "S", List.of("EU"), List.of("en"));

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(managers.size());
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (TestMember manager : managers) {
                results.add(pool.submit(() -> {
                    start.await();
                    return mvc.perform(post("/api/v1/organizations/{org}/catalogues/{id}/request", org, id).with(basic(manager)))
                            .andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnlyOnce(202).containsOnly(202, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from change_request where organization_id = ? and type = 'CATALOGUE'")
                .param(org.value()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRequesterWhoIsNoLongerAManagerHasTheirRequestRefusedAtApproval() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        data.manager(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String id = define(TestData.unique("Late"), "S", List.of("EU"), List.of("en"));
        String requestId = JsonPath.read(mvc.perform(post("/api/v1/organizations/{org}/catalogues/{id}/request", org, id)
                .with(basic(manager))).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.requestId");

        mvc.perform(patch("/api/v1/organizations/{org}/members/{user}", org, manager.id()).with(admin())
                .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"USER\"}")).andExpect(status().isOk());

        mvc.perform(post("/api/v1/requests/{id}/approve", requestId).with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/v1/requests/{id}", requestId).with(admin())).andExpect(jsonPath("$.status").value("OPEN"));
        mvc.perform(get("/api/v1/organizations/{org}/catalogues", org).with(admin()))
                .andExpect(jsonPath("$[?(@.catalogue.id == '%s')].onAccount".formatted(id)).value(contains(false)));
    }

    @Test
    void onlyAnActiveManagerRequestsAndVendorStaffAddDirectly() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember userManager = data.userManager(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String id = define(TestData.unique("Direct"), "S", List.of("EU"), List.of("en"));

        mvc.perform(post("/api/v1/organizations/{org}/catalogues/{id}/request", org, id).with(basic(userManager)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.managerOnly"));
        mvc.perform(post("/api/v1/organizations/{org}/catalogues/{id}/request", org, id)
                        .with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.catalogue.staffAddDirectly"));
        mvc.perform(put("/api/v1/organizations/{org}/catalogues/{id}", org, id).with(basic(userManager)))
                .andExpect(status().isForbidden());

        mvc.perform(put("/api/v1/organizations/{org}/catalogues/{id}", org, id).with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.onAccount").value(true));
        mvc.perform(get("/api/v1/organizations/{org}/catalogues", org).with(basic(userManager)))
                .andExpect(jsonPath("$[?(@.catalogue.id == '%s')].onAccount".formatted(id)).value(contains(true)));
        mvc.perform(delete("/api/v1/organizations/{org}/catalogues/{id}", org, id).with(admin()))
                .andExpect(status().isNoContent());
        assertThat(data.auditEntries(org, "catalogue.addedToAccount")).isEqualTo(1);
        assertThat(data.auditEntries(org, "catalogue.removedFromAccount")).isEqualTo(1);
    }

    @Test
    void anotherOrganizationsCataloguesAnswerNotFound() throws Exception {
        OrganizationId mine = data.organizationId();
        OrganizationId theirs = organizationIn("AU");
        TestMember manager = data.manager(mine);
        String onlyInAustralia = define(TestData.unique("Down under"), "S", List.of("AU"), List.of("en"));
        mvc.perform(put("/api/v1/organizations/{org}/catalogues/{id}", theirs, onlyInAustralia).with(admin()))
                .andExpect(status().isOk());

        mvc.perform(get("/api/v1/organizations/{org}/catalogues", theirs).with(basic(manager))).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/organizations/{org}/catalogues/{id}/request", theirs, onlyInAustralia).with(basic(manager)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/organizations/{org}/catalogues/{id}/request", mine, onlyInAustralia).with(basic(manager)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No such catalogue."));
        mvc.perform(post("/api/v1/organizations/{org}/catalogues/{id}/request", mine, "not-a-catalogue").with(basic(manager)))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/organizations/{org}/catalogues/{id}", theirs, onlyInAustralia).with(basic(manager)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aCatalogueFileDownloadsOnlyForOrganizationsWithTheCatalogueOnTheirAccount() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember member = data.user(org);
        TestMember manager = data.manager(org);
        TestMember stranger = data.manager(data.organizationId());
        String id = define(TestData.unique("Data pack"), "Nobilia", List.of("EU"), List.of("en"));
        byte[] content = "kitchen fronts, carcasses and prices".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));

        String fileId = JsonPath.read(mvc.perform(post("/api/v1/catalogues/{id}/files", id).param("name", "nobilia-2026.zip")
                        .param("sha256", sha256).with(admin()).contentType(MediaType.APPLICATION_OCTET_STREAM).content(content))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.sha256").value(sha256))
                .andExpect(jsonPath("$.size").value(content.length))
                .andReturn().getResponse().getContentAsString(), "$.id");
        mvc.perform(post("/api/v1/catalogues/{id}/files", id).param("name", "NOBILIA-2026.zip").with(admin())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).content(content)).andExpect(status().isConflict());
        mvc.perform(post("/api/v1/catalogues/{id}/files", id).param("name", "other.zip").param("sha256", "0".repeat(64)).with(admin())
                .contentType(MediaType.APPLICATION_OCTET_STREAM).content(content)).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/catalogues/{id}/files", id).param("name", "mine.zip").with(basic(manager))
                .contentType(MediaType.APPLICATION_OCTET_STREAM).content(content)).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from catalogue_file where catalogue_id = cast(? as uuid)").param(id)
                .query(Long.class).single()).isEqualTo(1);

        String download = "/api/v1/organizations/" + org + "/catalogues/" + id + "/files/" + fileId;
        mvc.perform(get(download).with(basic(member))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/organizations/{org}/catalogues/{id}/files", org, id).with(basic(member))).andExpect(status().isNotFound());

        mvc.perform(put("/api/v1/organizations/{org}/catalogues/{id}", org, id).with(admin())).andExpect(status().isOk());
        mvc.perform(get("/api/v1/organizations/{org}/catalogues/{id}/files", org, id).with(basic(member)))
                .andExpect(jsonPath("$[0].name").value("nobilia-2026.zip"))
                .andExpect(jsonPath("$[0].sha256").value(sha256));
        byte[] body = mvc.perform(get(download).with(basic(member)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"" + sha256 + "\""))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(body).isEqualTo(content);
        mvc.perform(get(download).header("Range", "bytes=0-6").with(basic(member)))
                .andExpect(status().isPartialContent())
                .andExpect(content().string("kitchen"));
        mvc.perform(get("/organizations/{org}/catalogues/{id}/files/{f}", org, id, fileId)
                        .with(user(member.userId().toString())))
                .andExpect(status().isOk());
        assertThat(data.auditEntries(org, "catalogue.fileDownloaded")).isEqualTo(3);

        mvc.perform(get(download).with(basic(stranger))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/organizations/" + org + "/catalogues/" + id + "/files/" + java.util.UUID.randomUUID())
                .with(basic(member))).andExpect(status().isNotFound());
    }

    private OrganizationId organizationIn(String region) {
        return OrganizationId.parse(organizations.create(data.admin(), TestData.unique("Org"), region, ManagementMode.SELF_MANAGED).id());
    }

    private String define(String name, String supplier, List<String> regions, List<String> languages) throws Exception {
        return JsonPath.read(mvc.perform(post("/api/v1/catalogues").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(body(name, supplier, regions, languages)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
    }

    private static String body(String name, String supplier, List<String> regions, List<String> languages) {
        return JSON.writeValueAsString(Map.of("name", name, "supplier", supplier, "description", "Ranges and prices",
                "version", "2026.1", "regions", regions, "languages", languages));
    }

    private static RequestPostProcessor admin() {
        return httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
    }

    private static RequestPostProcessor basic(TestMember who) {
        return httpBasic(who.email(), who.password());
    }
}
