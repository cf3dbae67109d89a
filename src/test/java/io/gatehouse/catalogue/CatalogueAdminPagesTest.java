package io.gatehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.StaffRole;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.user.AccountView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class CatalogueAdminPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theVendorAdminDefinesACatalogueAndEditsWhereItIsOffered() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        String name = TestData.unique("Kitchens");
        String location = mvc.perform(as(admin, post("/admin/catalogues")).with(csrf())
                        .param("name", name).param("supplier", "Nobilia").param("description", "Fronts")
                        .param("version", "2026.1").param("publishedOn", "2026-03-01").param("regions", "EU", "AU")
                        .param("languages", "en, FR de"))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        String id = jdbc.sql("select id from catalogue where name = ?").param(name).query(String.class).single();
        assertThat(location).isEqualTo("/admin/catalogues/" + id);

        String edit = html(as(admin, get(location)));
        assertThat(edit).contains("Edit " + name, "value=\"2026-03-01\"", "value=\"de, en, fr\"", "All catalogues");
        assertThat(html(as(admin, get("/admin/catalogues")))).contains(name, "AU, EU", "de, en, fr");

        mvc.perform(as(admin, post(location)).with(csrf()).param("name", name).param("supplier", "Nobilia").param("version", "2026.2")
                        .param("publishedOn", "2026-04-01").param("regions", "ZA").param("languages", "en"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select region from catalogue_region where catalogue_id = cast(? as uuid)").param(id).query(String.class)
                .list()).containsExactly("ZA");
    }

    @Test
    void aCatalogueWithMistakesIsShownAgainWithEachMessageBesideItsFieldAndNothingSaved() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        String name = TestData.unique("Broken");
        String page = html(as(admin, post("/admin/catalogues")).with(csrf()).param("name", name).param("supplier", "")
                .param("version", "1").param("publishedOn", "31/02/2026").param("languages", "english"));

        assertThat(page).contains("Some fields need correcting; nothing was changed.", "This field is required.",
                "Enter a date such as 2026-01-31.", "Choose at least one region.", "Use language codes such as en, fr or es.",
                "value=\"" + name + "\"", "value=\"english\"");
        assertThat(jdbc.sql("select count(*) from catalogue where name = ?").param(name).query(Long.class).single()).isZero();
    }

    @Test
    void vendorSupportAndOrganizationAdminsCannotDefineCatalogues() throws Exception {
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        mvc.perform(as(support, get("/admin/catalogues"))).andExpect(status().isForbidden());
        mvc.perform(as(support, post("/admin/catalogues")).with(csrf()).param("name", "X").param("supplier", "Y")
                .param("version", "1").param("regions", "EU").param("languages", "en")).andExpect(status().isForbidden());
        var manager = data.manager(data.organizationId());
        mvc.perform(get("/admin/catalogues").with(user(manager.userId().toString()))).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from catalogue where name = 'X' and supplier = 'Y'").query(Long.class).single()).isZero();
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static MockHttpServletRequestBuilder as(AccountView staff, MockHttpServletRequestBuilder request) {
        return request.with(user(staff.id().toString()));
    }
}
