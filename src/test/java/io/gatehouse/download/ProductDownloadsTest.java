package io.gatehouse.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Products download: an organization sees and downloads exactly the releases its licences entitle it
 * to today — the licence's channels, its maintenance end, never a withdrawn release, nothing of a
 * product it holds no licence of, nothing once the licence is suspended.
 */
@IntegrationTest
class ProductDownloadsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    OrganizationId org;
    TestMember member;
    String product;
    String otherProduct;
    String licence;
    String oldFile;
    String currentFile;
    String betaFile;
    String unlicensedFile;
    byte[] currentBytes = "Showcase 360 2.0 installer".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void aProductWithReleasesAndALicenceForStableReleasesUnderMaintenanceUntilMarch() throws Exception {
        org = data.organizationId();
        member = data.user(org);
        product = create("/api/v1/products", Map.of("name", TestData.unique("Showcase"), "description", "Kitchen design", "kind", "DESKTOP"));
        otherProduct = create("/api/v1/products", Map.of("name", TestData.unique("Unlicensed"), "kind", "DESKTOP"));
        String v1 = release(product, "1.0", "STABLE", "2025-01-10");
        String v2 = release(product, "2.0", "STABLE", "2026-01-15");
        String beta = release(product, "2.1-beta.1", "BETA", "2026-02-01");
        String v3 = release(product, "3.0", "STABLE", "2026-06-01");
        String withdrawn = release(product, "2.0.1", "STABLE", "2026-02-10");
        oldFile = upload(product, v1, "setup-1.0.exe", "one".getBytes(StandardCharsets.UTF_8));
        currentFile = upload(product, v2, "setup-2.0.exe", currentBytes);
        betaFile = upload(product, beta, "setup-2.1.exe", "beta".getBytes(StandardCharsets.UTF_8));
        upload(product, v3, "setup-3.0.exe", "three".getBytes(StandardCharsets.UTF_8));
        upload(product, withdrawn, "setup-2.0.1.exe", "withdrawn".getBytes(StandardCharsets.UTF_8));
        mvc.perform(patch("/api/v1/products/{p}/releases/{r}", product, withdrawn).with(admin())
                .contentType(MediaType.APPLICATION_JSON).content("{\"withdrawn\":true}")).andExpect(status().isOk());
        unlicensedFile = upload(otherProduct, release(otherProduct, "1.0", "STABLE", "2026-01-01"), "other.exe",
                "other".getBytes(StandardCharsets.UTF_8));
        licence = create("/api/v1/organizations/" + org + "/licences", Map.of("productId", product, "edition", "Professional",
                "validFrom", "2025-01-01", "channels", List.of("STABLE"), "maintenanceUntil", "2026-03-01"));
    }

    @Test
    void aMemberSeesOnlyTheReleasesTheLicenceEntitlesNewestFirst() throws Exception {
        mvc.perform(get("/api/v1/organizations/{org}/downloads", org).with(basic(member)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].id").value(product))
                .andExpect(jsonPath("$[0].releases[*].version").value(contains("2.0", "1.0")))
                .andExpect(jsonPath("$[0].releases[0].files[0].name").value("setup-2.0.exe"))
                .andExpect(jsonPath("$[0].releases[0].files[0].sha256").value(sha256(currentBytes)));
    }

    @Test
    void aDownloadMatchesItsSha256AndAFileTheLicenceDoesNotCoverIsNotFound() throws Exception {
        byte[] body = mvc.perform(get("/api/v1/files/{id}", currentFile).with(basic(member)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(sha256(body)).isEqualTo(sha256(currentBytes));
        byte[] fromThePortal = mvc.perform(get("/organizations/{org}/downloads/files/{id}", org, currentFile)
                        .with(user(member.userId().toString())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(fromThePortal).isEqualTo(currentBytes);

        for (String notCovered : List.of(betaFile, unlicensedFile)) {
            mvc.perform(get("/api/v1/files/{id}", notCovered).with(basic(member))).andExpect(status().isNotFound());
            mvc.perform(get("/organizations/{org}/downloads/files/{id}", org, notCovered).with(user(member.userId().toString())))
                    .andExpect(status().isNotFound());
        }
        assertThat(data.auditEntries(org, "release.fileDownloaded")).isEqualTo(1);
    }

    @Test
    void aSuspendedLicenceEntitlesToNothingFromTheNextRequest() throws Exception {
        mvc.perform(get("/api/v1/files/{id}", oldFile).with(basic(member))).andExpect(status().isOk());
        mvc.perform(patch("/api/v1/organizations/{org}/licences/{l}", org, licence).with(admin())
                .contentType(MediaType.APPLICATION_JSON).content("{\"suspended\":true}")).andExpect(status().isOk());

        mvc.perform(get("/api/v1/organizations/{org}/downloads", org).with(basic(member)))
                .andExpect(jsonPath("$", hasSize(0)));
        mvc.perform(get("/api/v1/files/{id}", oldFile).with(basic(member))).andExpect(status().isNotFound());
    }

    @Test
    void anotherOrganizationsDownloadsAreNotFound() throws Exception {
        OrganizationId theirs = data.organizationId();
        TestMember stranger = data.manager(theirs);

        mvc.perform(get("/api/v1/organizations/{org}/downloads", org).with(basic(stranger))).andExpect(status().isNotFound());
        mvc.perform(get("/organizations/{org}/downloads", org).with(user(stranger.userId().toString()))).andExpect(status().isNotFound());
        mvc.perform(get("/organizations/{org}/downloads/files/{id}", org, currentFile).with(user(stranger.userId().toString())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/organizations/{org}/downloads/files/{id}", theirs, currentFile).with(user(stranger.userId().toString())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/files/{id}", currentFile).with(basic(stranger))).andExpect(status().isNotFound());
    }

    @Test
    void thePageShowsTheLatestReleaseWithItsSha256AndTheOlderOnesBehindPreviousVersions() throws Exception {
        String page = mvc.perform(get("/organizations/{org}/downloads", org).with(user(member.userId().toString())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        String versions = "/organizations/" + org + "/downloads/products/" + product;
        assertThat(page).contains("Products download", "Version 2.0", sha256(currentBytes), "setup-2.0.exe", "Previous versions (1)",
                "/organizations/" + org + "/downloads/files/" + currentFile, "href=\"" + versions + "\"", "hx-get=\"" + versions + "\"")
                .doesNotContain("setup-1.0.exe", "setup-2.1.exe", "setup-3.0.exe", "setup-2.0.1.exe", "other.exe");
        assertThat(page.indexOf("setup-2.0.exe")).isLessThan(page.indexOf("Previous versions"));
    }

    @Test
    void previousVersionsOpenAsAPageOfTheirOwnWithoutJavaScriptAndInPlaceWithHtmx() throws Exception {
        String page = mvc.perform(get("/organizations/{org}/downloads/products/{p}", org, product).with(user(member.userId().toString())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<html", "Every version of", "setup-2.0.exe", "setup-1.0.exe", sha256(currentBytes),
                "/organizations/" + org + "/downloads/files/" + oldFile)
                .doesNotContain("setup-2.1.exe", "setup-3.0.exe", "setup-2.0.1.exe");
        assertThat(page.indexOf("setup-2.0.exe")).isLessThan(page.indexOf("setup-1.0.exe"));

        String older = mvc.perform(get("/organizations/{org}/downloads/products/{p}", org, product).header("HX-Request", "true")
                        .with(user(member.userId().toString())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(older).contains("setup-1.0.exe", "/organizations/" + org + "/downloads/files/" + oldFile)
                .doesNotContain("<html", "setup-2.0.exe", "setup-2.1.exe", "setup-3.0.exe", "setup-2.0.1.exe");
    }

    @Test
    void aProductTheLicencesDoNotCoverOrAnotherOrganizationsVersionsAreNotFound() throws Exception {
        mvc.perform(get("/organizations/{org}/downloads/products/{p}", org, otherProduct).with(user(member.userId().toString())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/organizations/{org}/downloads/products/{p}", org, "not-a-product").with(user(member.userId().toString())))
                .andExpect(status().isNotFound());
        TestMember stranger = data.manager(data.organizationId());
        mvc.perform(get("/organizations/{org}/downloads/products/{p}", org, product).with(user(stranger.userId().toString())))
                .andExpect(status().isNotFound());
    }

    private String create(String path, Map<String, Object> body) throws Exception {
        return JsonPath.read(mvc.perform(post(path).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(body)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    private String release(String productId, String version, String channel, String releasedOn) throws Exception {
        return create("/api/v1/products/" + productId + "/releases", Map.of("version", version, "channel", channel,
                "releasedOn", releasedOn, "notes", Map.of("en", "What is new in " + version)));
    }

    private String upload(String productId, String releaseId, String name, byte[] content) throws Exception {
        return JsonPath.read(mvc.perform(post("/api/v1/products/{p}/releases/{r}/files", productId, releaseId)
                        .param("platform", "WINDOWS").param("name", name).with(admin())
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(content))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static RequestPostProcessor admin() {
        return httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
    }

    private static RequestPostProcessor basic(TestMember who) {
        return httpBasic(who.email(), who.password());
    }
}
