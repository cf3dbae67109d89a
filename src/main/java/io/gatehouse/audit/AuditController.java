package io.gatehouse.audit;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.InputLimits;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit", description = "Who changed what, when, from where")
class AuditController {

    private final AuditTrail trail;
    private final Organizations organizations;
    private final AccessPolicy policy;

    AuditController(AuditTrail trail, Organizations organizations, AccessPolicy policy) {
        this.trail = trail;
        this.organizations = organizations;
        this.policy = policy;
    }

    @GetMapping("/api/v1/organizations/{orgId}/audit")
    @Operation(summary = "The organization's audit trail, newest first (Managers and vendor staff)")
    PageResult<AuditEntryView> audit(Actor actor, @PathVariable String orgId,
            @RequestParam(required = false) String actorId,
            @RequestParam(name = "actor", required = false) String actorParam,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        OrganizationId organization = OrganizationId.parse(orgId);
        organizations.requireVisible(actor, organization);
        policy.viewAudit(actor, organization).orThrow();
        String who = actorParam != null ? actorParam : actorId;
        return trail.search(organization, who == null || who.isBlank() ? null : userId(who).value(), action,
                instant("from", from), instant("to", to), PageRequest.of(page, size));
    }

    private static UserId userId(String text) {
        try {
            return UserId.parse(text.strip());
        } catch (RuntimeException e) {
            throw InvalidInputException.of("actor", "validation.id");
        }
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            try {
                instant = java.time.LocalDate.parse(text.strip()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (java.time.DateTimeException again) {
                throw InvalidInputException.of(field, "validation.instant");
            }
        }
        return InputLimits.requireDate(field, instant);
    }
}
