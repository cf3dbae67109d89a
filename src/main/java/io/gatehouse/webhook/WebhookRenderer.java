package io.gatehouse.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The "access changed" webhook: the JSON written when the change was committed, signed at each
 * attempt as Standard Webhooks prescribes (webhook-id, webhook-timestamp, webhook-signature).
 */
@Component
class WebhookRenderer implements DeliveryRenderer {

    static final String KIND = "WEBHOOK";

    private final ApplicationWebhooks webhooks;

    WebhookRenderer(ApplicationWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<Rendered> render(Delivery delivery, Instant now) {
        return webhooks.endpoint(delivery.applicationId(), now).map(endpoint -> {
            long timestamp = now.getEpochSecond();
            // Signed with each secret in force, space-separated: right after a rotation the old one still verifies.
            String signatures = endpoint.secrets().stream()
                    .map(secret -> WebhookSecret.sign(secret, delivery.eventId(), timestamp, delivery.payload()))
                    .collect(Collectors.joining(" "));
            return new Rendered(URI.create(endpoint.url()), "application/json", delivery.payload(), Map.of(
                    "webhook-id", delivery.eventId(),
                    "webhook-timestamp", Long.toString(timestamp),
                    "webhook-signature", signatures));
        });
    }
}
