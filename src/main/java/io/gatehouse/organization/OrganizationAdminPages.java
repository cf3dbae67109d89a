package io.gatehouse.organization;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.PortalPage;
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

/** The vendor admin's organizations: the list, creating one, its settings, and its sites. */
@PortalPage
class OrganizationAdminPages {

    static final int PAGE_SIZE = 50;

    private final Organizations organizations;
    private final RegionSettings regions;
    private final AccessPolicy policy;
    private final MessageSource messages;

    OrganizationAdminPages(Organizations organizations, RegionSettings regions, AccessPolicy policy, MessageSource messages) {
        this.organizations = organizations;
        this.regions = regions;
        this.policy = policy;
        this.messages = messages;
    }

    record OrganizationForm(
            @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name,
            String region,
            String managementMode,
            String defaultLanguage) {

        static OrganizationForm of(OrganizationView organization) {
            return new OrganizationForm(organization.name(), organization.region(), organization.managementMode().name(),
                    organization.defaultLanguage());
        }
    }

    record SiteForm(
            @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name) {
    }

    @GetMapping("/admin/organizations")
    String list(Actor actor, @RequestParam(required = false) String q, @RequestParam(required = false) String page,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        String view = list(actor, q, pageNumber(page), new OrganizationForm("", "", "", "en"), Map.of(), model);
        return "true".equals(htmx) ? view + " :: results" : view;
    }

    @PostMapping("/admin/organizations")
    String create(Actor actor, @Valid OrganizationForm form, BindingResult binding, Locale locale, Model model,
            RedirectAttributes redirect) {
        policy.createOrganization(actor).orThrow();
        Map<String, List<String>> errors = errors(binding);
        region(form.region(), errors, locale);
        ManagementMode mode = mode(form.managementMode(), errors, locale);
        if (!errors.isEmpty()) {
            return list(actor, null, 0, form, errors, model);
        }
        OrganizationView created;
        try {
            created = organizations.create(actor, form.name(), form.region(), mode);
        } catch (InvalidInputException | ConflictException e) {
            return list(actor, null, 0, form, errors(e, locale), model);
        }
        redirect.addFlashAttribute("flash", "admin.organizations.wasCreated");
        return "redirect:/admin/organizations/" + created.id();
    }

    @GetMapping("/admin/organizations/{orgId}")
    String organization(Actor actor, @PathVariable String orgId, Model model) {
        OrganizationId id = OrganizationId.parse(orgId);
        policy.editOrganization(actor, id, true).orThrow();
        OrganizationView organization = organizations.get(actor, id);
        return organization(actor, organization, OrganizationForm.of(organization), new SiteForm(""), Map.of(), Map.of(), model);
    }

    @PostMapping("/admin/organizations/{orgId}")
    String update(Actor actor, @PathVariable String orgId, @Valid OrganizationForm form, BindingResult binding, Locale locale,
            Model model, RedirectAttributes redirect) {
        OrganizationId id = OrganizationId.parse(orgId);
        policy.editOrganization(actor, id, true).orThrow();
        OrganizationView organization = organizations.get(actor, id);
        Map<String, List<String>> errors = errors(binding);
        region(form.region(), errors, locale);
        ManagementMode mode = mode(form.managementMode(), errors, locale);
        if (!errors.isEmpty()) {
            return organization(actor, organization, form, new SiteForm(""), errors, Map.of(), model);
        }
        try {
            organizations.update(actor, id, form.name(), form.region(), mode, form.defaultLanguage());
        } catch (InvalidInputException | ConflictException e) {
            return organization(actor, organization, form, new SiteForm(""), errors(e, locale), Map.of(), model);
        }
        redirect.addFlashAttribute("flash", "admin.organizations.saved");
        return "redirect:/admin/organizations/" + id;
    }

    @PostMapping("/admin/organizations/{orgId}/sites")
    String addSite(Actor actor, @PathVariable String orgId, @Valid SiteForm form, BindingResult binding, Locale locale,
            Model model, RedirectAttributes redirect) {
        OrganizationId id = OrganizationId.parse(orgId);
        policy.editOrganization(actor, id, true).orThrow();
        OrganizationView organization = organizations.get(actor, id);
        if (binding.hasErrors()) {
            return organization(actor, organization, OrganizationForm.of(organization), form, Map.of(), errors(binding), model);
        }
        try {
            organizations.addSite(actor, id, form.name());
        } catch (InvalidInputException | ConflictException e) {
            return organization(actor, organization, OrganizationForm.of(organization), form, Map.of(), errors(e, locale), model);
        }
        redirect.addFlashAttribute("flash", "admin.organizations.siteAdded");
        return "redirect:/admin/organizations/" + id;
    }

    private String list(Actor actor, String q, int page, OrganizationForm form, Map<String, List<String>> errors, Model model) {
        policy.createOrganization(actor).orThrow();
        PageResult<OrganizationView> result = organizations.list(actor, q, new PageRequest(page, PAGE_SIZE));
        model.addAttribute("result", result);
        model.addAttribute("pages", Math.max(1, (result.total() + result.size() - 1) / result.size()));
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("regions", regions.regions());
        model.addAttribute("modes", ManagementMode.values());
        return "admin/organizations";
    }

    private String organization(Actor actor, OrganizationView organization, OrganizationForm form, SiteForm siteForm,
            Map<String, List<String>> errors, Map<String, List<String>> siteErrors, Model model) {
        model.addAttribute("organization", organization);
        model.addAttribute("sites", organizations.sites(actor, OrganizationId.parse(organization.id())));
        model.addAttribute("form", form);
        model.addAttribute("siteForm", siteForm);
        model.addAttribute("errors", errors);
        model.addAttribute("siteErrors", siteErrors);
        model.addAttribute("regions", regions.regions());
        model.addAttribute("modes", ManagementMode.values());
        return "admin/organization";
    }

    /** A page number from the address; anything else is the first page rather than an error. */
    private static int pageNumber(String text) {
        try {
            return text == null ? 0 : Math.max(0, Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Checked with the other fields, so one answer names every field to correct, the region too. */
    private void region(String region, Map<String, List<String>> errors, Locale locale) {
        String normalized = region == null ? "" : region.strip().toUpperCase(Locale.ROOT);
        if (!regions.regions().contains(normalized)) {
            add(errors, "region", messages.getMessage("validation.region.unknown",
                    new Object[] {String.join(", ", regions.regions())}, locale));
        }
    }

    private ManagementMode mode(String text, Map<String, List<String>> errors, Locale locale) {
        if (text == null || text.isBlank()) {
            add(errors, "managementMode", messages.getMessage("validation.required", null, locale));
            return null;
        }
        try {
            return ManagementMode.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            add(errors, "managementMode", messages.getMessage("validation.invalid", null, locale));
            return null;
        }
    }

    // ---- messages next to the fields they concern

    private static Map<String, List<String>> errors(BindingResult binding) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(e -> add(errors, e.getField(), e.getDefaultMessage()));
        return errors;
    }

    private Map<String, List<String>> errors(RuntimeException e, Locale locale) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (e instanceof ConflictException conflict) {
            add(errors, conflict.field(), messages.getMessage(conflict.messageCode(), null, locale));
        } else if (e instanceof InvalidInputException invalid) {
            invalid.errors().forEach(error -> add(errors, error.field(),
                    messages.getMessage(error.messageCode(), error.arguments().toArray(), locale)));
        }
        return errors;
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }
}
