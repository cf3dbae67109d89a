package io.gatehouse.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class ProductAdminPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Products products;

    @Autowired
    Releases releases;

    @Test
    void vendorAdminDefinesAProductPublishesAReleaseAddsAFileAndWithdrawsIt() throws Exception {
        String name = TestData.unique("Showcase");
        mvc.perform(asAdmin(post("/admin/products")).with(csrf()).param("name", name).param("kind", "DESKTOP")
                        .param("description", "Plans\nand maps"))
                .andExpect(redirectedUrlPattern("/admin/products/*"))
                .andExpect(flash().attribute("flash", "products.admin.created"));
        ProductSummary product = products.all().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        assertThat(html(asAdmin(get("/admin/products")))).contains(name, "Desktop software", "Define a product");

        mvc.perform(asAdmin(post("/admin/products/{p}/releases", product.id())).with(csrf()).param("version", "5.2")
                        .param("channel", "BETA").param("releasedOn", "2026-11-02").param("notes.en", "New maps.\nFaster.")
                        .param("notes.ja", "新しい地図"))
                .andExpect(redirectedUrlPattern("/admin/products/*#release-*"));
        ReleaseView release = releases.of(product.id()).get(0);
        assertThat(release.channel()).isEqualTo(ReleaseChannel.BETA);
        assertThat(release.notes()).containsEntry("en", "New maps.\nFaster.").containsEntry("ja", "新しい地図");

        mvc.perform(multipart("/admin/products/{p}/releases/{r}/files", product.id(), release.id())
                        .file(new MockMultipartFile("file", "maps.pack", "application/octet-stream", new byte[] {1, 2, 3, 4}))
                        .with(user(data.admin().userId().toString())).with(csrf()).param("platform", "DATA_PACK"))
                .andExpect(flash().attribute("flash", "products.admin.uploaded"));
        assertThat(releases.of(product.id()).get(0).files()).extracting(ReleaseFileView::name).containsExactly("maps.pack");

        String page = html(asAdmin(get("/admin/products/{p}", product.id())));
        assertThat(page).contains("5.2", "Beta", "maps.pack", "Data pack", "4 bytes", "Withdraw", "data-stream-upload",
                "New maps.\nFaster.", "新しい地図");

        mvc.perform(asAdmin(post("/admin/products/{p}/releases/{r}/withdrawn", product.id(), release.id())).with(csrf())
                        .param("withdrawn", "true"))
                .andExpect(flash().attribute("flash", "products.admin.withdrawn"));
        assertThat(releases.available(product.id())).isEmpty();
    }

    @Test
    void badReleaseInputIsShownOnThePageAndChangesNothing() throws Exception {
        ProductSummary product = products.define(TestData.unique("Atlas"), "", ProductKind.CONTENT, null);
        String page = mvc.perform(asAdmin(post("/admin/products/{p}/releases", product.id())).with(csrf())
                        .param("version", "v-five").param("channel", "STABLE").param("releasedOn", "2026-02-31"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Enter a version such as 5.2").contains("v-five");
        assertThat(releases.of(product.id())).isEmpty();
    }

    @Test
    void onlyTheVendorAdminReachesTheProductPages() throws Exception {
        TestMember manager = data.manager(data.organizationId());
        ProductSummary product = products.define(TestData.unique("Hidden"), "", ProductKind.DESKTOP, null);
        mvc.perform(get("/admin/products").with(user(manager.id()))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/products/{p}", product.id()).with(user(manager.id()))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/products").with(user(manager.id())).with(csrf()).param("name", TestData.unique("Rogue"))
                .param("kind", "DESKTOP")).andExpect(status().isForbidden());
        mvc.perform(asAdmin(get("/admin/products/{p}", UUID.randomUUID()))).andExpect(status().isNotFound());
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(user(data.admin().userId().toString()));
    }
}
