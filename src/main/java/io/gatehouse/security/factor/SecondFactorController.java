package io.gatehouse.security.factor;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Second factors through the API: an organization's rule, the vendor staff's rule, and a member's reset. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Second factors", description = "Who must sign in with a second factor, and resetting a member's second factors")
class SecondFactorController {

    private final SecondFactorRules rules;
    private final SecondFactors factors;
    private final AccessPolicy policy;

    SecondFactorController(SecondFactorRules rules, SecondFactors factors, AccessPolicy policy) {
        this.rules = rules;
        this.factors = factors;
        this.policy = policy;
    }

    /** {@code NOBODY}, {@code ADMINISTRATORS} (Managers and holders of User Management) or {@code EVERYONE}. */
    record OrganizationRule(String appliesTo) {
    }

    record StaffRule(Boolean required) {
    }

    @GetMapping("/organizations/{orgId}/second-factor-rule")
    @Operation(summary = "Who in the organization must sign in with a second factor")
    OrganizationRule organizationRule(Actor actor, @PathVariable String orgId) {
        return new OrganizationRule(rules.organizationRule(visible(actor, orgId)).name());
    }

    @PutMapping("/organizations/{orgId}/second-factor-rule")
    @Operation(summary = "Require a second factor of everyone in the organization, of its administrators only (Managers and "
            + "holders of User Management), or of nobody. Managers of the organization and the vendor admin; audited. A person "
            + "who must hold one and holds none enrols at their next sign-in before anything else.")
    OrganizationRule setOrganizationRule(Actor actor, @PathVariable String orgId, @RequestBody(required = false) OrganizationRule body) {
        OrganizationId organization = visible(actor, orgId);
        SecondFactorRules.AppliesTo appliesTo = SecondFactorRules.parse(body == null ? null : body.appliesTo())
                .orElseThrow(() -> InvalidInputException.of("appliesTo", "factors.rule.invalid"));
        rules.setOrganizationRule(actor, organization, appliesTo);
        return new OrganizationRule(appliesTo.name());
    }

    @GetMapping("/staff/second-factor-rule")
    @Operation(summary = "Whether every vendor staff member must sign in with a second factor (vendor admin)")
    StaffRule staffRule(Actor actor) {
        policy.requireSecondFactorForStaff(actor).orThrow();
        return new StaffRule(rules.staffRule());
    }

    @PutMapping("/staff/second-factor-rule")
    @Operation(summary = "Require a second factor of every vendor staff member, or not (vendor admin; audited)")
    StaffRule setStaffRule(Actor actor, @RequestBody(required = false) StaffRule body) {
        if (body == null || body.required() == null) {
            throw InvalidInputException.of("required", "validation.required");
        }
        rules.setStaffRule(actor, body.required());
        return new StaffRule(body.required());
    }

    @PostMapping("/organizations/{orgId}/members/{userId}/second-factors/reset")
    @Operation(summary = "Reset a member's second factors: their authenticator app, passkeys and recovery codes are removed and "
            + "they are told by mail. A Manager of the organization or the vendor admin; a holder of User Management for a "
            + "member who is no Manager; never one's own. Audited.")
    ResponseEntity<Void> reset(Actor actor, @PathVariable String orgId, @PathVariable String userId) {
        factors.reset(actor, OrganizationId.parse(orgId), UserId.parse(userId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/staff/{userId}/second-factors/reset")
    @Operation(summary = "Reset a vendor staff member's second factors (vendor admin; never one's own). Audited, and told by mail.")
    ResponseEntity<Void> resetStaff(Actor actor, @PathVariable String userId) {
        factors.resetStaff(actor, UserId.parse(userId));
        return ResponseEntity.noContent().build();
    }

    private OrganizationId visible(Actor actor, String orgId) {
        OrganizationId organization = OrganizationId.parse(orgId);
        if (policy.seeOrganization(actor, organization).denied()) {
            throw new NotFoundException("organization");
        }
        return organization;
    }
}
