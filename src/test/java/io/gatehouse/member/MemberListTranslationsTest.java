package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** User Management and its export speak all four languages, with every key and no broken message. */
class MemberListTranslationsTest {

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MemberListTranslationsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest
    @ValueSource(strings = {"members", "export"})
    void everyKeyIsInEveryLanguageAndEveryMessageFormats(String family) throws IOException {
        Properties english = load("/i18n/" + family + ".properties");
        assertThat(english).isNotEmpty();
        for (String language : List.of("fr", "es", "ja")) {
            Properties translated = load("/i18n/" + family + "_" + language + ".properties");
            assertThat(translated.keySet()).as(family + "_" + language).containsExactlyInAnyOrderElementsOf(english.keySet());
            for (String key : translated.stringPropertyNames()) {
                String value = translated.getProperty(key);
                assertThat(value).as(key).isNotBlank().doesNotContain("'");
                assertThat(new MessageFormat(value, Locale.forLanguageTag(language)).format(new Object[] {1, 2, 3}))
                        .as(key).isNotBlank();
            }
        }
    }
}
