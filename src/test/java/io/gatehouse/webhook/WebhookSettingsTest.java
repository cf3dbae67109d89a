package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    private static final WebhookSettings DEFAULTS = new WebhookSettings("", Duration.ofSeconds(1), 20, Duration.ofSeconds(30),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofHours(24));

    @Test
    void theWaitDoublesAfterEachFailureUpToTenMinutes() {
        assertThat(DEFAULTS.retryAfter(1, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DEFAULTS.retryAfter(2, 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DEFAULTS.retryAfter(3, 0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(DEFAULTS.retryAfter(10, 0)).isEqualTo(Duration.ofSeconds(512));
        assertThat(DEFAULTS.retryAfter(11, 0)).isEqualTo(Duration.ofMinutes(10));
        assertThat(DEFAULTS.retryAfter(200, 0)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theWaitIsSpreadByAFifthEitherWayButNeverBeyondTheLongest() {
        assertThat(DEFAULTS.retryAfter(3, -1)).isEqualTo(Duration.ofMillis(3200));
        assertThat(DEFAULTS.retryAfter(3, 1)).isEqualTo(Duration.ofMillis(4800));
        assertThat(DEFAULTS.retryAfter(3, 7)).as("clamped").isEqualTo(Duration.ofMillis(4800));
        assertThat(DEFAULTS.retryAfter(200, 1)).isEqualTo(Duration.ofMinutes(10));
        assertThat(DEFAULTS.retryAfter(200, -1)).isEqualTo(Duration.ofMinutes(8));
        for (int i = 0; i < 100; i++) {
            assertThat(DEFAULTS.retryAfter(4)).isBetween(Duration.ofMillis(6400), Duration.ofMillis(9600));
        }
    }

    @Test
    void aLeaseShorterThanTwiceTheTimeOutsIsRefused() {
        assertThatThrownBy(() -> new WebhookSettings("", Duration.ofSeconds(1), 20, Duration.ofSeconds(10), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofHours(24)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
    }
}
