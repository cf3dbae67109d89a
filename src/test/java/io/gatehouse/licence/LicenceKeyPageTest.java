package io.gatehouse.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/** "Issue a new key" on a licence's page: Managers only, after a question naming the licence and what it changes. */
@IntegrationTest
@Import(LicenceFixtures.class)
class LicenceKeyPageTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    LicenceFixtures fixtures;

    @Autowired
    Licences licences;

    @Autowired
    JdbcClient jdbc;

    OrganizationId org;
    TestMember manager;
    LicenceView licence;
    String page;
    String oldKey;

    @BeforeEach
    void aDesktopLicence() {
        org = data.organizationId();
        manager = data.manager(org);
        licence = fixtures.licence(org, fixtures.desktopProduct(), 3);
        page = "/organizations/" + org + "/licences/" + licence.id();
        oldKey = licence.key();
        assertThat(oldKey).isNotBlank();
    }

    @Test
    void aManagerConfirmsThenSeesTheNewKeyOnceAndOnlyTheNewKeyActivates() throws Exception {
        String licencePage = mvc.perform(get(page).with(user(manager.id()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(licencePage).contains("Issue a new key", "action=\"" + page + "/key\"");

        String question = mvc.perform(post(page + "/key").with(user(manager.id())).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(question).contains("Issue a new key for " + licence.productName() + " " + licence.number() + "?",
                "Machines already activated keep working", "new activations need the new key",
                "name=\"confirmed\" value=\"true\"");
        assertThat(keyHash()).isEqualTo(LicenceKeys.hash(oldKey));

        MvcResult done = mvc.perform(post(page + "/key").param("confirmed", "true").with(user(manager.id())).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl(page)).andReturn();
        String newKey = (String) done.getFlashMap().get("newKey");
        assertThat(newKey).isNotBlank().isNotEqualTo(oldKey);
        assertThat(keyHash()).isEqualTo(LicenceKeys.hash(newKey));
        assertThat(data.auditEntries(org, "licence.keyRegenerated")).isEqualTo(1);

        // The browser comes back with its session cookie: the new key is shown on that one page.
        Cookie session = done.getResponse().getCookie("SESSION");
        assertThat(session).as("the session that carries the new key to the next page").isNotNull();
        String shown = mvc.perform(get(page).cookie(session).with(user(manager.id())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("The new licence key of " + licence.productName() + " " + licence.number() + " is below", newKey);
        String later = mvc.perform(get(page).cookie(session).with(user(manager.id()))).andReturn().getResponse().getContentAsString();
        assertThat(later).doesNotContain("is below").doesNotContain(oldKey);

        activate(oldKey, "fp-old").andExpect(status().isBadRequest());
        activate(newKey, "fp-new").andExpect(status().isCreated());
    }

    @Test
    void withoutConfirmedTrueTheKeyStaysAsItWas() throws Exception {
        mvc.perform(post(page + "/key").with(user(manager.id())).with(csrf())).andExpect(status().isOk());
        mvc.perform(post(page + "/key").param("confirmed", "false").with(user(manager.id())).with(csrf())).andExpect(status().isOk());
        mvc.perform(post(page + "/key").param("confirmed", "yes").with(user(manager.id())).with(csrf())).andExpect(status().isOk());

        assertThat(keyHash()).isEqualTo(LicenceKeys.hash(oldKey));
        assertThat(data.auditEntries(org, "licence.keyRegenerated")).isZero();
    }

    @Test
    void aHolderOfLicensesOrAPlainMemberIsRefusedLikeTheOtherLicenceActionsAndSeesNoButton() throws Exception {
        TestMember holder = data.user(org, "Licenses");
        TestMember plain = data.user(org);

        String holderPage = mvc.perform(get(page).with(user(holder.id()))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(holderPage).doesNotContain("Issue a new key", page + "/key");
        for (String confirmed : new String[] {null, "true"}) {
            var request = post(page + "/key").with(user(holder.id())).with(csrf());
            mvc.perform(confirmed == null ? request : request.param("confirmed", confirmed)).andExpect(status().isForbidden());
            mvc.perform(post(page + "/key").param("confirmed", "true").with(user(plain.id())).with(csrf()))
                    .andExpect(status().isForbidden());
        }

        assertThat(keyHash()).isEqualTo(LicenceKeys.hash(oldKey));
        assertThat(data.auditEntries(org, "licence.keyRegenerated")).isZero();
    }

    @Test
    void anotherOrganizationsLicenceIsNotFoundAndKeepsItsKey() throws Exception {
        OrganizationId theirs = data.organizationId();
        TestMember theirManager = data.manager(theirs);

        mvc.perform(post(page + "/key").param("confirmed", "true").with(user(theirManager.id())).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/organizations/" + theirs + "/licences/" + licence.id() + "/key").param("confirmed", "true")
                .with(user(theirManager.id())).with(csrf())).andExpect(status().isNotFound());

        assertThat(keyHash()).isEqualTo(LicenceKeys.hash(oldKey));
    }

    private String keyHash() {
        return jdbc.sql("select key_hash from licence where id = ?").param(UUID.fromString(licence.id())).query(String.class).single();
    }

    private org.springframework.test.web.servlet.ResultActions activate(String key, String fingerprint) throws Exception {
        return mvc.perform(post("/api/v1/activations").contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("licenceKey", key, "fingerprint", fingerprint, "machineName", "PC")))
                .with(request -> {
                    request.setRemoteAddr("192.0.2." + (1 + Math.abs(fingerprint.hashCode() % 200)));
                    return request;
                }));
    }
}
