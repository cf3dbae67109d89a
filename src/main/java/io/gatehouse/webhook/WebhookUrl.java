package io.gatehouse.webhook;

import io.gatehouse.shared.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Where an application receives its webhooks: an absolute https URL. Plain http is accepted only
 * for this machine (localhost, 127.0.0.1, [::1]), for an application under development; anything
 * else would send the signed messages readable on the way.
 */
final class WebhookUrl {

    static final int MAX_LENGTH = 2000;
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private WebhookUrl() {
    }

    /** The URL as it will be stored, or a field error on {@code field}. */
    static String check(String text, String field) {
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of(field, "validation.required");
        }
        String url = text.strip();
        if (url.length() > MAX_LENGTH) {
            throw InvalidInputException.of(field, "validation.webhook.urlTooLong", MAX_LENGTH);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw InvalidInputException.of(field, "validation.webhook.url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host.isEmpty() || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                || !(scheme.equals("https") || scheme.equals("http"))) {
            throw InvalidInputException.of(field, "validation.webhook.url");
        }
        if (scheme.equals("http") && !LOCAL_HOSTS.contains(host)) {
            throw InvalidInputException.of(field, "validation.webhook.https");
        }
        return url;
    }
}
