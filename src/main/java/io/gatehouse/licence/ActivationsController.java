package io.gatehouse.licence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Actors;
import io.gatehouse.shared.UserId;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Called by the vendor's desktop software with the secret licence key, not by a person: no
 * sign-in, throttled per client address against guessing.
 */
@RestController
@RequestMapping("/api/v1/activations")
@Tag(name = "Activations", description = "Machine activation for the vendor's desktop software")
class ActivationsController {

    private final Activations activations;
    private final Actors actors;

    ActivationsController(Activations activations, Actors actors) {
        this.activations = activations;
        this.actors = actors;
    }

    /** {@code version}: the version of the software being activated, optional. */
    record Activate(String licenceKey, String fingerprint, String machineName, String version) {
    }

    record Answer(String id, String licenceFile, Instant expiresAt) {
    }

    @PostMapping
    @Operation(summary = "Activate a machine: 201 with a signed licence file (200 when the machine was already activated). "
            + "Signed in as a member of the licence's organization (e.g. with their API token), the machine reads as activated "
            + "by them, and the version sent is their version used in Export users")
    ResponseEntity<Answer> activate(@RequestBody Activate body, HttpServletRequest request, Principal principal) {
        Actor person = principal == null ? null : actors.forRequest(UserId.parse(principal.getName()), request).orElse(null);
        Activations.Activated done = activations.activate(body.licenceKey(), body.fingerprint(), body.machineName(), body.version(),
                request.getRemoteAddr(), person);
        return ResponseEntity.status(done.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Answer(done.id(), done.licenceFile(), done.expiresAt()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Check an activation and get a fresh licence file")
    Answer check(@PathVariable String id, @RequestParam String fingerprint, HttpServletRequest request) {
        Activations.Activated done = activations.check(LicenceIds.parse(id, "activation"), fingerprint,
                request.getRemoteAddr());
        return new Answer(done.id(), done.licenceFile(), done.expiresAt());
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Give the machine's seat back")
    ResponseEntity<Void> release(@PathVariable String id, @RequestParam String fingerprint, HttpServletRequest request) {
        activations.release(LicenceIds.parse(id, "activation"), fingerprint, request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }
}
