package io.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Every template in every language: both parts, the subject, the vendor's name and the portal's address. */
class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates(messages(), "Acme Cloud", "https://portal.acme.example/");

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/mail");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    static Map<String, Map<String, Object>> examples() {
        return Map.of(
                "invitation", Map.of("inviterName", "Ada Lovelace", "organizationNames", List.of("Northwind", "Contoso"),
                        "role", "Manager", "link", "/register/abc123", "expiresOn", "31/12/2026",
                        "subjectArgs", List.of("Ada Lovelace", List.of("Northwind", "Contoso"))),
                "member-added", Map.of("inviterName", "Ada Lovelace", "organizationNames", List.of("Northwind"), "role", "User",
                        "link", "/signin", "subjectArgs", List.of(List.of("Northwind"))),
                "password-reset", Map.of("name", "Grace", "link", "/password/reset/xyz", "validMinutes", 30),
                "email-change-confirm", Map.of("name", "Grace Hopper", "newEmail", "grace@new.example", "link",
                        "/account/email/confirm?token=xyz", "validHours", 24),
                "email-change-notice", Map.of("name", "Grace Hopper", "newEmail", "grace@new.example", "by", "Ada Lovelace",
                        "link", "/signin", "pending", true),
                "password-set", Map.of("name", "Grace Hopper", "by", "Ada Lovelace", "link", "/signin"),
                "request-status", Map.of("requestNumber", "1042", "requestType", "License", "status", "Approved",
                        "organizationName", "Northwind", "link", "/requests/1042", "comment", "Two more seats.",
                        "subjectArgs", List.of("1042", "Approved")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr", "es", "ja"})
    void everyTemplateRendersBothPartsWithTheVendorAndPortalAddressInEachLanguage(String language) {
        examples().forEach((template, variables) -> {
            MailTemplates.Rendered mail = templates.render(new MailRequest("grace@example.com", Locale.forLanguageTag(language), template, variables));
            String what = template + " in " + language;
            assertThat(mail.subject()).as(what).isNotBlank().doesNotContain("{", "??", "\n");
            assertThat(mail.text()).as(what).contains("Acme Cloud", "https://portal.acme.example", "https://portal.acme.example/")
                    .doesNotContain("??", "{0}", "{1}", "<", "[(");
            assertThat(mail.html()).as(what).startsWith("<!DOCTYPE html>").contains("lang=\"" + language + "\"", "Acme Cloud",
                    "href=\"https://portal.acme.example\"").doesNotContain("??", "{0}", " th:");
        });
    }

    @Test
    void theInvitationNamesInviterOrganizationsRoleLinkAndExpiry() {
        MailTemplates.Rendered mail = templates.render(new MailRequest("grace@example.com", Locale.ENGLISH, "invitation",
                examples().get("invitation")));
        assertThat(mail.subject()).isEqualTo("Ada Lovelace invited you to join Northwind, Contoso");
        assertThat(mail.text()).startsWith("Hello,\n\n").endsWith("https://portal.acme.example\n").contains("Ada Lovelace invited you to join Northwind, Contoso on Acme Cloud as Manager.",
                "Create your account: https://portal.acme.example/register/abc123",
                "The link works once, until 31/12/2026.", "This email was sent by Acme Cloud.");
        assertThat(mail.html()).contains("href=\"https://portal.acme.example/register/abc123\"", ">Create your account</a>");
    }

    @Test
    void japaneseListsOrganizationsWithItsOwnSeparator() {
        MailTemplates.Rendered mail = templates.render(new MailRequest("grace@example.com", Locale.JAPANESE, "invitation",
                examples().get("invitation")));
        assertThat(mail.subject()).isEqualTo("Ada Lovelace さんから Northwind、Contoso への招待が届いています");
        assertThat(mail.text()).contains("アカウントを作成：https://portal.acme.example/register/abc123");
    }

    @Test
    void whatPeopleTypedIsEscapedInHtmlAndKeptAsTypedInText() {
        Map<String, Object> variables = new java.util.HashMap<>(examples().get("invitation"));
        variables.put("inviterName", "<b>Eve</b> & \"co\"");
        MailTemplates.Rendered mail = templates.render(new MailRequest("grace@example.com", Locale.ENGLISH, "invitation", variables));
        assertThat(mail.html()).contains("&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;co&quot;").doesNotContain("<b>Eve");
        assertThat(mail.text()).contains("<b>Eve</b> & \"co\" invited you");
    }

    @Test
    void aRequestStatusWithoutCommentLeavesTheCommentOut() {
        Map<String, Object> variables = new java.util.HashMap<>(examples().get("request-status"));
        variables.remove("comment");
        MailTemplates.Rendered mail = templates.render(new MailRequest("grace@example.com", Locale.FRENCH, "request-status", variables));
        assertThat(mail.subject()).isEqualTo("Ticket n° 1042 : Approved");
        assertThat(mail.text()).doesNotContain("Commentaire");
        assertThat(mail.html()).doesNotContain("Commentaire");
    }

    /** The portal calls it "Ticket #1042" (in French "Ticket n° 1042"): the mail about it uses the same name. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "fr", "es", "ja"})
    void aRequestStatusMailNamesTheTicketAsThePortalDoes(String language) {
        Locale locale = Locale.forLanguageTag(language);
        ResourceBundleMessageSource portal = new ResourceBundleMessageSource();
        portal.setBasenames("i18n/requests");
        portal.setDefaultEncoding("UTF-8");
        portal.setFallbackToSystemLocale(false);
        MailTemplates.Rendered mail = templates.render(new MailRequest("grace@example.com", locale, "request-status",
                examples().get("request-status")));

        assertThat(mail.subject()).isEqualTo(portal.getMessage("requests.ticket.title", new Object[] {1042L, "Approved"}, locale));
        String ticket = portal.getMessage("requests.number", new Object[] {1042L}, "#1042", locale);
        assertThat(mail.text()).contains(ticket).doesNotContainIgnoringCase("request 1042").doesNotContain("Demande 1042",
                "Solicitud 1042", "リクエスト 1042");
    }

    @Test
    void theEmailChangeNoticeSaysWhetherTheChangeWaitsOrWasMade() {
        Map<String, Object> variables = new java.util.HashMap<>(examples().get("email-change-notice"));
        MailTemplates.Rendered waiting = templates.render(new MailRequest("grace@old.example", Locale.ENGLISH, "email-change-notice", variables));
        variables.put("pending", false);
        MailTemplates.Rendered made = templates.render(new MailRequest("grace@old.example", Locale.ENGLISH, "email-change-notice", variables));

        assertThat(waiting.text()).contains("Ada Lovelace asked to change the email address of your account on Acme Cloud to "
                + "grace@new.example. It changes once that address confirms it.").doesNotContain("changed the email address");
        assertThat(made.text()).contains("Ada Lovelace changed the email address of your account on Acme Cloud to grace@new.example.")
                .doesNotContain("asked to change");
        assertThat(made.html()).contains("Ada Lovelace changed the email address").doesNotContain("asked to change");
    }

    @Test
    void anAbsoluteLinkIsKeptAndTheDefaultsNeedNoSetting() {
        MailTemplates defaults = new MailTemplates(messages(), null, null);
        MailTemplates.Rendered mail = defaults.render(new MailRequest("grace@example.com", Locale.ENGLISH, "password-reset",
                Map.of("name", "Grace", "link", "https://elsewhere.example/reset", "validMinutes", 30)));
        assertThat(mail.subject()).isEqualTo("Reset your password");
        assertThat(mail.text()).contains("Choose a new password: https://elsewhere.example/reset", "Gatehouse", "http://localhost:8080",
                "for 30 minutes");
    }

    @Test
    void aSubjectMissingItsArgumentsOrAnUnknownTemplateIsRefused() {
        Map<String, Object> variables = new java.util.HashMap<>(examples().get("invitation"));
        variables.remove("subjectArgs");
        assertThatThrownBy(() -> templates.render(new MailRequest("grace@example.com", Locale.ENGLISH, "invitation", variables)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2 subjectArgs");
        assertThatThrownBy(() -> templates.render(new MailRequest("grace@example.com", Locale.ENGLISH, "no-such-mail", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-mail");
    }

    @Test
    void aRequestIsOneAddressInOneOfTheFourLanguagesWithPlainVariables() {
        assertThat(new MailRequest(" Grace@Example.com ", Locale.UK, "invitation").locale()).isEqualTo(Locale.ENGLISH);
        assertThat(new MailRequest("grace@example.com", Locale.JAPAN, "invitation").locale().toLanguageTag()).isEqualTo("ja");
        for (String to : List.of("", "grace", "a@b.c, d@e.f", "grace@example.com\r\nBcc: x@y.z", "<grace@example.com>")) {
            assertThatThrownBy(() -> new MailRequest(to, Locale.ENGLISH, "invitation")).as(to).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new MailRequest("grace@example.com", Locale.GERMAN, "invitation")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailRequest("grace@example.com", Locale.ENGLISH, "../layout")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailRequest("grace@example.com", Locale.ENGLISH, "invitation", Map.of("who", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailRequest("grace@example.com", Locale.ENGLISH, "invitation", Map.of("vendorName", "Evil")))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("comment", null);
        assertThat(new MailRequest("grace@example.com", Locale.ENGLISH, "request-status", withNull).variables()).containsKey("comment");
    }
}
