package io.gatehouse.member;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.shared.SiteId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Sites of an organization, one site's information, and "Manage access" to it. */
@PortalPage
class SitePages {

    private final Organizations organizations;
    private final SiteAccess access;
    private final AccessPolicy policy;
    private final MessageSource messages;
    private final Members members;

    SitePages(Organizations organizations, SiteAccess access, AccessPolicy policy, MessageSource messages, Members members) {
        this.organizations = organizations;
        this.members = members;
        this.access = access;
        this.policy = policy;
        this.messages = messages;
    }

    record SiteForm(
            @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name) {
    }

    record AccessForm(List<String> shown, List<String> access, String q, String page) {
    }

    @GetMapping("/organizations/{orgId}/sites")
    String sites(Actor actor, @PathVariable String orgId, Model model) {
        return list(actor, OrganizationId.parse(orgId), new SiteForm(""), Map.of(), model);
    }

    @PostMapping("/organizations/{orgId}/sites")
    String addSite(Actor actor, @PathVariable String orgId, @Valid SiteForm form, BindingResult binding, Model model,
            Locale locale, RedirectAttributes redirect) {
        OrganizationId organization = OrganizationId.parse(orgId);
        if (binding.hasErrors()) {
            return list(actor, organization, form, errors(binding), model);
        }
        try {
            organizations.addSite(actor, organization, form.name());
        } catch (InvalidInputException | ConflictException e) {
            return list(actor, organization, form, errors(e, locale), model);
        }
        redirect.addFlashAttribute("flash", "sites.added");
        return "redirect:/organizations/" + organization + "/sites";
    }

    @GetMapping("/organizations/{orgId}/sites/{siteId}")
    String site(Actor actor, @PathVariable String orgId, @PathVariable String siteId, Model model) {
        OrganizationId organization = OrganizationId.parse(orgId);
        SiteAccess.SiteInfo info = access.info(actor, organization, SiteId.parse(siteId));
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("organization", organizations.get(actor, organization));
        model.addAttribute("site", info.site());
        model.addAttribute("peopleWithAccess", info.peopleWithAccess());
        model.addAttribute("mayManageAccess", access.mayManage(actor, organization).allowed()
                && !members.needsApproval(actor, organization, null, null));
        return "sites/site";
    }

    @GetMapping("/organizations/{orgId}/sites/{siteId}/access")
    String people(Actor actor, @PathVariable String orgId, @PathVariable String siteId,
            @RequestParam(required = false) String q, @RequestParam(required = false) String page,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        OrganizationId organization = OrganizationId.parse(orgId);
        SiteId site = SiteId.parse(siteId);
        var people = access.people(actor, organization, site, q, pageNumber(page));
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("site", organizations.site(actor, organization, site));
        model.addAttribute("people", people);
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("pages", Math.max(1, (people.total() + people.size() - 1) / people.size()));
        return "true".equals(htmx) ? "sites/access :: people" : "sites/access";
    }

    @PostMapping("/organizations/{orgId}/sites/{siteId}/access")
    String saveAccess(Actor actor, @PathVariable String orgId, @PathVariable String siteId, AccessForm form,
            RedirectAttributes redirect) {
        OrganizationId organization = OrganizationId.parse(orgId);
        SiteId site = SiteId.parse(siteId);
        if (members.needsApproval(actor, organization, null, null)) {
            // In a vendor-managed organization access changes are the vendor's to make, on request.
            throw new io.gatehouse.shared.ForbiddenException("policy.vendorManaged");
        }
        int changed = access.save(actor, organization, site, form.shown(), form.access());
        redirect.addFlashAttribute("flash", "sites.access.saved");
        redirect.addFlashAttribute("changed", changed);
        UriComponentsBuilder back = UriComponentsBuilder.fromPath("/organizations/{org}/sites/{site}/access");
        if (form.q() != null && !form.q().isBlank()) {
            back.queryParam("q", form.q().strip());
        }
        if (pageNumber(form.page()) > 0) {
            back.queryParam("page", pageNumber(form.page()));
        }
        return "redirect:" + back.buildAndExpand(organization, site).encode().toUriString();
    }

    private String list(Actor actor, OrganizationId organization, SiteForm form, Map<String, List<String>> errors, Model model) {
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("sites", organizations.sites(actor, organization));
        model.addAttribute("mayManageSites", policy.manageSites(actor, organization).allowed());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "sites/list";
    }

    /** A page number from the address; anything else is the first page rather than an error. */
    private static int pageNumber(String text) {
        try {
            return text == null ? 0 : Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---- messages next to the fields they concern

    private static Map<String, List<String>> errors(BindingResult binding) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(e -> errors.computeIfAbsent(e.getField(), k -> new ArrayList<>()).add(e.getDefaultMessage()));
        return errors;
    }

    private Map<String, List<String>> errors(RuntimeException e, Locale locale) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (e instanceof ConflictException conflict) {
            errors.computeIfAbsent(conflict.field(), k -> new ArrayList<>())
                    .add(messages.getMessage(conflict.messageCode(), null, locale));
        } else if (e instanceof InvalidInputException invalid) {
            invalid.errors().forEach(error -> errors.computeIfAbsent(error.field(), k -> new ArrayList<>())
                    .add(messages.getMessage(error.messageCode(), error.arguments().toArray(), locale)));
        }
        return errors;
    }
}
