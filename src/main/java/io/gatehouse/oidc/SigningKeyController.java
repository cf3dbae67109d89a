package io.gatehouse.oidc;

import com.nimbusds.jose.JWSAlgorithm;
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

    /** The new RS256 key's id (every application's default), and each new key's id by algorithm. */
    record Rotated(String kid, Map<String, String> keys) {
    }

    @PostMapping("/api/v1/oidc/signing-keys/rotate")
    @Transactional
    @Operation(summary = "Sign with a new key from now on (vendor admin); the previous key stays published until the "
            + "tokens it signed have expired, so nobody is signed out")
    Rotated rotate(Actor actor) {
        policy.manageSignOnClients(actor).orThrow();
        Map<String, String> kids = new java.util.LinkedHashMap<>();
        keys.rotate().forEach((algorithm, kid) -> kids.put(algorithm.getName(), kid));
        String kid = kids.get(JWSAlgorithm.RS256.getName());
        events.publishEvent(new Audited(actor.ref(), null, "oidc.signingKeyRotated", "signingKey", kid, null, Map.of("kids", kids)));
        return new Rotated(kid, kids);
    }
}
