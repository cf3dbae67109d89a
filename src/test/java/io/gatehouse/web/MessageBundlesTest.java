package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every message exists in English, French, Spanish and Japanese, and every one of them formats. */
class MessageBundlesTest {

    private static final List<String> LANGUAGES = List.of("fr", "es", "ja");

    static Stream<String> bundles() throws IOException {
        Set<String> names = new TreeSet<>();
        names.add("messages");
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:i18n/*.properties")) {
            String file = resource.getFilename();
            if (file != null && !file.matches(".*_(fr|es|ja)\\.properties")) {
                names.add("i18n/" + file.replace(".properties", ""));
            }
        }
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void everyKeyExistsInEveryLanguage(String bundle) {
        Properties english = load(bundle + ".properties");
        for (String language : LANGUAGES) {
            Properties translated = load(bundle + "_" + language + ".properties");
            assertThat(new TreeSet<>(translated.stringPropertyNames()))
                    .as("keys of %s_%s compared with English", bundle, language)
                    .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
        }
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void everyMessageFormatsWithoutLosingText(String bundle) {
        List<String> broken = new ArrayList<>();
        for (String language : List.of("", "_fr", "_es", "_ja")) {
            Properties messages = load(bundle + language + ".properties");
            for (String key : messages.stringPropertyNames()) {
                String value = messages.getProperty(key);
                if (value.contains("'") && value.contains("{")) {
                    broken.add(bundle + language + ": " + key + " has a plain apostrophe, which MessageFormat swallows");
                }
                try {
                    new MessageFormat(value.replaceAll("\\{(min|max|value)}", "{0}")).format(new Object[] {1, 2, 3});
                } catch (IllegalArgumentException e) {
                    broken.add(bundle + language + ": " + key + " does not format: " + e.getMessage());
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    private static Properties load(String name) {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name + " exists").isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
