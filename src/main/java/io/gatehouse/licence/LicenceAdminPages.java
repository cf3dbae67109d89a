package io.gatehouse.licence;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.product.Products;
import io.gatehouse.product.ReleaseChannel;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The vendor admin's licences of one organization: issue, change seats and end date, suspend, resume. */
@PortalPage
class LicenceAdminPages {

    private final Licences licences;
    private final Products products;
    private final Organizations organizations;
    private final AccessPolicy policy;
    private final MessageSource messages;

    LicenceAdminPages(Licences licences, Products products, Organizations organizations, AccessPolicy policy, MessageSource messages) {
        this.licences = licences;
        this.products = products;
        this.organizations = organizations;
        this.policy = policy;
        this.messages = messages;
    }

    /** Dates as an HTML date input sends them (yyyy-MM-dd); empty seats is unlimited. */
    record IssueForm(String productId, String edition, String seats, String validFrom, String validUntil, Boolean beta) {
    }

    record ChangeForm(String seats, String validUntil) {
    }

    @GetMapping("/admin/organizations/{orgId}/licences")
    String page(Actor actor, @PathVariable String orgId, Model model) {
        OrganizationId organization = OrganizationId.parse(orgId);
        policy.manageLicences(actor).orThrow();
        model.addAttribute("organization", organizations.get(actor, organization));
        model.addAttribute("licences", licences.list(actor, organization, false));
        model.addAttribute("products", products.all());
        return "licences/admin";
    }

    @PostMapping("/admin/organizations/{orgId}/licences")
    String issue(Actor actor, @PathVariable String orgId, IssueForm form, Locale locale, RedirectAttributes redirect) {
        OrganizationId organization = OrganizationId.parse(orgId);
        try {
            UUID product = form.productId() == null || form.productId().isBlank() ? null : parseProduct(form.productId());
            LicenceView issued = licences.issue(actor, organization, new Licences.NewLicence(product, form.edition(), seats(form.seats()),
                    date("validFrom", form.validFrom()), date("validUntil", form.validUntil()),
                    Boolean.TRUE.equals(form.beta()) ? List.of(ReleaseChannel.STABLE, ReleaseChannel.BETA) : List.of(ReleaseChannel.STABLE), null, null));
            redirect.addFlashAttribute("flash", text(locale, "licences.admin.issued", issued.number()));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("refused", messagesOf(e, locale));
        }
        return "redirect:/admin/organizations/" + organization + "/licences";
    }

    @PostMapping("/admin/organizations/{orgId}/licences/{licenceId}")
    String change(Actor actor, @PathVariable String orgId, @PathVariable String licenceId, ChangeForm form, Locale locale,
            RedirectAttributes redirect) {
        return changing(actor, orgId, licenceId, locale, redirect, () -> new Licences.LicenceChange(true, seats(form.seats()), true,
                date("validUntil", form.validUntil()), null));
    }

    @PostMapping("/admin/organizations/{orgId}/licences/{licenceId}/suspend")
    String suspend(Actor actor, @PathVariable String orgId, @PathVariable String licenceId, Locale locale, RedirectAttributes redirect) {
        return changing(actor, orgId, licenceId, locale, redirect, () -> new Licences.LicenceChange(false, null, false, null, true));
    }

    @PostMapping("/admin/organizations/{orgId}/licences/{licenceId}/resume")
    String resume(Actor actor, @PathVariable String orgId, @PathVariable String licenceId, Locale locale, RedirectAttributes redirect) {
        return changing(actor, orgId, licenceId, locale, redirect, () -> new Licences.LicenceChange(false, null, false, null, false));
    }

    private String changing(Actor actor, String orgId, String licenceId, Locale locale, RedirectAttributes redirect,
            java.util.function.Supplier<Licences.LicenceChange> change) {
        OrganizationId organization = OrganizationId.parse(orgId);
        UUID id = LicenceIds.parse(licenceId, "licence");
        try {
            LicenceView changed = licences.change(actor, organization, id, change.get());
            redirect.addFlashAttribute("flash", text(locale, "licences.admin.changed", changed.number()));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("refused", messagesOf(e, locale));
        }
        return "redirect:/admin/organizations/" + organization + "/licences";
    }

    private static UUID parseProduct(String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("productId", "validation.licence.productUnknown");
        }
    }

    private static Integer seats(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("seats", "validation.licence.seats", Licences.MAX_SEATS);
        }
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "validation.invalid");
        }
    }

    private String messagesOf(InvalidInputException e, Locale locale) {
        return e.errors().stream().map(error -> text(locale, error.messageCode(), error.arguments().toArray()))
                .collect(Collectors.joining(" "));
    }

    private String text(Locale locale, String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, locale);
    }
}
