package io.gatehouse.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Tickets and the team table's requests speak all four languages, with every key and no broken message. */
class RequestTranslationsTest {

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RequestTranslationsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyKeyIsInEveryLanguageAndEveryMessageFormats() throws IOException {
        Properties english = load("/i18n/requests.properties");
        assertThat(english).containsKeys("requests.send", "requests.queue.title", "requests.ticket.title");
        for (String language : List.of("en", "fr", "es", "ja")) {
            Properties translated = language.equals("en") ? english : load("/i18n/requests_" + language + ".properties");
            assertThat(translated.keySet()).as(language).containsExactlyInAnyOrderElementsOf(english.keySet());
            for (String key : translated.stringPropertyNames()) {
                String value = translated.getProperty(key);
                assertThat(value).as(language + " " + key).isNotBlank().doesNotContain("'");
                assertThat(new MessageFormat(value, Locale.forLanguageTag(language)).format(new Object[] {12, 2, 3}))
                        .as(language + " " + key).isNotBlank().doesNotContain("{0");
            }
        }
    }

    @Test
    void theArticlesWordsAreTheButtonsWords() throws IOException {
        assertThat(load("/i18n/requests.properties").getProperty("requests.send")).isEqualTo("Send request");
        assertThat(load("/i18n/requests_fr.properties").getProperty("requests.send")).isEqualTo("Envoyer la demande");
        assertThat(load("/i18n/requests_es.properties").getProperty("requests.send")).isEqualTo("Enviar solicitud");
    }
}
