package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.access.Role;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Export users' "Version used": the version of the organization's products a person last downloaded
 * or activated, recorded at the use itself, per organization.
 */
@IntegrationTest
class ExportVersionUsedTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int VERSION_USED = 6;
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    OrganizationId org;
    TestMember manager;
    String productName;
    String product;
    String file421;
    String file430;

    @BeforeEach
    void aDesktopProductWithTwoReleasesLicensedToTheOrganization() throws Exception {
        org = data.organizationId();
        manager = data.manager(org);
        productName = TestData.unique("Showcase");
        product = create("/api/v1/products", Map.of("name", productName, "kind", "DESKTOP"));
        file421 = upload(release("4.2.1", "2026-01-10"), "setup-4.2.1.exe");
        file430 = upload(release("4.3.0", "2026-02-10"), "setup-4.3.0.exe");
        licence(org);
    }

    @Test
    void aPersonWhoDownloaded421Then430ShowsTheLaterVersion() throws Exception {
        TestMember person = data.user(org);
        mvc.perform(get("/organizations/{org}/downloads/files/{id}", org, file421).with(user(person.id()))).andExpect(status().isOk());
        assertThat(versionUsed(org, person)).isEqualTo(productName + " 4.2.1");

        mvc.perform(get("/api/v1/files/{id}", file430).with(basic(person))).andExpect(status().isOk());

        assertThat(versionUsed(org, person)).isEqualTo(productName + " 4.3.0");
    }

    @Test
    void someoneWhoNeverDownloadedOrActivatedShowsAnEmptyCell() throws Exception {
        TestMember person = data.user(org);
        TestMember other = data.user(org);
        mvc.perform(get("/api/v1/files/{id}", file421).with(basic(other))).andExpect(status().isOk());

        assertThat(versionUsed(org, person)).isEmpty();
        assertThat(versionUsed(org, manager)).isEmpty();
    }

    @Test
    void anotherOrganizationsUseDoesNotShowInThisOrganizationsExport() throws Exception {
        OrganizationId theirs = data.organizationId();
        licence(theirs);
        TestMember person = data.user(org);
        data.join(person, theirs, Role.USER);
        TestMember theirManager = data.manager(theirs);

        mvc.perform(get("/organizations/{org}/downloads/files/{id}", theirs, file430).with(user(person.id()))).andExpect(status().isOk());

        assertThat(versionUsed(theirs, theirManager, person)).isEqualTo(productName + " 4.3.0");
        assertThat(versionUsed(org, manager, person)).isEmpty();
    }

    @Test
    void aMachineActivatedWhileSignedInAsAMemberRecordsTheVersionTheSoftwareNames() throws Exception {
        TestMember person = data.user(org);
        Issued licence = issue(org);

        activate(licence.key(), "fp-1", "4.2.1").with(basic(person)).andExpect(status().isCreated());
        TestMember keyOnly = data.user(org);
        activate(licence.key(), "fp-2", "4.3.0").andExpect(status().isCreated());

        assertThat(versionUsed(org, person)).isEqualTo(productName + " 4.2.1");
        assertThat(versionUsed(org, keyOnly)).isEmpty();
        String page = mvc.perform(get("/organizations/{org}/licences/{id}", org, licence.id()).with(user(manager.id())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(person.email(), "licence key");
    }

    @Test
    void theSameMachineActivatedAgainAfterAnUpgradeShowsTheNewVersion() throws Exception {
        TestMember person = data.user(org);
        String key = licenceKey();
        activate(key, "fp-upgraded", "4.2.1").with(basic(person)).andExpect(status().isCreated());

        activate(key, "fp-upgraded", "4.3.0").with(basic(person)).andExpect(status().isOk());

        assertThat(versionUsed(org, person)).isEqualTo(productName + " 4.3.0");
    }

    @Test
    void anActivationWithOnlyTheLicenceKeyRecordsNoPerson() throws Exception {
        String key = licenceKey();

        activate(key, "fp-anonymous", "4.3.0").andExpect(status().isCreated());

        assertThat(data.auditEntries(org, "activation.created")).isEqualTo(1);
        List<String> rows = lines(export(org, manager));
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> assertThat(row.split(",", -1)[VERSION_USED]).isEmpty());
    }

    @Test
    void aVersionThatIsNotOneIsRefusedAndActivatesNothing() throws Exception {
        TestMember person = data.user(org);
        activate(licenceKey(), "fp-bad", "not a version!").with(basic(person)).andExpect(status().isBadRequest());

        assertThat(data.auditEntries(org, "activation.created")).isZero();
        assertThat(versionUsed(org, person)).isEmpty();
    }

    // ---- helpers

    private String versionUsed(OrganizationId organization, TestMember person) throws Exception {
        return versionUsed(organization, manager, person);
    }

    private String versionUsed(OrganizationId organization, TestMember exporter, TestMember person) throws Exception {
        return lines(export(organization, exporter)).stream().filter(line -> line.contains("," + person.email() + ","))
                .map(line -> line.split(",", -1)[VERSION_USED]).findFirst().orElseThrow();
    }

    private String export(OrganizationId organization, TestMember exporter) throws Exception {
        return new String(mvc.perform(get("/organizations/{org}/users/export.csv", organization).with(user(exporter.id())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    private static List<String> lines(String csv) {
        List<String> lines = Arrays.asList(csv.substring(1).split("\r\n"));
        assertThat(lines.get(0).split(",")[VERSION_USED]).isEqualTo("Version used");
        return lines;
    }

    private ActivationCall activate(String key, String fingerprint, String version) {
        return new ActivationCall(key, fingerprint, version);
    }

    /** An activation as the vendor's software sends it, signed in as a person or with the key alone. */
    private final class ActivationCall {

        private final String body;
        private RequestPostProcessor person;

        ActivationCall(String key, String fingerprint, String version) {
            this.body = JSON.writeValueAsString(Map.of("licenceKey", key, "fingerprint", fingerprint, "machineName", "PC " + fingerprint,
                    "version", version));
        }

        ActivationCall with(RequestPostProcessor signedIn) {
            this.person = signedIn;
            return this;
        }

        void andExpect(org.springframework.test.web.servlet.ResultMatcher matcher) throws Exception {
            String address = "203.0.113." + ADDRESS.getAndIncrement() % 250;
            var request = post("/api/v1/activations").contentType(MediaType.APPLICATION_JSON).content(body)
                    .with(r -> {
                        r.setRemoteAddr(address);
                        return r;
                    });
            if (person != null) {
                request = request.with(person);
            }
            mvc.perform(request).andExpect(matcher);
        }
    }

    private record Issued(String id, String key) {
    }

    private String licenceKey() throws Exception {
        return issue(org).key();
    }

    private void licence(OrganizationId organization) throws Exception {
        issue(organization);
    }

    private Issued issue(OrganizationId organization) throws Exception {
        String json = mvc.perform(post("/api/v1/organizations/{org}/licences", organization).with(admin())
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("productId", product,
                                "edition", "Professional", "validFrom", "2025-01-01", "channels", List.of("STABLE")))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new Issued(JsonPath.read(json, "$.id"), JsonPath.read(json, "$.key"));
    }

    private String create(String path, Map<String, Object> body) throws Exception {
        return JsonPath.read(mvc.perform(post(path).with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(body)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    private String release(String version, String releasedOn) throws Exception {
        return create("/api/v1/products/" + product + "/releases", Map.of("version", version, "channel", "STABLE",
                "releasedOn", releasedOn, "notes", Map.of("en", "What is new in " + version)));
    }

    private String upload(String releaseId, String name) throws Exception {
        return JsonPath.read(mvc.perform(post("/api/v1/products/{p}/releases/{r}/files", product, releaseId)
                        .param("platform", "WINDOWS").param("name", name).with(admin())
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(name.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id");
    }

    private static RequestPostProcessor admin() {
        return httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
    }

    private static RequestPostProcessor basic(TestMember who) {
        return httpBasic(who.email(), who.password());
    }
}
