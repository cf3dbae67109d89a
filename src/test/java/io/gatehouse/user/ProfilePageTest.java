package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class ProfilePageTest {

    private static final String NEW_PASSWORD = "Lantern-Orchard-Violin-7";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    TestMember me;
    OrganizationId org;

    @BeforeEach
    void someone() {
        org = data.organizationId();
        me = data.user(org);
    }

    @Test
    void theProfileShowsOwnDetailsWithDatesInOwnDateFormat() throws Exception {
        accounts.updateOwn(data.actor(me.userId()), new AccountChanges(null, null, null, "Buyer", null, null, DateFormat.ISO,
                "Asia/Tokyo"));
        AccountView account = accounts.find(me.userId());
        String memberSince = DateTimeFormatter.ofPattern("yyyy-MM-dd").format(account.createdAt().atZone(ZoneId.of("Asia/Tokyo")));

        String page = html(as(get("/profile")));
        assertThat(page).contains("User profile", me.email(), "Member since", memberSince, "value=\"Buyer\"",
                "Properties &amp; Preferences", "Change password");
        assertThat(page).containsPattern("<option value=\"yyyy-MM-dd\" selected=\"selected\">")
                .containsPattern("<option value=\"Asia/Tokyo\" selected=\"selected\">");
    }

    @Test
    void savingLanguageAndDateFormatShowsTheNextPageInThemAndWritesTheAudit() throws Exception {
        mvc.perform(as(post("/profile")).with(csrf())
                        .param("firstName", "Amélie").param("lastName", "Poulain").param("position", "Serveuse")
                        .param("language", "fr").param("dateFormat", "MM/dd/yyyy").param("timeZone", "Europe/Paris"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/profile"))
                .andExpect(flash().attribute("flash", "profile.saved"));

        AccountView account = accounts.find(me.userId());
        assertThat(account.language()).isEqualTo(Language.FR);
        assertThat(account.dateFormat()).isEqualTo(DateFormat.MONTH_DAY_YEAR);
        assertThat(account.firstName()).isEqualTo("Amélie");
        String memberSince = DateTimeFormatter.ofPattern("MM/dd/yyyy").format(account.createdAt().atZone(ZoneId.of("Europe/Paris")));
        String page = html(as(get("/profile")));
        assertThat(page).contains("lang=\"fr\"", "Profil utilisateur", "Membre depuis le",
                memberSince, "Enregistrer");
        assertThat(data.auditEntries(org, "user.updated")).isEqualTo(1);
    }

    @Test
    void aBlankNameIsRefusedNextToItsFieldAndNothingChanges() throws Exception {
        String page = mvc.perform(as(post("/profile")).with(csrf())
                        .param("firstName", " ").param("lastName", "Kept").param("position", "")
                        .param("language", "fr").param("dateFormat", "dd/MM/yyyy").param("timeZone", "UTC"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"profile-first-name\"", "aria-invalid=\"true\"",
                "aria-describedby=\"profile-first-name-error\"", "This field is required.", "value=\"Kept\"");
        AccountView account = accounts.find(me.userId());
        assertThat(account.lastName()).isNotEqualTo("Kept");
        assertThat(account.language()).isEqualTo(Language.EN);
    }

    @Test
    void tooLongAPositionAndAnUnknownTimeZoneAreEachExplained() throws Exception {
        String page = mvc.perform(as(post("/profile")).with(csrf())
                        .param("firstName", "A").param("lastName", "B").param("position", "x".repeat(201))
                        .param("language", "en").param("dateFormat", "dd/MM/yyyy").param("timeZone", "UTC"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-describedby=\"profile-position-error\"", "At most 200 characters.");

        page = mvc.perform(as(post("/profile")).with(csrf())
                        .param("firstName", "A").param("lastName", "B").param("position", "")
                        .param("language", "en").param("dateFormat", "dd/MM/yyyy").param("timeZone", "Mars/Olympus_Mons"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-describedby=\"profile-time-zone-error\"", "Unknown time zone.");
        assertThat(accounts.find(me.userId()).firstName()).isEqualTo("Test");
    }

    @Test
    void anUnknownLanguageOrDateFormatIsRefused() throws Exception {
        String page = mvc.perform(as(post("/profile")).with(csrf())
                        .param("firstName", "A").param("lastName", "B")
                        .param("language", "xx").param("dateFormat", "yyyy/dd/MM").param("timeZone", "UTC"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-describedby=\"profile-language-error\"", "aria-describedby=\"profile-date-format-error\"",
                "This value is not valid.");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndThenTheNewOneSignsIn() throws Exception {
        mvc.perform(as(post("/profile/password")).with(csrf())
                        .param("currentPassword", me.password()).param("newPassword", NEW_PASSWORD)
                        .param("confirmPassword", NEW_PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flash", "profile.password.changed"));

        mvc.perform(get("/api/v1/me").with(httpBasic(me.email(), NEW_PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").with(httpBasic(me.email(), me.password()))).andExpect(status().isUnauthorized());
        assertThat(data.auditEntries(org, "user.passwordChanged")).isEqualTo(1);
    }

    @Test
    void aWrongCurrentPasswordIsSaidNextToThatField() throws Exception {
        String page = mvc.perform(as(post("/profile/password")).with(csrf())
                        .param("currentPassword", "not-my-password-at-all").param("newPassword", NEW_PASSWORD)
                        .param("confirmPassword", NEW_PASSWORD))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("aria-describedby=\"current-password-error\"", "id=\"current-password-error\"",
                "The current password is not correct.");
        assertThat(page).doesNotContain("not-my-password-at-all", NEW_PASSWORD);
        mvc.perform(get("/api/v1/me").with(httpBasic(me.email(), me.password()))).andExpect(status().isOk());
    }

    @Test
    void aWeakOrMismatchedNewPasswordIsExplainedWithThePolicy() throws Exception {
        String weak = mvc.perform(as(post("/profile/password")).with(csrf())
                        .param("currentPassword", me.password()).param("newPassword", "Password2024!")
                        .param("confirmPassword", "Password2024!"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(weak).contains("aria-describedby=\"new-password-error new-password-policy\"",
                "This password is too common or too easy to guess.",
                "At least 12 characters, not your email address, and not a common password.");

        String mismatch = mvc.perform(as(post("/profile/password")).with(csrf())
                        .param("currentPassword", me.password()).param("newPassword", NEW_PASSWORD)
                        .param("confirmPassword", NEW_PASSWORD + "x"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(mismatch).contains("aria-describedby=\"confirm-password-error\"", "The two new passwords are not the same.");

        String empty = mvc.perform(as(post("/profile/password")).with(csrf()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(empty).contains("aria-describedby=\"current-password-error\"", "aria-describedby=\"new-password-error new-password-policy\"");
        mvc.perform(get("/api/v1/me").with(httpBasic(me.email(), me.password()))).andExpect(status().isOk());
    }

    @Test
    void theProfileNeedsSignInAndCsrf() throws Exception {
        mvc.perform(get("/profile")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/signin"));
        mvc.perform(as(post("/profile")).param("firstName", "X").param("lastName", "Y"))
                .andExpect(status().isForbidden());
        assertThat(accounts.find(me.userId()).firstName()).isEqualTo("Test");
    }

    @Test
    void theProfileReadsInEachLanguageWithoutAMissingMessage() throws Exception {
        for (Language language : Language.values()) {
            accounts.updateOwn(data.actor(me.userId()), new AccountChanges(null, null, null, null, null, language, null, null));
            assertThat(html(as(get("/profile")))).as(language.code()).contains("lang=\"" + language.code() + "\"").doesNotContain("??");
            String invalid = mvc.perform(as(post("/profile/password")).with(csrf()).param("newPassword", "short"))
                    .andReturn().getResponse().getContentAsString();
            assertThat(invalid).as(language.code()).contains("field-error").doesNotContain("??");
        }
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
        return request.with(user(me.id()));
    }
}
