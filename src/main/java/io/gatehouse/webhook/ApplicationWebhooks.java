package io.gatehouse.webhook;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.security.Sealing;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each application's webhook: where it is told that a person's access changed, and the secret it
 * checks the signatures with. The secret is shown once, when made or rotated; it is kept sealed
 * with the server's webhook key, since it must be read again to sign.
 */
@Service
@Transactional
public class ApplicationWebhooks {

    private final WebhookStore store;
    private final Sealing.Key key;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration overlap;

    ApplicationWebhooks(WebhookStore store, Sealing sealing, WebhookSettings settings, AccessPolicy policy,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.key = sealing.key("webhook-vault", settings.secret());
        this.policy = policy;
        this.events = events;
        this.clock = clock;
        this.overlap = settings.rotationOverlap();
    }

    /** What configuring did: the webhook, and its secret when it was made now (null when an existing one only moved). */
    public record Configured(WebhookView webhook, String secret) {
    }

    @Transactional(readOnly = true)
    public Optional<WebhookView> find(Actor actor, UUID applicationId) {
        policy.manageWebhooks(actor).orThrow();
        return store.find(applicationId).map(WebhookStore.Row::view);
    }

    /**
     * Sets where the application receives its webhooks. The first time, a secret is made and
     * returned (the only time it is shown); afterwards only the URL changes and the secret stays.
     *
     * @throws io.gatehouse.shared.InvalidInputException for a URL that is not https (http only to localhost), field {@code url}
     * @throws NotFoundException                         for an unknown application
     */
    public Configured configure(Actor actor, UUID applicationId, String url) {
        policy.manageWebhooks(actor).orThrow();
        String checked = WebhookUrl.check(url, "url");
        lockApplication(applicationId);
        Optional<WebhookStore.Row> existing = store.find(applicationId);
        Instant now = clock.instant();
        String secret = null;
        if (existing.isPresent()) {
            if (existing.get().url().equals(checked)) {
                return new Configured(existing.get().view(), null);
            }
            store.changeUrl(applicationId, checked);
        } else {
            secret = WebhookSecret.generate();
            store.insert(applicationId, checked, key.seal(secret), now);
        }
        audit(actor, "webhook.configured", applicationId, existing.map(row -> Map.of("url", (Object) row.url())).orElse(null),
                Map.of("url", checked));
        return new Configured(store.find(applicationId).orElseThrow().view(), secret);
    }

    /**
     * A new secret, returned once. The old one keeps signing too (a second signature in the same
     * header) for {@code gatehouse.webhooks.rotation-overlap}, 24 hours by default, so that the
     * application can switch to the new one without refusing a message meanwhile.
     */
    public String rotateSecret(Actor actor, UUID applicationId) {
        policy.manageWebhooks(actor).orThrow();
        lockApplication(applicationId);
        WebhookStore.Row row = store.find(applicationId).orElseThrow(() -> new NotFoundException("webhook"));
        String secret = WebhookSecret.generate();
        Instant now = clock.instant();
        store.rotate(applicationId, key.seal(secret), now, now.plus(overlap));
        audit(actor, "webhook.secretRotated", applicationId, Map.of("url", row.url()), Map.of("url", row.url()));
        return secret;
    }

    /** The application is no longer told; deliveries still waiting are given up when their turn comes. False when it had none. */
    public boolean remove(Actor actor, UUID applicationId) {
        policy.manageWebhooks(actor).orThrow();
        lockApplication(applicationId);
        Optional<WebhookStore.Row> row = store.find(applicationId);
        if (row.isEmpty()) {
            return false;
        }
        store.delete(applicationId);
        audit(actor, "webhook.removed", applicationId, Map.of("url", row.get().url()), null);
        return true;
    }

    /**
     * The endpoint and the opened secrets to sign with at {@code now} (the current one, then the
     * previous one while it still signs); empty when the application has no webhook or its secret
     * cannot be opened.
     */
    @Transactional(readOnly = true)
    Optional<Endpoint> endpoint(UUID applicationId, Instant now) {
        return store.find(applicationId).flatMap(row -> key.open(row.sealedSecret()).map(secret -> {
            List<String> secrets = new ArrayList<>(List.of(secret));
            if (row.previousSealed() != null && row.previousUntil() != null && now.isBefore(row.previousUntil())) {
                key.open(row.previousSealed()).ifPresent(secrets::add);
            }
            return new Endpoint(row.url(), secrets);
        }));
    }

    record Endpoint(String url, List<String> secrets) {
    }

    private void lockApplication(UUID applicationId) {
        if (!store.lockApplication(applicationId)) {
            throw new NotFoundException("application");
        }
    }

    private void audit(Actor actor, String action, UUID applicationId, Map<String, Object> before, Map<String, Object> after) {
        events.publishEvent(new Audited(actor.ref(), null, action, "application", applicationId.toString(),
                before == null ? null : new LinkedHashMap<>(before), after == null ? null : new LinkedHashMap<>(after)));
    }
}
