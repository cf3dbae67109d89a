package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InformedTest {

    @ParameterizedTest
    @CsvSource({"0, moment, 0.1", "49, moment, 0.1", "400, seconds, 0.4", "1260, seconds, 1.3", "42000, seconds, 42",
            "180000, minutes, 3", "7200000, hours, 2", "172800000, days, 2"})
    void aLengthOfTimeReadsInTheUnitThatSuitsIt(long millis, String unit, String amount) {
        Informed.Span span = Informed.Span.of(Duration.ofMillis(millis));
        assertThat(span.unit()).isEqualTo(unit);
        assertThat(new java.math.BigDecimal(span.amount().toString())).isEqualByComparingTo(amount);
    }

    @Test
    void countsTheApplicationsThatReceivedTheChangeAndTheSlowestOfThem() {
        Instant applied = Instant.parse("2026-01-01T10:00:00Z");
        Informed informed = Informed.of(List.of(
                new Informed.Application("Showcase 360", DeliveryStatus.DELIVERED, applied, applied.plusMillis(120)),
                new Informed.Application("Contacts", DeliveryStatus.DELIVERED, applied, applied.plusMillis(400)),
                new Informed.Application("Billing", DeliveryStatus.RETRYING, applied, null)), applied.plusSeconds(5));
        assertThat(informed.delivered()).isEqualTo(2);
        assertThat(informed.total()).isEqualTo(3);
        assertThat(informed.slowest()).isEqualTo(Duration.ofMillis(400));
        assertThat(informed.ago().unit()).isEqualTo("seconds");
        assertThat(Informed.of(List.of(), applied)).as("nothing to say without deliveries").isNull();
    }
}
