package com.example.showcase;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Gatehouse's "access changed" webhook: checked against the shared secret (Standard Webhooks),
 * then every session of that person here is expired, so their next request signs in again and
 * carries their rights as they are now.
 */
@RestController
class AccessChangedWebhook {

    private static final Pattern SUBJECT = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"");

    private final SessionRegistry sessions;
    private final String secret;

    AccessChangedWebhook(SessionRegistry sessions, @Value("${showcase.webhook-secret}") String secret) {
        this.sessions = sessions;
        this.secret = secret;
    }

    @PostMapping("/webhooks/gatehouse")
    ResponseEntity<Void> accessChanged(@RequestBody String body, @RequestHeader Map<String, String> headers) {
        try {
            new Webhook(secret).verify(body, Map.of(
                    "webhook-id", List.of(headers.getOrDefault("webhook-id", "")),
                    "webhook-timestamp", List.of(headers.getOrDefault("webhook-timestamp", "")),
                    "webhook-signature", List.of(headers.getOrDefault("webhook-signature", ""))));
        } catch (WebhookVerificationException | RuntimeException forged) {
            return ResponseEntity.status(401).build();
        }
        Matcher subject = SUBJECT.matcher(body);
        if (subject.find()) {
            String sub = subject.group(1);
            for (Object principal : sessions.getAllPrincipals()) {
                if (principal instanceof OidcUser person && sub.equals(person.getSubject())) {
                    sessions.getAllSessions(principal, false).forEach(SessionInformation::expireNow);
                }
            }
        }
        return ResponseEntity.noContent().build();
    }
}
