package io.gatehouse.product;

import static io.gatehouse.product.ProductApiTest.as;
import static io.gatehouse.product.ProductApiTest.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.access.StaffRole;
import io.gatehouse.security.SignedLinks;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Uploading release files and downloading them as HTTP clients and download managers expect. */
@IntegrationTest
class ReleaseDownloadTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SignedLinks signedLinks;

    String product;
    String release;

    @BeforeEach
    void release() throws Exception {
        product = JsonPath.read(mvc.perform(asAdmin(post("/api/v1/products")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","kind":"DESKTOP"}""".formatted(TestData.unique("Showcase"))))
                .andReturn().getResponse().getContentAsString(), "$.id");
        release = JsonPath.read(mvc.perform(asAdmin(post("/api/v1/products/{p}/releases", product)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"version":"5.2","channel":"STABLE","releasedOn":"2026-10-01"}"""))
                .andReturn().getResponse().getContentAsString(), "$.id");
    }

    @Test
    void uploadedFileDownloadsWithItsSha256AsETagAndItsNameKept() throws Exception {
        byte[] content = bytes(70_000);
        String fileId = upload("Setup Ünïcode 5.2.exe", content);

        mvc.perform(asAdmin(get("/api/v1/files/{f}", fileId)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"" + sha256(content) + "\""))
                .andExpect(header().string("Accept-Ranges", "bytes"))
                .andExpect(header().longValue("Content-Length", content.length))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"Setup _n_code 5.2.exe\"; filename*=UTF-8''Setup%20%C3%9Cn%C3%AFcode%205.2.exe"))
                .andExpect(content().bytes(content));
        mvc.perform(asAdmin(get("/api/v1/products/{p}/releases", product)))
                .andExpect(jsonPath("$[0].files[0].id").value(fileId))
                .andExpect(jsonPath("$[0].files[0].platform").value("WINDOWS"))
                .andExpect(jsonPath("$[0].files[0].size").value(content.length))
                .andExpect(jsonPath("$[0].files[0].sha256").value(sha256(content)));
    }

    @Test
    void rangeResumesADownloadAndARangeBeyondTheFileAnswers416() throws Exception {
        byte[] content = bytes(50_000);
        String fileId = upload("data.pack", content);

        mvc.perform(asAdmin(get("/api/v1/files/{f}", fileId)).header("Range", "bytes=1000-1999"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes 1000-1999/50000"))
                .andExpect(header().longValue("Content-Length", 1000))
                .andExpect(content().bytes(Arrays.copyOfRange(content, 1000, 2000)));
        mvc.perform(asAdmin(get("/api/v1/files/{f}", fileId)).header("Range", "bytes=49000-"))
                .andExpect(status().isPartialContent())
                .andExpect(content().bytes(Arrays.copyOfRange(content, 49_000, 50_000)));
        mvc.perform(asAdmin(get("/api/v1/files/{f}", fileId)).header("Range", "bytes=-10"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes 49990-49999/50000"));
        mvc.perform(asAdmin(get("/api/v1/files/{f}", fileId)).header("Range", "bytes=50000-60000").header("Accept-Language", "es"))
                .andExpect(status().isRequestedRangeNotSatisfiable())
                .andExpect(header().string("Content-Range", "bytes */50000"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("final del archivo")));
        assertThat(downloadsAudited(fileId)).isEqualTo(3);
    }

    @Test
    void unchangedFileAnswers304AndARangeOfAnotherVersionSendsTheWholeFile() throws Exception {
        byte[] content = bytes(20_000);
        String fileId = upload("app.dmg", content);
        String etag = "\"" + sha256(content) + "\"";

        mvc.perform(asAdmin(get("/api/v1/files/{f}", fileId)).header("If-None-Match", etag))
                .andExpect(status().isNotModified())
                .andExpect(header().string("ETag", etag))
                .andExpect(content().bytes(new byte[0]));
        mvc.perform(asAdmin(get("/api/v1/files/{f}", fileId)).header("Range", "bytes=0-99").header("If-Range", etag))
                .andExpect(status().isPartialContent());
        mvc.perform(asAdmin(get("/api/v1/files/{f}", fileId)).header("Range", "bytes=0-99").header("If-Range", "\"" + "0".repeat(64) + "\""))
                .andExpect(status().isOk())
                .andExpect(content().bytes(content));
        assertThat(downloadsAudited(fileId)).isEqualTo(2);
    }

    @Test
    void everyDownloadIsAuditedWithWhoWhatAndFromWhere() throws Exception {
        String fileId = upload("tool.tar.gz", bytes(1000));
        mvc.perform(asAdmin(get("/api/v1/files/{f}", fileId)).with(r -> {
            r.setRemoteAddr("203.0.113.9");
            return r;
        })).andExpect(status().isOk());

        var entry = jdbc.sql("select actor_label, client_address, after_state, occurred_at from audit_entry "
                        + "where action = 'release.fileDownloaded' and target_id = ?").param(fileId)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toString())).single();
        assertThat(entry.get(0)).isNotBlank();
        assertThat(entry.get(1)).isEqualTo("203.0.113.9");
        assertThat(entry.get(2)).contains("tool.tar.gz").contains("\"version\":\"5.2\"").contains("\"via\":\"api\"");
    }

    @Test
    void uploadWithAnotherChecksumOrWrongSizeLeavesNoRowAndNoFile() throws Exception {
        List<String> filesBefore = storedFiles();
        byte[] content = bytes(30_000);
        mvc.perform(asAdmin(post("/api/v1/products/{p}/releases/{r}/files", product, release))
                        .param("platform", "LINUX").param("name", "tool.tar.gz").param("sha256", sha256(bytes(5)))
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(content).header("Accept-Language", "ja"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("SHA-256")));
        mvc.perform(asAdmin(post("/api/v1/products/{p}/releases/{r}/files", product, release))
                        .param("platform", "LINUX").param("name", "tool.tar.gz").param("size", "40000")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(content))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        assertThat(filesOfRelease()).isZero();
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void badUploadParametersAreRefusedBeforeAnythingIsStored() throws Exception {
        List<String> filesBefore = storedFiles();
        mvc.perform(asAdmin(post("/api/v1/products/{p}/releases/{r}/files", product, release))
                        .param("platform", "AMIGA").param("name", "x.adf")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(bytes(10)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("platform"));
        mvc.perform(asAdmin(post("/api/v1/products/{p}/releases/{r}/files", product, release))
                        .param("platform", "WINDOWS").param("name", "../setup.exe")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(bytes(10)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        mvc.perform(asAdmin(post("/api/v1/products/{p}/releases/{r}/files", product, release))
                        .param("platform", "WINDOWS").param("name", "setup.exe")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(new byte[0]))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        upload("setup.exe", bytes(10));
        mvc.perform(asAdmin(post("/api/v1/products/{p}/releases/{r}/files", product, release))
                        .param("platform", "WINDOWS").param("name", "SETUP.exe")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(bytes(10)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("name"));
        assertThat(filesOfRelease()).isEqualTo(1);
        assertThat(storedFiles()).hasSize(filesBefore.size() + 1);
    }

    @Test
    void aMemberCannotDownloadAReleaseFileBeforeLicencesAllowIt() throws Exception {
        String fileId = upload("setup.exe", bytes(100));
        TestMember manager = data.manager(data.organizationId());
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        mvc.perform(as(manager.email(), get("/api/v1/files/{f}", fileId))).andExpect(status().isNotFound());
        mvc.perform(as(manager.email(), post("/api/v1/files/{f}/links", fileId))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/files/{f}", fileId)).andExpect(status().isUnauthorized());
        mvc.perform(as(support.email(), get("/api/v1/files/{f}", fileId))).andExpect(status().isOk());
        assertThat(downloadsAudited(fileId)).isEqualTo(1);
    }

    @Test
    void signedLinkDownloadsWithoutSignInUntilItExpiresAndAnAlteredOneIsRefused() throws Exception {
        byte[] content = bytes(5000);
        String fileId = upload("setup.exe", content);
        String body = mvc.perform(asAdmin(post("/api/v1/files/{f}/links", fileId)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"expiresInMinutes\":60}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.url").value(startsWith("http://localhost:8080/api/v1/files/" + fileId + "/download?")))
                .andReturn().getResponse().getContentAsString();
        String url = JsonPath.read(body, "$.url");
        Instant expiresAt = Instant.parse(JsonPath.read(body, "$.expiresAt"));
        assertThat(expiresAt).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));
        assertThat(url).doesNotContain(TestData.ADMIN_PASSWORD).doesNotContain("gh_");
        String path = URI.create(url).getRawPath() + "?" + URI.create(url).getRawQuery();

        mvc.perform(get(URI.create(path))).andExpect(status().isOk()).andExpect(content().bytes(content));
        mvc.perform(get(URI.create(path)).header("Range", "bytes=100-199")).andExpect(status().isPartialContent());

        String later = path.replaceAll("expires=(\\d+)", "expires=" + (expiresAt.getEpochSecond() + 86_400));
        mvc.perform(get(URI.create(later)).header("Accept-Language", "fr"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("n’est pas valide")));
        String otherFile = upload("other.exe", bytes(10));
        mvc.perform(get(URI.create(path.replace(fileId, otherFile)))).andExpect(status().isForbidden());
        String signature = path.substring(path.indexOf("signature=") + 10);
        String flipped = path.replace(signature, (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
        mvc.perform(get(URI.create(flipped))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/files/{f}/download", fileId)).andExpect(status().isForbidden());

        String adminId = data.admin().userId().toString();
        Instant past = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String expired = "/api/v1/files/" + fileId + "/download?by=" + adminId + "&expires=" + past.getEpochSecond()
                + "&signature=" + signedLinks.sign(ReleaseDownloads.LINK_PURPOSE, fileId + "/" + adminId, past);
        mvc.perform(get(URI.create(expired)))
                .andExpect(status().isGone())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'release.fileDownloaded' and target_id = ? "
                + "and after_state like '%\"via\":\"link\"%'").param(fileId).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void signedLinkValidityIsBounded() throws Exception {
        String fileId = upload("setup.exe", bytes(10));
        mvc.perform(asAdmin(post("/api/v1/files/{f}/links", fileId)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"expiresInMinutes\":999999}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("expiresInMinutes"));
    }

    String upload(String name, byte[] content) throws Exception {
        String body = mvc.perform(asAdmin(post("/api/v1/products/{p}/releases/{r}/files", product, release))
                        .param("platform", "WINDOWS").param("name", name)
                        .contentType(MediaType.APPLICATION_OCTET_STREAM).content(content))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.size").value(content.length))
                .andExpect(jsonPath("$.sha256").value(sha256(content)))
                .andExpect(jsonPath("$.platform").value("WINDOWS"))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.id");
    }

    long filesOfRelease() {
        return jdbc.sql("select count(*) from release_file where release_id = ?").param(UUID.fromString(release)).query(Long.class).single();
    }

    long downloadsAudited(String fileId) {
        return jdbc.sql("select count(*) from audit_entry where action = 'release.fileDownloaded' and target_id = ?").param(fileId)
                .query(Long.class).single();
    }

    static List<String> storedFiles() throws IOException {
        Path root = Path.of("target", "test-files");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
        }
    }

    static byte[] bytes(int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return content;
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
