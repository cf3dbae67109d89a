package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private static final String EMAIL = "zoe.durand@shop.test";

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest(name = "\"{0}\" is too short")
    @NullAndEmptySource
    @ValueSource(strings = {"a", "Blue-Kitch7", "           "})
    void refusesPasswordsShorterThanTwelveCharacters(String password) {
        assertThat(policy.violations(password, EMAIL)).containsExactly("validation.password.tooShort");
    }

    @Test
    void acceptsExactlyTwelveCharacters() {
        assertThat(policy.violations("Blue-Kitche7", EMAIL)).isEmpty();
    }

    @Test
    void countsCharactersNotCodeUnitsForTheMinimum() {
        // Eleven characters outside the basic plane are twenty-two UTF-16 units, still too short.
        String elevenEmoji = "\uD83D\uDD11".repeat(11);

        assertThat(policy.violations(elevenEmoji, EMAIL)).containsExactly("validation.password.tooShort");
    }

    @Test
    void acceptsExactly128Characters() {
        String password = "Blue-Kitchen-Cabinet-7-".repeat(6).substring(0, PasswordPolicy.MAX_LENGTH);

        assertThat(policy.violations(password, EMAIL)).isEmpty();
    }

    @Test
    void refusesPasswordsLongerThan128Characters() {
        String password = "Blue-Kitchen-Cabinet-7-".repeat(6).substring(0, PasswordPolicy.MAX_LENGTH + 1);

        assertThat(policy.violations(password, EMAIL)).containsExactly("validation.password.tooLong");
    }

    @Test
    void countsCharactersNotCodeUnitsForTheMaximum() {
        // 22 plain characters and 60 outside the basic plane: 142 UTF-16 units, yet only 82 characters.
        String password = "Blue-Kitchen-Cabinet-7" + "\uD83D\uDD11".repeat(60);

        assertThat(password.length()).isGreaterThan(PasswordPolicy.MAX_LENGTH);
        assertThat(policy.violations(password, EMAIL)).isEmpty();
        assertThat(policy.violations("\uD83D\uDD11".repeat(PasswordPolicy.MAX_LENGTH + 1), EMAIL))
                .containsExactly("validation.password.tooLong");
    }

    @Test
    void refusesThePasswordEqualToTheEmail() {
        assertThat(policy.violations("Bob@Shop.Test", "bob@shop.test")).contains("validation.password.containsEmail");
    }

    @ParameterizedTest(name = "\"{0}\" contains the email's name part")
    @ValueSource(strings = {"zoe.durand!!", "Zoe.Durand-2024!", "my-ZOE.DURAND-secret"})
    void refusesPasswordsContainingTheEmailsNamePart(String password) {
        assertThat(policy.violations(password, EMAIL)).containsExactly("validation.password.containsEmail");
    }

    @Test
    void ignoresAShortNamePartThatWouldMatchTooMuch() {
        assertThat(policy.violations("Blue-Kitchen-Cabinet-7", "bl@shop.test")).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" is a common password dressed up")
    @ValueSource(strings = {
        "Password2024!", "qwertyuiop123", "123456789012", "aaaaaaaaaaaa", "passwordpassword",
        "!!P@ssw0rd2024", "987654321098", "abababababab", "Welcome2024!!", "iloveyouiloveyou"
    })
    void refusesCommonPasswordsDressedUp(String password) {
        assertThat(policy.violations(password, EMAIL)).containsExactly("validation.password.common");
    }

    @ParameterizedTest(name = "\"{0}\" is accepted")
    @ValueSource(strings = {"correct horse battery", "Blue-Kitchen-Cabinet-7", "tangerine lighthouse umbrella", "ÉtéÀLaMontagne42"})
    void acceptsGoodPasswords(String password) {
        assertThat(policy.violations(password, EMAIL)).isEmpty();
    }

    @Test
    void acceptsAGoodPasswordWithoutAnEmail() {
        assertThat(policy.violations("Blue-Kitchen-Cabinet-7", null)).isEmpty();
        assertThat(policy.violations("Blue-Kitchen-Cabinet-7", " ")).isEmpty();
    }
}
