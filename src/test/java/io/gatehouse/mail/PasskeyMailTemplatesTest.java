package io.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The mails a passkey's addition and removal send, in each language, naming the passkey. */
class PasskeyMailTemplatesTest {

    private final MailTemplates templates = new MailTemplates(messages(), "Acme Cloud", "https://portal.acme.example/");

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/mail", "i18n/passkeys");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr", "es", "ja"})
    void bothMailsNameThePasskeyTheVendorAndLinkToThePasskeysPage(String language) {
        for (String template : new String[] {"passkey-added", "passkey-removed"}) {
            MailTemplates.Rendered mail = templates.render(new MailRequest("grace@example.com", Locale.forLanguageTag(language), template,
                    Map.of("name", "Grace Hopper", "passkey", "Work <laptop>", "link", "/account/passkeys")));
            assertThat(mail.subject()).isNotBlank().doesNotContain("??");
            assertThat(mail.text()).contains("Grace Hopper", "Work <laptop>", "Acme Cloud",
                    "https://portal.acme.example/account/passkeys").doesNotContain("??");
            assertThat(mail.html()).contains("Work &lt;laptop&gt;", "https://portal.acme.example/account/passkeys")
                    .doesNotContain("??");
        }
    }
}
