package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.StaffRole;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The vendor admin's Welcome page links, per language, and the welcome page that shows them. */
@IntegrationTest
class WelcomeLinksPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessPolicy policy;

    @Autowired
    ApplicationEventPublisher events;

    String admin;
    TestMember french;
    TestMember english;

    @BeforeEach
    void aFrenchAndAnEnglishMember() {
        jdbc.sql("delete from welcome_link").update();
        admin = data.staff(StaffRole.VENDOR_ADMIN).id().toString();
        OrganizationId org = data.organizationId();
        french = data.user(org);
        accounts.update(data.admin(), french.userId(), new AccountChanges(null, null, null, null, null, Language.FR, null, null));
        english = data.user(org);
    }

    @AfterEach
    void backToTheSettings() {
        jdbc.sql("delete from welcome_link").update();
    }

    @Test
    void theAdminsFrenchLinksShowOnAFrenchMembersWelcomePageAndEnglishStaysAsItWas() throws Exception {
        String englishBefore = supportPart(welcome(english));

        mvc.perform(save("fr").param("supportCentre", "https://support.example.com/fr")
                        .param("title.0", "Créer un utilisateur").param("url.0", "https://support.example.com/fr/utilisateurs")
                        .param("title.1", "Exporter les utilisateurs").param("url.1", "https://support.example.com/fr/export"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/welcome?language=fr"));

        assertThat(welcome(french)).contains("href=\"https://support.example.com/fr\"", "Centre d", "Créer un utilisateur",
                "href=\"https://support.example.com/fr/utilisateurs\"", "Exporter les utilisateurs");
        assertThat(welcome(french).indexOf("Créer un utilisateur")).isLessThan(welcome(french).indexOf("Exporter les utilisateurs"));
        assertThat(supportPart(welcome(english))).isEqualTo(englishBefore).doesNotContain("support.example.com/fr");
        assertThat(auditedSaves("fr")).isEqualTo(1);

        String page = mvc.perform(get("/admin/welcome").param("language", "fr").with(user(admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("value=\"https://support.example.com/fr\"", "value=\"Créer un utilisateur\"");
    }

    @Test
    void theSaveIsShownBesideTheLinksItSaved() throws Exception {
        var saved = mvc.perform(save("es").param("title.0", "Crear un usuario").param("url.0", "https://support.example.com/es/usuarios"))
                .andExpect(status().is3xxRedirection()).andReturn();

        assertThat(saved.getFlashMap().get("saved")).isEqualTo(true);
        jakarta.servlet.http.Cookie session = saved.getResponse().getCookie("SESSION");
        assertThat(session).as("the session that carries the save to the next page").isNotNull();
        // As the browser follows the redirect: the query string is part of what the saved notice is meant for.
        String page = mvc.perform(get("/admin/welcome?language=es").with(user(admin)).cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Links in Español saved.", "value=\"Crear un usuario\"");
        assertThat(page.indexOf("Links in Español saved.")).isGreaterThan(page.indexOf("Save links"));
    }

    @Test
    void aJavascriptAddressIsRefusedWithALocalizedMessageAndNothingIsSaved() throws Exception {
        String english = mvc.perform(save("fr").param("supportCentre", "https://support.example.com/fr")
                        .param("title.0", "Cliquez ici").param("url.0", "javascript:alert(document.cookie)"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Some fields need correcting; nothing was changed.",
                "Enter a web address starting with https:// or http://.", "value=\"javascript:alert(document.cookie)\"");

        accounts.updateOwn(data.actor(io.gatehouse.shared.UserId.parse(admin)),
                new AccountChanges(null, null, null, null, null, Language.FR, null, null));
        String inFrench = mvc.perform(save("fr").param("supportCentre", "javascript:void(0)"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(inFrench).contains("Saisissez une adresse web commençant par https:// ou http://.");

        assertThat(jdbc.sql("select count(*) from welcome_link").query(Long.class).single()).isZero();
        assertThat(auditedSaves("fr")).isZero();
        assertThat(welcome(french)).doesNotContain("javascript:", "Cliquez ici");
    }

    @Test
    void aTitleWithoutAnAddressOrOneTooLongIsNamedAndNothingIsSaved() throws Exception {
        String page = mvc.perform(save("en").param("title.0", "No address").param("url.0", "")
                        .param("title.1", "x".repeat(WelcomeLinkSet.MAX_TITLE + 1)).param("url.1", "https://example.com/a"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("This field is required.", "Use at most 200 characters.");
        assertThat(jdbc.sql("select count(*) from welcome_link").query(Long.class).single()).isZero();
    }

    @Test
    void removingAndRenumberingSavesTheArticlesInTheNewOrder() throws Exception {
        mvc.perform(save("en").param("title.0", "First").param("url.0", "https://example.com/1")
                .param("title.1", "Second").param("url.1", "https://example.com/2")
                .param("title.2", "Third").param("url.2", "https://example.com/3")).andExpect(status().is3xxRedirection());

        mvc.perform(save("en").param("title.0", "First").param("url.0", "https://example.com/1").param("position.0", "3")
                .param("title.1", "Second").param("url.1", "https://example.com/2").param("position.1", "2").param("remove.1", "true")
                .param("title.2", "Third").param("url.2", "https://example.com/3").param("position.2", "1")).andExpect(status().is3xxRedirection());

        assertThat(jdbc.sql("select title from welcome_link where language = 'en' order by position").query(String.class).list())
                .containsExactly("Third", "First");
    }

    @Test
    void onlyTheVendorAdminReachesThePage() throws Exception {
        TestMember manager = data.manager(data.organizationId());
        String support = data.staff(StaffRole.VENDOR_SUPPORT).id().toString();

        for (String who : List.of(manager.id(), support)) {
            mvc.perform(get("/admin/welcome").with(user(who))).andExpect(status().isForbidden());
            mvc.perform(post("/admin/welcome").param("language", "fr").param("supportCentre", "https://evil.example.com")
                    .with(user(who)).with(csrf())).andExpect(status().isForbidden());
        }
        String menu = mvc.perform(get("/").with(user(manager.id()))).andReturn().getResponse().getContentAsString();
        assertThat(menu).doesNotContain("/admin/welcome");
        assertThat(mvc.perform(get("/").with(user(admin))).andReturn().getResponse().getContentAsString()).contains("/admin/welcome");
        assertThat(jdbc.sql("select count(*) from welcome_link").query(Long.class).single()).isZero();
    }

    @Test
    void anUnknownLanguageIsNotFound() throws Exception {
        mvc.perform(get("/admin/welcome").param("language", "de").with(user(admin))).andExpect(status().isNotFound());
    }

    @Test
    void aLanguageWithoutSavedLinksShowsTheSettingsThenTheEnglishOnes() {
        WelcomeSettings settings = new WelcomeSettings(
                Map.of("en", "https://help.example.com/en", "es", "https://help.example.com/es"),
                Map.of("en", List.of(new WelcomeSettings.Link("Getting started", "https://help.example.com/en/start"))));
        WelcomeLinks links = new WelcomeLinks(jdbc, settings, policy, events);
        jdbc.sql("insert into welcome_link (id, language, kind, title, url, position) values (?, 'fr', 'ARTICLE', ?, ?, 0)")
                .params(java.util.UUID.randomUUID(), "Démarrer", "https://example.com/fr/start").update();

        assertThat(links.shown("fr")).isEqualTo(new WelcomeLinkSet(null, List.of(new WelcomeLinkSet.Link("Démarrer",
                "https://example.com/fr/start"))));
        assertThat(links.shown("es")).isEqualTo(new WelcomeLinkSet("https://help.example.com/es", List.of()));
        assertThat(links.shown("ja")).isEqualTo(new WelcomeLinkSet("https://help.example.com/en",
                List.of(new WelcomeLinkSet.Link("Getting started", "https://help.example.com/en/start"))));
        assertThat(links.shown("en")).isEqualTo(links.shown("ja"));
    }

    /** The saves of this test's vendor admin in that language, as the audit trail has them. */
    private long auditedSaves(String language) {
        return jdbc.sql("select count(*) from audit_entry where action = 'welcome.linksChanged' and target_id = ? and actor_id = ?")
                .params(language, java.util.UUID.fromString(admin)).query(Long.class).single();
    }

    private MockHttpServletRequestBuilder save(String language) {
        return post("/admin/welcome").param("language", language).with(user(admin)).with(csrf());
    }

    private String welcome(TestMember member) throws Exception {
        return mvc.perform(get("/").with(user(member.id()))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** The part of the welcome page after the tiles: the support links, if any. */
    private static String supportPart(String page) {
        int start = page.indexOf("class=\"support\"");
        return start < 0 ? "" : page.substring(start, page.indexOf("</div>", start));
    }
}
