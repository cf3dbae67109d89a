package io.gatehouse.oidc;

import io.gatehouse.shared.UserId;
import io.gatehouse.webhook.Delivery;
import io.gatehouse.webhook.DeliveryRenderer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Sends OpenID Connect Back-Channel Logout requests through the delivery outbox: retried like
 * webhooks, and the logout token signed when each attempt is sent, so that a late retry still
 * carries a token the application accepts.
 */
@Component
class BackchannelLogouts implements DeliveryRenderer {

    private static final Pattern FIELD = Pattern.compile("\"(issuer|sub)\"\\s*:\\s*\"([^\"]*)\"");

    private final ClientRegistrations clients;
    private final LogoutTokens tokens;

    BackchannelLogouts(ClientRegistrations clients, LogoutTokens tokens) {
        this.clients = clients;
        this.tokens = tokens;
    }

    /** What the outbox keeps: who is signed out, and the issuer their application knows Gatehouse by. */
    static String payload(String issuer, UserId user) {
        return "{\"issuer\":\"" + issuer.replace("\\", "").replace("\"", "") + "\",\"sub\":\"" + user + "\"}";
    }

    @Override
    public String kind() {
        return AccessRevocation.BACKCHANNEL_LOGOUT;
    }

    @Override
    public Optional<Rendered> render(Delivery delivery, Instant now) {
        Optional<String> target = clients.backchannelLogoutUri(delivery.applicationId()).filter(uri -> !uri.isBlank());
        if (target.isEmpty()) {
            return Optional.empty();
        }
        String issuer = null;
        String subject = null;
        Matcher field = FIELD.matcher(delivery.payload());
        while (field.find()) {
            if (field.group(1).equals("issuer")) {
                issuer = field.group(2);
            } else {
                subject = field.group(2);
            }
        }
        if (issuer == null || subject == null) {
            return Optional.empty();
        }
        String token = tokens.make(issuer, delivery.applicationId().toString(), subject,
                clients.signingAlgorithm(delivery.applicationId()));
        return Optional.of(new Rendered(URI.create(target.get()), "application/x-www-form-urlencoded",
                "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), Map.of()));
    }
}
