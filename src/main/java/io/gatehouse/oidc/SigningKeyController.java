package io.gatehouse.oidc;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.Audited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Single sign-on")
class SigningKeyController {

    private final SigningKeys keys;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;

    SigningKeyController(SigningKeys keys, AccessPolicy policy, ApplicationEventPublisher events) {
        this.keys = keys;
        this.policy = policy;
        this.events = events;
    }

    record Rotated(String kid) {
    }

    @PostMapping("/api/v1/oidc/signing-keys/rotate")
    @Transactional
    @Operation(summary = "Sign with a new key from now on (vendor admin); the previous key stays published until the "
            + "tokens it signed have expired, so nobody is signed out")
    Rotated rotate(Actor actor) {
        policy.manageSignOnClients(actor).orThrow();
        String kid = keys.rotate();
        events.publishEvent(new Audited(actor.ref(), null, "oidc.signingKeyRotated", "signingKey", kid, null, Map.of("kid", kid)));
        return new Rotated(kid);
    }
}
