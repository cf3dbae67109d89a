package io.gatehouse.security.factor;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Who must sign in with a second factor: an organization's rule, on a page of its own that its
 * Managers reach from User Management, and the vendor's rule for its staff, from the Staff page.
 */
@PortalPage
class RulePages {

    private final SecondFactorRules rules;
    private final Organizations organizations;
    private final AccessPolicy policy;

    RulePages(SecondFactorRules rules, Organizations organizations, AccessPolicy policy) {
        this.rules = rules;
        this.organizations = organizations;
        this.policy = policy;
    }

    @GetMapping("/organizations/{orgId}/second-factor")
    String organizationRule(Actor actor, @PathVariable String orgId, Model model) {
        OrganizationId organization = visible(actor, orgId);
        model.addAttribute("organization", organizations.get(actor, organization));
        model.addAttribute("appliesTo", rules.organizationRule(organization).name());
        model.addAttribute("choices", SecondFactorRules.AppliesTo.values());
        model.addAttribute("mayChange", policy.requireSecondFactor(actor, organization).allowed());
        return "factors/organization-rule";
    }

    @PostMapping("/organizations/{orgId}/second-factor")
    String setOrganizationRule(Actor actor, @PathVariable String orgId, @RequestParam(required = false) String appliesTo, Model model,
            RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
        OrganizationId organization = visible(actor, orgId);
        Optional<SecondFactorRules.AppliesTo> chosen = SecondFactorRules.parse(appliesTo);
        if (chosen.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("error", "factors.rule.invalid");
            return organizationRule(actor, orgId, model);
        }
        rules.setOrganizationRule(actor, organization, chosen.get());
        redirect.addFlashAttribute("flash", "factors.rule.saved");
        return "redirect:/organizations/" + organization + "/second-factor";
    }

    @GetMapping("/admin/staff/second-factor")
    String staffRule(Actor actor, Model model) {
        policy.requireSecondFactorForStaff(actor).orThrow();
        model.addAttribute("required", rules.staffRule());
        return "factors/staff-rule";
    }

    @PostMapping("/admin/staff/second-factor")
    String setStaffRule(Actor actor, @RequestParam(required = false) String required, RedirectAttributes redirect) {
        rules.setStaffRule(actor, "true".equals(required));
        redirect.addFlashAttribute("flash", "factors.staffRule.saved");
        return "redirect:/admin/staff/second-factor";
    }

    /** Another organization's page answers 404: nobody learns of organizations they are not in. */
    private OrganizationId visible(Actor actor, String orgId) {
        OrganizationId organization = OrganizationId.parse(orgId);
        if (policy.seeOrganization(actor, organization).denied()) {
            throw new io.gatehouse.shared.NotFoundException("organization");
        }
        return organization;
    }
}
