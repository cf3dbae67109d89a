package io.gatehouse.licence;

import io.gatehouse.access.Actor;
import io.gatehouse.product.ReleaseChannel;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/organizations/{orgId}/licences")
@Tag(name = "Licences", description = "An organization's licences, their seats and machine activations")
class LicencesController {

    private final Licences licences;
    private final Activations activations;
    private final SeatRequests seatRequests;

    LicencesController(Licences licences, Activations activations, SeatRequests seatRequests) {
        this.licences = licences;
        this.activations = activations;
        this.seatRequests = seatRequests;
    }

    record IssueLicence(UUID productId, @Size(max = 100, message = "{validation.size.max}") String edition, Integer seats,
            LocalDate validFrom, LocalDate validUntil, List<ReleaseChannel> channels,
            @Size(max = 32, message = "{validation.size.max}") String maxVersion, LocalDate maintenanceUntil) {
    }

    record SeatRequest(Integer seats, @Size(max = 2000, message = "{validation.size.max}") String note) {
    }

    @PostMapping
    @Operation(summary = "Issue a licence (vendor admin); seats null is unlimited")
    ResponseEntity<LicenceView> issue(Actor actor, @PathVariable String orgId, @Valid @RequestBody IssueLicence body) {
        LicenceView issued = licences.issue(actor, OrganizationId.parse(orgId), new Licences.NewLicence(body.productId(),
                body.edition(), body.seats(), body.validFrom(), body.validUntil(), body.channels(), body.maxVersion(),
                body.maintenanceUntil()));
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/licences/" + issued.id())).body(issued);
    }

    @GetMapping
    @Operation(summary = "The organization's licences, active first")
    List<LicenceView> list(Actor actor, @PathVariable String orgId) {
        return licences.list(actor, OrganizationId.parse(orgId));
    }

    @GetMapping("/{licenceId}")
    LicenceView get(Actor actor, @PathVariable String orgId, @PathVariable String licenceId) {
        return licences.get(actor, OrganizationId.parse(orgId), id(licenceId, "licence"));
    }

    /** {seats, validUntil, suspended}: a field left out stays as it is; "seats": null makes them unlimited. */
    @PatchMapping("/{licenceId}")
    @Operation(summary = "Change seats or end date, suspend or resume (vendor admin)")
    LicenceView change(Actor actor, @PathVariable String orgId, @PathVariable String licenceId, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidInputException.of("body", "validation.invalid");
        }
        Integer seats = null;
        if (body.has("seats") && !body.get("seats").isNull()) {
            if (!body.get("seats").isIntegralNumber() || !body.get("seats").canConvertToInt()) {
                throw InvalidInputException.of("seats", "validation.licence.seats", Licences.MAX_SEATS);
            }
            seats = body.get("seats").intValue();
        }
        LocalDate validUntil = null;
        if (body.has("validUntil") && !body.get("validUntil").isNull()) {
            try {
                validUntil = LocalDate.parse(body.get("validUntil").asString());
            } catch (DateTimeParseException | UnsupportedOperationException e) {
                throw InvalidInputException.of("validUntil", "validation.invalid");
            }
        }
        Boolean suspended = null;
        if (body.has("suspended")) {
            if (!body.get("suspended").isBoolean()) {
                throw InvalidInputException.of("suspended", "validation.invalid");
            }
            suspended = body.get("suspended").booleanValue();
        }
        return licences.change(actor, OrganizationId.parse(orgId), id(licenceId, "licence"),
                new Licences.LicenceChange(body.has("seats"), seats, body.has("validUntil"), validUntil, suspended));
    }

    @PostMapping("/{licenceId}/key")
    @Operation(summary = "A new secret licence key (the organization's Managers, the vendor admin): the old one activates no "
            + "machine from now on; machines already activated keep working and renewing their licence file")
    LicenceView regenerateKey(Actor actor, @PathVariable String orgId, @PathVariable String licenceId) {
        return licences.regenerateKey(actor, OrganizationId.parse(orgId), id(licenceId, "licence"));
    }

    @GetMapping("/{licenceId}/activations")
    @Operation(summary = "The machines activated with a desktop licence")
    List<ActivationView> activations(Actor actor, @PathVariable String orgId, @PathVariable String licenceId) {
        return activations.list(actor, OrganizationId.parse(orgId), id(licenceId, "licence"));
    }

    @DeleteMapping("/{licenceId}/activations/{activationId}")
    @Operation(summary = "Deactivate a machine: its seat is free at once")
    ResponseEntity<Void> deactivate(Actor actor, @PathVariable String orgId, @PathVariable String licenceId,
            @PathVariable String activationId) {
        activations.deactivate(actor, OrganizationId.parse(orgId), id(licenceId, "licence"), id(activationId, "activation"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{licenceId}/seat-requests")
    @Operation(summary = "Ask the vendor for more seats: a ticket in the request flow")
    ResponseEntity<Map<String, Object>> requestSeats(Actor actor, @PathVariable String orgId, @PathVariable String licenceId,
            @Valid @RequestBody SeatRequest body) {
        SeatRequests.Receipt receipt = seatRequests.request(actor, OrganizationId.parse(orgId), id(licenceId, "licence"),
                body.seats(), body.note());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("requestId", receipt.requestId(), "number", receipt.number(), "status", "OPEN"));
    }

    private static UUID id(String text, String kind) {
        return LicenceIds.parse(text, kind);
    }
}
