package io.gatehouse.security.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Where passkeys belong when nothing is set, and what a setting may say. */
class PasskeySettingsTest {

    @ParameterizedTest
    @CsvSource({
            "https://portal.example.com,          portal.example.com, https://portal.example.com",
            "https://Portal.Example.com:443/,     portal.example.com, https://portal.example.com",
            "https://portal.example.com:8443/gh,  portal.example.com, https://portal.example.com:8443",
            "http://localhost:8080,               localhost,          http://localhost:8080"})
    void unsetTheyFollowThePublicAddress(String publicUrl, String rpId, String origin) {
        PasskeySettings settings = new PasskeySettings(null, null);
        assertThat(settings.rpId(publicUrl)).isEqualTo(rpId);
        assertThat(settings.origins(publicUrl)).containsExactly(origin);
    }

    @Test
    void setTheyWinAndOriginsAreWrittenAsBrowsersWriteThem() {
        PasskeySettings settings = new PasskeySettings(" Example.com ", List.of("https://a.example.com/", "https://B.example.com:443", " "));
        assertThat(settings.rpId("https://portal.example.com")).isEqualTo("example.com");
        assertThat(settings.origins("https://portal.example.com")).containsExactly("https://a.example.com", "https://b.example.com");
    }

    @Test
    void anRpIdIsAHostNameNotAnAddress() {
        assertThatThrownBy(() -> new PasskeySettings("https://example.com", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasskeySettings(null, List.of("example.com"))).isInstanceOf(IllegalArgumentException.class);
    }
}
