package io.gatehouse.oidc;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The vendor admin's single sign-on page of an application: register, see the secret once, rotate and stop, each asked first. */
@IntegrationTest
class ClientAdminPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theVendorAdminRegistersAnApplicationSeesTheSecretOnceAndRotatesItOnlyAfterConfirming() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        UUID application = application();
        String page = "/admin/applications/" + application + "/sign-in";
        String name = jdbc.sql("select name from application where id = ?").param(application).query(String.class).single();
        assertThat(html(as(admin, get(page)))).contains("Single sign-on: " + name, "Register", "/.well-known/openid-configuration");

        MvcResult registered = mvc.perform(as(admin, post(page)).with(csrf())
                        .param("redirectUris", "https://planner.example.test/callback\r\nhttps://planner.example.test/other")
                        .param("accessTokenSeconds", "300"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String secret = (String) registered.getFlashMap().get("secret");
        assertThat(secret).hasSizeGreaterThan(40);
        assertThat(jdbc.sql("select redirect_uris from oauth2_registered_client where id = ?").param(application.toString())
                .query(String.class).single()).contains("https://planner.example.test/other");
        assertThat(html(as(admin, get(page)))).doesNotContain(secret).contains("New secret", "Stop single sign-on");

        String question = html(as(admin, post(page + "/secret")).with(csrf()));
        assertThat(question).contains("stops getting tokens with its current secret");
        String before = jdbc.sql("select client_secret from oauth2_registered_client where id = ?").param(application.toString())
                .query(String.class).single();
        assertThat(before).isEqualTo(new ClientSecrets().encode(secret));

        MvcResult rotated = mvc.perform(as(admin, post(page + "/secret")).with(csrf()).param("confirmed", "true"))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat((String) rotated.getFlashMap().get("secret")).isNotEqualTo(secret);
        assertThat(jdbc.sql("select client_secret from oauth2_registered_client where id = ?").param(application.toString())
                .query(String.class).single()).isNotEqualTo(before);
    }

    @Test
    void aMistakenAddressIsShownBesideItsFieldAndNothingIsRegistered() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        UUID application = application();
        String page = html(as(admin, post("/admin/applications/" + application + "/sign-in")).with(csrf())
                .param("redirectUris", "http://planner.example.test/callback").param("accessTokenSeconds", "ten"));
        assertThat(page).contains("Some fields need correcting", "Not an address Gatehouse sends people to",
                "Access tokens live between 60 and 3600 seconds", "http://planner.example.test/callback");
        assertThat(jdbc.sql("select count(*) from oauth2_registered_client where id = ?").param(application.toString())
                .query(Long.class).single()).isZero();
    }

    @Test
    void theVendorAdminChoosesEs256AndThePageShowsItChosen() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        UUID application = application();
        String page = "/admin/applications/" + application + "/sign-in";
        assertThat(html(as(admin, get(page)))).contains("Token signature")
                .containsPattern("value=\"RS256\"\\s+checked");

        mvc.perform(as(admin, post(page)).with(csrf()).param("redirectUris", "https://planner.example.test/callback")
                        .param("accessTokenSeconds", "300").param("signingAlgorithm", "ES256"))
                .andExpect(status().is3xxRedirection());

        assertThat(html(as(admin, get(page)))).containsPattern("value=\"ES256\"\\s+checked")
                .doesNotContainPattern("value=\"RS256\"\\s+checked");
        assertThat(jdbc.sql("select token_settings from oauth2_registered_client where id = ?").param(application.toString())
                .query(String.class).single()).contains("ES256");

        String refused = html(as(admin, post(page)).with(csrf()).param("redirectUris", "https://planner.example.test/callback")
                .param("accessTokenSeconds", "300").param("signingAlgorithm", "none"));
        assertThat(refused).contains("Tokens are signed with one of: RS256, ES256.");
    }

    @Test
    void vendorSupportAndManagersCannotOpenThePage() throws Exception {
        UUID application = application();
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        mvc.perform(as(support, get("/admin/applications/" + application + "/sign-in"))).andExpect(status().isForbidden());
        var manager = data.manager(data.organizationId());
        mvc.perform(get("/admin/applications/" + application + "/sign-in").with(user(manager.id()))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/applications/" + application + "/sign-in").with(user(manager.id())).with(csrf())
                .param("redirectUris", "https://x.example.test/cb")).andExpect(status().isForbidden());
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        mvc.perform(as(admin, get("/admin/applications/" + UUID.randomUUID() + "/sign-in"))).andExpect(status().isNotFound());
    }

    private UUID application() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into application (id, name, managed_externally, position) values (?, ?, false, 99)")
                .params(id, TestData.unique("Planner")).update();
        return id;
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static MockHttpServletRequestBuilder as(AccountView staff, MockHttpServletRequestBuilder request) {
        return request.with(user(staff.id().toString()));
    }
}
