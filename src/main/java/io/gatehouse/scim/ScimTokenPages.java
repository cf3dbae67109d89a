package io.gatehouse.scim;

import io.gatehouse.access.Actor;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.shared.Problems;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** "SCIM provisioning": the organization's tenant URL and tokens, for its Managers and the vendor admin. */
@PortalPage
class ScimTokenPages {

    private final ScimTokens tokens;
    private final Organizations organizations;
    private final MessageSource messages;
    private final Problems problems;

    ScimTokenPages(ScimTokens tokens, Organizations organizations, MessageSource messages, Problems problems) {
        this.tokens = tokens;
        this.organizations = organizations;
        this.messages = messages;
        this.problems = problems;
    }

    @GetMapping("/organizations/{orgId}/scim")
    String page(Actor actor, @PathVariable String orgId, Model model) {
        return page(actor, OrganizationId.parse(orgId), null, "", null, model);
    }

    /** The new token is on this answer alone: no redirect, nothing kept to show it again. */
    @PostMapping("/organizations/{orgId}/scim/tokens")
    String create(Actor actor, @PathVariable String orgId, @RequestParam(required = false) String name, Model model,
            Locale locale) {
        OrganizationId organization = OrganizationId.parse(orgId);
        try {
            return page(actor, organization, tokens.issue(actor, organization, name), "", null, model);
        } catch (InvalidInputException e) {
            InvalidInputException.FieldError error = e.errors().get(0);
            return page(actor, organization, null, name, problems.message(error.messageCode(), error.arguments().toArray(),
                    locale, error.messageCode()), model);
        }
    }

    @PostMapping("/organizations/{orgId}/scim/tokens/{tokenId}/revoke")
    String revoke(Actor actor, @PathVariable String orgId, @PathVariable String tokenId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Model model, Locale locale,
            RedirectAttributes redirect) {
        OrganizationId organization = OrganizationId.parse(orgId);
        String pageUrl = "/organizations/" + organization + "/scim";
        ScimTokens.TokenView token = tokens.list(actor, organization).stream().filter(t -> t.id().equals(tokenId)).findFirst()
                .orElseThrow(() -> new io.gatehouse.shared.NotFoundException("token"));
        if (!Confirmation.given(confirmed)) {
            String organizationName = organizations.name(organization);
            model.addAttribute("confirmation", new Confirmation(
                    messages.getMessage("scim.tokens.revoke.title", null, locale),
                    messages.getMessage("scim.tokens.revoke.question", new Object[] {token.name(), organizationName}, locale),
                    pageUrl + "/tokens/" + token.id() + "/revoke", List.of(), messages.getMessage("scim.tokens.revoke", null, locale),
                    pageUrl,
                    List.of(new Confirmation.Field(messages.getMessage("nav.sites", null, locale), "/organizations/" + organization + "/sites"),
                            new Confirmation.Field(messages.getMessage("scim.tokens.title", null, locale), pageUrl))));
            return "confirm";
        }
        tokens.revoke(actor, organization, tokenId);
        redirect.addFlashAttribute("flash", "scim.tokens.revokedNotice");
        return "redirect:" + pageUrl;
    }

    private String page(Actor actor, OrganizationId organization, ScimTokens.IssuedToken issued, String name, String nameError,
            Model model) {
        List<ScimTokens.TokenView> list = tokens.list(actor, organization);
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("orgName", organizations.name(organization));
        model.addAttribute("vendorManaged",
                organizations.get(actor, organization).managementMode() == ManagementMode.VENDOR_MANAGED);
        model.addAttribute("tenantUrl", ServletUriComponentsBuilder.fromCurrentContextPath().path("/scim/v2").toUriString());
        model.addAttribute("tokens", list);
        model.addAttribute("issued", issued);
        model.addAttribute("name", name == null ? "" : name);
        model.addAttribute("nameError", nameError);
        return "scim/tokens";
    }
}
