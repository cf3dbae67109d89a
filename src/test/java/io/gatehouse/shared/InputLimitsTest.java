package io.gatehouse.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputLimitsTest {

    @ParameterizedTest(name = "{0} in {1}: refused {2}")
    @CsvSource(delimiter = '|', value = {
            "Zoé Durand       | firstName       | false",
            "Émoji 😀         | lastName        | false",
            "a\\u0000b        | firstName       | true",
            "a\\u0000b        | note            | true",
            "half \\ud800     | position        | true",
            "\\udc00 low      | note            | true",
            "one\\ntwo        | firstName       | true",
            "one\\r\\ntwo     | note            | false",
            "one\\ttwo        | text            | false",
            "one\\ntwo        | choices[0].note | false",
            "one\\ntwo        | emails          | false",
            "bell\\u0007      | reason          | true",
            "c1\\u0085        | name            | true",
            "del\\u007f       | name            | true"})
    void refusesControlCharactersOutsideMultilineFieldsAndHalfSurrogatesEverywhere(String escaped, String field, boolean refused) {
        String value = unescape(escaped);
        assertThat(InputLimits.refused(value, InputLimits.multiline(field))).isEqualTo(refused);
    }

    @ParameterizedTest(name = "{0}: refused {1}")
    @CsvSource({"0001-01-01T00:00:00Z, false", "9999-12-31T23:59:59Z, false", "0000-12-31T23:59:59Z, true",
            "+10000-01-01T00:00:00Z, true", "+300000000-01-01T00:00:00Z, true", "-0001-01-01T00:00:00Z, true"})
    void datesAreReadFromTheYearOneTo9999(String text, boolean refused) {
        Instant instant = Instant.parse(text);
        if (refused) {
            assertThatThrownBy(() -> InputLimits.requireDate("from", instant))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("from"));
        } else {
            assertThat(InputLimits.requireDate("from", instant)).isEqualTo(instant);
        }
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && text.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\') {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next == 't' ? '\t' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
