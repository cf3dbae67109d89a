package io.gatehouse.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.access.StaffRole;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class ProductApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Test
    void vendorAdminDefinesProductAndItsReleasesComeNewestVersionFirst() throws Exception {
        String product = product("DESKTOP");
        release(product, "9.2", "STABLE");
        release(product, "10.0", "STABLE");
        release(product, "10.0-beta.1", "BETA");
        String withNotes = release(product, "9.10", "STABLE");

        mvc.perform(asAdmin(get("/api/v1/products/{p}/releases", product)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].version").value(org.hamcrest.Matchers.contains("10.0", "10.0-beta.1", "9.10", "9.2")))
                .andExpect(jsonPath("$[2].id").value(withNotes))
                .andExpect(jsonPath("$[2].notes.en").value("Faster start.\nFixes."))
                .andExpect(jsonPath("$[2].notes.fr").value("Démarrage plus rapide."))
                .andExpect(jsonPath("$[1].channel").value("BETA"))
                .andExpect(jsonPath("$[0].withdrawn").value(false))
                .andExpect(jsonPath("$[0].files").isEmpty());
        assertThat(audited("release.created", withNotes)).isEqualTo(1);
        assertThat(audited("product.created", product)).isEqualTo(1);
    }

    @Test
    void theSameVersionWrittenAnotherWayIsRefusedAsAConflict() throws Exception {
        String product = product("CLOUD");
        release(product, "2.0", "STABLE");
        mvc.perform(asAdmin(post("/api/v1/products/{p}/releases", product)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"version":"2.0.0+build.7","channel":"STABLE","releasedOn":"2026-11-01"}"""))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("version"));
        mvc.perform(asAdmin(get("/api/v1/products/{p}/releases", product))).andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void badReleaseInputNamesEachFieldInTheCallersLanguageAndChangesNothing() throws Exception {
        String product = product("DESKTOP");
        mvc.perform(asAdmin(post("/api/v1/products/{p}/releases", product)).header("Accept-Language", "fr")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"version":"five","releasedOn":"2026-11-01","notes":{"de":"Neu"}}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItems("version", "channel", "notes.de")))
                .andExpect(jsonPath("$.errors[?(@.field == 'version')].message").value(
                        org.hamcrest.Matchers.hasItem(containsString("Saisissez une version"))));
        mvc.perform(asAdmin(post("/api/v1/products/{p}/releases", product)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"version":"1.0","channel":"NIGHTLY","releasedOn":"2026-11-01"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("channel"));
        mvc.perform(asAdmin(post("/api/v1/products")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"  ","kind":"DESKTOP"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(asAdmin(get("/api/v1/products/{p}/releases", product))).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void cloudProductIsTiedToOneApplicationOnly() throws Exception {
        String application = java.util.UUID.randomUUID().toString();
        jdbc.sql("insert into application (id, name, managed_externally, position) values (?, ?, false, 1000)")
                .params(java.util.UUID.fromString(application), TestData.unique("App")).update();
        mvc.perform(asAdmin(post("/api/v1/products")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","kind":"CLOUD","applicationId":"%s"}""".formatted(TestData.unique("Cloud"), application)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.applicationId").value(application));
        mvc.perform(asAdmin(post("/api/v1/products")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","kind":"CLOUD","applicationId":"%s"}""".formatted(TestData.unique("Cloud"), application)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("applicationId"));
        mvc.perform(asAdmin(post("/api/v1/products")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","kind":"DESKTOP","applicationId":"%s"}""".formatted(TestData.unique("Desk"), application)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("applicationId"));
        mvc.perform(asAdmin(post("/api/v1/products")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","kind":"CLOUD","applicationId":"%s"}""".formatted(TestData.unique("Cloud"), java.util.UUID.randomUUID())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("applicationId"));
    }

    @Test
    void productIsRenamedAndItsNameStaysUnique() throws Exception {
        String first = product("CONTENT");
        String secondName = TestData.unique("Second");
        mvc.perform(asAdmin(post("/api/v1/products")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","kind":"CONTENT"}""".formatted(secondName)))
                .andExpect(status().isCreated());
        mvc.perform(asAdmin(patch("/api/v1/products/{p}", first)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s"}""".formatted(secondName.toUpperCase())))
                .andExpect(status().isConflict());
        String renamed = TestData.unique("Renamed");
        mvc.perform(asAdmin(patch("/api/v1/products/{p}", first)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","description":"Maps and plans.\\nOffline."}""".formatted(renamed)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(renamed))
                .andExpect(jsonPath("$.kind").value("CONTENT"));
        mvc.perform(asAdmin(get("/api/v1/products/{p}", first))).andExpect(jsonPath("$.description").value("Maps and plans.\nOffline."));
        assertThat(audited("product.updated", first)).isEqualTo(1);
    }

    @Test
    void onlyTheVendorAdminChangesProductsAndOnlyVendorStaffReadThem() throws Exception {
        String product = product("DESKTOP");
        String release = release(product, "1.0", "STABLE");
        TestMember manager = data.manager(data.organizationId());
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        mvc.perform(as(manager.email(), post("/api/v1/products")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","kind":"DESKTOP"}""".formatted(TestData.unique("Rogue"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.vendorAdminOnly"));
        mvc.perform(as(manager.email(), get("/api/v1/products"))).andExpect(status().isForbidden());
        mvc.perform(as(manager.email(), get("/api/v1/products/{p}/releases", product))).andExpect(status().isForbidden());
        mvc.perform(as(support.email(), get("/api/v1/products/{p}/releases", product))).andExpect(status().isOk());
        mvc.perform(as(support.email(), post("/api/v1/products/{p}/releases", product)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"version":"2.0","channel":"STABLE","releasedOn":"2026-11-01"}"""))
                .andExpect(status().isForbidden());
        mvc.perform(as(support.email(), patch("/api/v1/products/{p}/releases/{r}", product, release))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"withdrawn\":true}"))
                .andExpect(status().isForbidden());
        mvc.perform(as(manager.email(), post("/api/v1/products/{p}/releases/{r}/files", product, release))
                        .param("platform", "WINDOWS").param("name", "setup.exe")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(new byte[] {1, 2, 3}))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from release_file where release_id = ?").param(java.util.UUID.fromString(release))
                .query(Long.class).single()).isZero();
    }

    @Test
    void unknownOrMalformedIdsAnswerNotFound() throws Exception {
        String product = product("DESKTOP");
        mvc.perform(asAdmin(get("/api/v1/products/{p}", java.util.UUID.randomUUID()))).andExpect(status().isNotFound());
        mvc.perform(asAdmin(get("/api/v1/products/{p}", "nope"))).andExpect(status().isNotFound());
        mvc.perform(asAdmin(patch("/api/v1/products/{p}/releases/{r}", product, java.util.UUID.randomUUID()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"withdrawn\":true}"))
                .andExpect(status().isNotFound());
        mvc.perform(asAdmin(get("/api/v1/files/{f}", java.util.UUID.randomUUID()))).andExpect(status().isNotFound());
    }

    @Test
    void withdrawnReleaseIsKeptButNoLongerAvailable() throws Exception {
        String product = product("DESKTOP");
        String old = release(product, "1.0", "STABLE");
        release(product, "1.1", "STABLE");
        mvc.perform(asAdmin(patch("/api/v1/products/{p}/releases/{r}", product, old)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"withdrawn\":true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.withdrawn").value(true));
        mvc.perform(asAdmin(get("/api/v1/products/{p}/releases", product)))
                .andExpect(jsonPath("$[1].version").value("1.0"))
                .andExpect(jsonPath("$[1].withdrawn").value(true));
        assertThat(releases.available(java.util.UUID.fromString(product))).extracting(ReleaseView::version).containsExactly("1.1");
        assertThat(audited("release.withdrawn", old)).isEqualTo(1);
    }

    @Autowired
    Releases releases;

    String product(String kind) throws Exception {
        String body = mvc.perform(asAdmin(post("/api/v1/products")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","description":"Test product","kind":"%s"}""".formatted(TestData.unique("Product"), kind)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/v1/products/")))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    String release(String product, String version, String channel) throws Exception {
        String body = mvc.perform(asAdmin(post("/api/v1/products/{p}/releases", product)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"version":"%s","channel":"%s","releasedOn":"2026-11-01",
                                 "notes":{"en":"Faster start.\\nFixes.","fr":"Démarrage plus rapide."}}""".formatted(version, channel)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    long audited(String action, String target) {
        return jdbc.sql("select count(*) from audit_entry where action = ? and target_id = ?").params(action, target)
                .query(Long.class).single();
    }

    static MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD));
    }

    static MockHttpServletRequestBuilder as(String email, MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(email, TestData.PASSWORD));
    }
}
