package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.shared.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/hooks/gatehouse", "https://app.example.com:8443/h?tenant=1",
            "http://localhost:8081/hook", "http://127.0.0.1:9000/hook", "http://[::1]:9000/hook", "HTTPS://APP.EXAMPLE.COM/h"})
    void acceptsHttpsAndPlainHttpToThisMachineOnly(String url) {
        assertThat(WebhookUrl.check("  " + url + " ", "url")).isEqualTo(url);
    }

    @ParameterizedTest
    @CsvSource({
            "http://app.example.com/hook, validation.webhook.https",
            "http://10.0.0.5/hook, validation.webhook.https",
            "ftp://app.example.com/hook, validation.webhook.url",
            "/relative/hook, validation.webhook.url",
            "https://user:pw@app.example.com/hook, validation.webhook.url",
            "https://app.example.com/hook#part, validation.webhook.url",
            "https://exa mple.com, validation.webhook.url",
            "'   ', validation.required"})
    void refusesEverythingElseWithItsReason(String url, String reason) {
        assertThatThrownBy(() -> WebhookUrl.check(url, "url"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.errors().get(0).field()).isEqualTo("url");
                    assertThat(e.errors().get(0).messageCode()).isEqualTo(reason);
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {2001, 5000})
    void refusesAnAddressLongerThanTheColumn(int length) {
        String url = "https://app.example.com/" + "a".repeat(length - 24);
        assertThatThrownBy(() -> WebhookUrl.check(url, "url"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).messageCode()).isEqualTo("validation.webhook.urlTooLong"));
    }
}
