package io.gatehouse.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SCIM tokens through the JSON API and the portal page: shown once, listed without the secret, revoked, audited. */
@IntegrationTest
class ScimTokenApiTest {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JsonMapper json;

    @Test
    void aManagerCreatesListsAndRevokesATokenShownOnce() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);

        String body = mvc.perform(post("/api/v1/organizations/{org}/scim-tokens", org).with(user(manager.id())).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Entra ID\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("Entra ID"))
                .andExpect(jsonPath("$.createdAt").exists())
                .andReturn().getResponse().getContentAsString();
        JsonNode issued = json.readTree(body);
        String token = issued.path("token").asString();
        assertThat(token).startsWith("scim_");
        assertThat(ScimFixtures.call(port, token, "GET", "/Users", null).status()).isEqualTo(200);

        String list = mvc.perform(get("/api/v1/organizations/{org}/scim-tokens", org).with(user(manager.id())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("Entra ID"))
                .andExpect(jsonPath("$[0].lastUsedAt").exists())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain(token).doesNotContain("\"token\"");

        mvc.perform(delete("/api/v1/organizations/{org}/scim-tokens/{id}", org, issued.path("id").asString())
                        .with(user(manager.id())).with(csrf()))
                .andExpect(status().isNoContent());
        assertThat(ScimFixtures.call(port, token, "GET", "/Users", null).status()).isEqualTo(401);
        assertThat(data.auditEntries(org, "scim.token.created")).isEqualTo(1);
        assertThat(data.auditEntries(org, "scim.token.revoked")).isEqualTo(1);
    }

    @Test
    void anotherOrganizationsTokenIsNotFoundAndOnlyManagersAndTheVendorAdminManageTokens() throws Exception {
        OrganizationId org = data.organizationId();
        OrganizationId other = data.organizationId();
        TestMember otherManager = data.manager(other);
        String body = mvc.perform(post("/api/v1/organizations/{org}/scim-tokens", other).with(user(otherManager.id())).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Okta\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String otherId = json.readTree(body).path("id").asString();
        TestMember manager = data.manager(org);

        mvc.perform(delete("/api/v1/organizations/{org}/scim-tokens/{id}", org, otherId).with(user(manager.id())).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/organizations/{org}/scim-tokens", other).with(user(manager.id())))
                .andExpect(status().isNotFound());
        TestMember userManager = data.userManager(org);
        mvc.perform(post("/api/v1/organizations/{org}/scim-tokens", org).with(user(userManager.id())).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}"))
                .andExpect(status().isForbidden());
        String admin = data.admin().userId().toString();
        mvc.perform(post("/api/v1/organizations/{org}/scim-tokens", org).with(user(admin)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Vendor\"}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/organizations/{org}/scim-tokens", org).with(user(manager.id())).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"  \"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void thePortalPageShowsANewTokenOnceAndAsksBeforeRevoking() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);

        String created = mvc.perform(post("/organizations/{org}/scim/tokens", org).with(user(manager.id())).with(csrf())
                        .param("name", "Entra ID"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(created).contains("scim_").contains("/scim/v2");
        String blank = mvc.perform(post("/organizations/{org}/scim/tokens", org).with(user(manager.id())).with(csrf())
                        .param("name", " "))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(blank).contains("scim-token-name-error").doesNotContain("scim_");
        String page = mvc.perform(get("/organizations/{org}/scim", org).with(user(manager.id())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Entra ID").doesNotContain("scim_");
        String sites = mvc.perform(get("/organizations/{org}/sites", org).with(user(manager.id())))
                .andReturn().getResponse().getContentAsString();
        assertThat(sites).contains("/organizations/" + org + "/scim");

        String id = page.replaceAll("(?s).*/scim/tokens/([0-9a-f-]{36})/revoke.*", "$1");
        String question = mvc.perform(post("/organizations/{org}/scim/tokens/{id}/revoke", org, id).with(user(manager.id())).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(question).contains("Entra ID").contains("confirmed");
        mvc.perform(post("/organizations/{org}/scim/tokens/{id}/revoke", org, id).with(user(manager.id())).with(csrf())
                        .param("confirmed", "true"))
                .andExpect(status().is3xxRedirection());
        assertThat(data.auditEntries(org, "scim.token.revoked")).isEqualTo(1);
    }
}
