package io.gatehouse.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a {@link Delivery} of one kind into the HTTP POST that carries it, at the moment it is sent
 * (so signatures and tokens are fresh on every attempt). A Spring bean implementing this interface
 * is all a new kind of message needs: the dispatcher, its retries and the deliveries API stay the same.
 */
public interface DeliveryRenderer {

    /** The kind this renderer sends, as written in {@code webhook_delivery.kind} (at most 32 characters). */
    String kind();

    /**
     * The request to send now; empty when the application no longer has an endpoint for this kind,
     * and then the delivery is given up at once.
     */
    Optional<Rendered> render(Delivery delivery, Instant now);

    /**
     * An HTTP POST.
     *
     * @param target      where to
     * @param contentType the Content-Type header as sent (application/json, application/x-www-form-urlencoded…); the body is UTF-8
     * @param body        the body, sent as UTF-8
     * @param headers     further headers (signatures…)
     */
    record Rendered(URI target, String contentType, String body, Map<String, String> headers) {

        public Rendered {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }
}
