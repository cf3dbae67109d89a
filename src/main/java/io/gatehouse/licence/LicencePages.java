package io.gatehouse.licence;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.product.ProductKind;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Licenses": the organization's licences, and one licence with who uses its seats or which machines hold them. */
@PortalPage
class LicencePages {

    private final Licences licences;
    private final Activations activations;
    private final SeatRequests seatRequests;
    private final AccessPolicy policy;
    private final MessageSource messages;

    LicencePages(Licences licences, Activations activations, SeatRequests seatRequests, AccessPolicy policy, MessageSource messages) {
        this.licences = licences;
        this.activations = activations;
        this.seatRequests = seatRequests;
        this.policy = policy;
        this.messages = messages;
    }

    record SeatForm(String seats, String note) implements java.io.Serializable {
    }

    @GetMapping("/organizations/{orgId}/licences")
    String list(Actor actor, @PathVariable String orgId, Model model) {
        OrganizationId organization = OrganizationId.parse(orgId);
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("licences", licences.list(actor, organization, false));
        return "licences/list";
    }

    @GetMapping("/organizations/{orgId}/licences/{licenceId}")
    String licence(Actor actor, @PathVariable String orgId, @PathVariable String licenceId, Model model) {
        OrganizationId organization = OrganizationId.parse(orgId);
        UUID id = LicenceIds.parse(licenceId, "licence");
        LicenceView licence = licences.get(actor, organization, id);
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("licence", licence);
        boolean cloud = licence.productKind() == ProductKind.CLOUD;
        model.addAttribute("cloud", cloud);
        model.addAttribute("holders", cloud ? licences.seatHolders(actor, organization, id) : List.of());
        model.addAttribute("machines", cloud ? List.of() : activations.list(actor, organization, id));
        model.addAttribute("mayRequestSeats", licence.seats() != null && policy.requestSeats(actor, organization).allowed());
        model.addAttribute("mayDeactivate", policy.deactivateMachine(actor, organization).allowed());
        model.addAttribute("mayRegenerateKey", policy.regenerateLicenceKey(actor, organization).allowed());
        if (!model.containsAttribute("seatForm")) {
            model.addAttribute("seatForm", new SeatForm(licence.seats() == null ? "" : Integer.toString(licence.seats() + 1), ""));
        }
        return "licences/licence";
    }

    @PostMapping("/organizations/{orgId}/licences/{licenceId}/activations/{activationId}/deactivate")
    String deactivate(Actor actor, @PathVariable String orgId, @PathVariable String licenceId, @PathVariable String activationId,
            Locale locale, RedirectAttributes redirect) {
        OrganizationId organization = OrganizationId.parse(orgId);
        UUID id = LicenceIds.parse(licenceId, "licence");
        ActivationView done = activations.deactivate(actor, organization, id, LicenceIds.parse(activationId, "activation"));
        redirect.addFlashAttribute("flash", text(locale, "licences.deactivated", done.machineName()));
        return "redirect:/organizations/" + organization + "/licences/" + id;
    }

    /**
     * "Issue a new key" asks first, naming the licence and what happens to machines already
     * activated; it acts only on the answer, then shows the new key once.
     */
    @PostMapping("/organizations/{orgId}/licences/{licenceId}/key")
    String regenerateKey(Actor actor, @PathVariable String orgId, @PathVariable String licenceId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        OrganizationId organization = OrganizationId.parse(orgId);
        UUID id = LicenceIds.parse(licenceId, "licence");
        LicenceView licence = licences.get(actor, organization, id);
        policy.regenerateLicenceKey(actor, organization).orThrow();
        String page = "/organizations/" + organization + "/licences/" + id;
        if (!Confirmation.given(confirmed)) {
            model.addAttribute("confirmation", new Confirmation(
                    text(locale, "licences.key.regenerate.confirm.title", licence.productName(), licence.number()),
                    text(locale, "licences.key.regenerate.confirm", licence.productName(), licence.number()),
                    page + "/key", List.of(), text(locale, "licences.key.regenerate.confirm.yes"), page,
                    List.of(new Confirmation.Field(text(locale, "licences.title"), "/organizations/" + organization + "/licences"),
                            new Confirmation.Field(licence.productName() + " " + licence.number(), page))));
            return "confirm";
        }
        LicenceView rekeyed = licences.regenerateKey(actor, organization, id);
        redirect.addFlashAttribute("newKey", rekeyed.key());
        return "redirect:" + page;
    }

    @PostMapping("/organizations/{orgId}/licences/{licenceId}/seat-requests")
    String requestSeats(Actor actor, @PathVariable String orgId, @PathVariable String licenceId, SeatForm form, Locale locale,
            RedirectAttributes redirect) {
        OrganizationId organization = OrganizationId.parse(orgId);
        UUID id = LicenceIds.parse(licenceId, "licence");
        try {
            Integer seats = parseSeats(form.seats());
            SeatRequests.Receipt receipt = seatRequests.request(actor, organization, id, seats, form.note());
            redirect.addFlashAttribute("flash", text(locale, "licences.requestSeats.sent", Long.toString(receipt.number())));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("refused", e.errors().stream()
                    .map(error -> text(locale, error.messageCode(), error.arguments().toArray())).collect(Collectors.joining(" ")));
            redirect.addFlashAttribute("seatForm", form);
        } catch (ForbiddenException e) {
            redirect.addFlashAttribute("refused", text(locale, e.reasonCode()));
        }
        return "redirect:/organizations/" + organization + "/licences/" + id;
    }

    private static Integer parseSeats(String text) {
        if (text == null || text.isBlank()) {
            throw InvalidInputException.of("seats", "validation.required");
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("seats", "validation.licence.seats", Licences.MAX_SEATS);
        }
    }

    private String text(Locale locale, String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, locale);
    }
}
