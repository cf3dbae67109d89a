package io.gatehouse.invitation;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.member.GrantableAccess;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.InvalidInputException.FieldError;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.shared.TooManyRequestsException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Invite users" as the help centre walks it: type the addresses (Enter or "Add"), "Next", then
 * "Organizations & Roles" ("+ Add" one or more organizations, a role, sites and access rights for
 * each), "Send invitations". Every step is a plain form; the page carries its state itself.
 * Also the list of pending invitations with "Resend" and "Revoke".
 */
@PortalPage
class InvitationPages {

    /** One organization block of step two, with what the inviter may give there. */
    record ChoiceView(InviteForm.Choice choice, String organizationName, GrantableAccess.Offer offer) {
    }

    /** Shown once after "Send invitations". */
    record Sent(List<Invitations.Verdict> verdicts) implements Serializable {
    }

    private final Invitations invitations;
    private final Organizations organizations;
    private final AccessPolicy policy;
    private final GrantableAccess grantable;
    private final MessageSource messages;

    InvitationPages(Invitations invitations, Organizations organizations, AccessPolicy policy, GrantableAccess grantable,
            MessageSource messages) {
        this.invitations = invitations;
        this.organizations = organizations;
        this.policy = policy;
        this.grantable = grantable;
        this.messages = messages;
    }

    @GetMapping("/organizations/{orgId}/users/invite")
    String start(Actor actor, @PathVariable String orgId, Model model) {
        OrganizationId organization = mayManage(actor, orgId);
        return addresses(actor, organization, new InviteForm(List.of(), "", List.of()), null, model);
    }

    @PostMapping("/organizations/{orgId}/users/invite")
    String step(Actor actor, @PathVariable String orgId, @RequestParam MultiValueMap<String, String> params, Locale locale,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        OrganizationId organization = mayManage(actor, orgId);
        InviteForm form = InviteForm.from(params);
        String action = params.getFirst("action") == null ? "add" : params.getFirst("action");
        if (params.getFirst("remove") != null) {
            action = "add";
        }
        if (params.getFirst("dropOrganization") != null) {
            action = "organizations";
        }
        switch (action) {
            case "add", "next" -> {
                form = form.withEntryAdded(form.entry().isBlank() ? List.of() : List.of(form.entry()));
                List<Invitations.Verdict> verdicts = invitations.preview(actor, organization, form.emails());
                form = new InviteForm(verdicts.stream().map(Invitations.Verdict::email).toList(), "", form.choices());
                if (verdicts.size() > EmailList.MAX) {
                    response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                    return addresses(actor, organization, form, messages.getMessage("validation.invitations.tooMany",
                            new Object[] {EmailList.MAX, verdicts.size()}, locale), model);
                }
                if ("next".equals(action)) {
                    if (verdicts.stream().noneMatch(v -> v.outcome() == InviteOutcome.INVITED || v.outcome() == InviteOutcome.ADDED)) {
                        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                        return addresses(actor, organization, form, messages.getMessage("invitations.nobody", null, locale), model);
                    }
                    return organizationsStep(actor, organization, form, Map.of(), null, model);
                }
                return addresses(actor, organization, form, null, model);
            }
            case "back" -> {
                return addresses(actor, organization, form, null, model);
            }
            case "addOrganization" -> {
                return organizationsStep(actor, organization, form.withOrganization(params.getFirst("organization")), Map.of(), null, model);
            }
            case "organizations" -> {
                return organizationsStep(actor, organization, form, Map.of(), null, model);
            }
            case "send" -> {
                return send(actor, organization, form, locale, model, response, redirect);
            }
            default -> throw new NotFoundException("page");
        }
    }

    private String send(Actor actor, OrganizationId organization, InviteForm form, Locale locale, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String refusal = null;
        if (form.choices().isEmpty()) {
            errors.put("organizations", List.of(messages.getMessage("validation.invitations.organizationRequired", null, locale)));
        } else {
            try {
                List<Invitations.Verdict> verdicts = invitations.invite(actor, form.emails(), form.targets());
                redirect.addFlashAttribute("sent", new Sent(verdicts));
                return "redirect:/organizations/" + organization + "/users/invite/sent";
            } catch (InvalidInputException e) {
                for (FieldError error : e.errors()) {
                    errors.computeIfAbsent(error.field(), f -> new ArrayList<>()).add(message(error, locale));
                }
            } catch (ConflictException e) {
                errors.computeIfAbsent(e.field(), f -> new ArrayList<>()).add(messages.getMessage(e.messageCode(),
                        e.arguments().isEmpty() ? null : e.arguments().toArray(), e.messageCode(), locale));
            } catch (ForbiddenException e) {
                refusal = messages.getMessage(e.reasonCode(), null, e.reasonCode(), locale);
            } catch (TooManyRequestsException e) {
                refusal = messages.getMessage(e.messageCode(), e.arguments().toArray(), locale);
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return organizationsStep(actor, organization, form, errors, refusal, model);
    }

    @GetMapping("/organizations/{orgId}/users/invite/sent")
    String sent(Actor actor, @PathVariable String orgId, Model model) {
        OrganizationId organization = mayManage(actor, orgId);
        if (!model.containsAttribute("sent")) {
            return "redirect:/organizations/" + organization + "/invitations";
        }
        model.addAttribute("orgId", organization.toString());
        return "invitations/sent";
    }

    @GetMapping("/organizations/{orgId}/invitations")
    String pending(Actor actor, @PathVariable String orgId, @RequestParam(required = false) String status, Model model) {
        OrganizationId organization = mayManage(actor, orgId);
        InvitationStatus chosen = null;
        if (status != null && !status.isBlank()) {
            try {
                chosen = InvitationStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                chosen = null;
            }
        }
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("status", chosen);
        model.addAttribute("statuses", InvitationStatus.values());
        model.addAttribute("invitations", invitations.list(actor, organization, chosen));
        return "invitations/pending";
    }

    @PostMapping("/organizations/{orgId}/invitations/{id}/resend")
    String resend(Actor actor, @PathVariable String orgId, @PathVariable String id, RedirectAttributes redirect) {
        OrganizationId organization = OrganizationId.parse(orgId);
        try {
            Invitations.InvitationView view = invitations.resend(actor, organization, invitationId(id));
            redirect.addFlashAttribute("done", "invitations.resent");
            redirect.addFlashAttribute("doneEmail", view.email());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("failed", e.messageCode());
        }
        return "redirect:/organizations/" + organization + "/invitations";
    }

    /** Revoking asks first, naming the address and the organization; one no longer revocable says why at once. */
    @PostMapping("/organizations/{orgId}/invitations/{id}/revoke")
    String revoke(Actor actor, @PathVariable String orgId, @PathVariable String id,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        OrganizationId organization = OrganizationId.parse(orgId);
        Invitations.InvitationView invitation = invitations.get(actor, organization, invitationId(id));
        String list = "/organizations/" + organization + "/invitations";
        if (invitation.resendable() && !Confirmation.given(confirmed)) {
            model.addAttribute("confirmation", new Confirmation(
                    text(locale, "invitations.revoke.confirm.title", invitation.email()),
                    text(locale, "invitations.revoke.confirm", invitation.email(), invitation.organizationName()),
                    list + "/" + invitation.id() + "/revoke", List.of(), text(locale, "invitations.revoke.confirm.yes"), list,
                    List.of(new Confirmation.Field(text(locale, "nav.users"), "/organizations/" + organization + "/users"),
                            new Confirmation.Field(text(locale, "invitations.pending.title"), list))));
            return "confirm";
        }
        try {
            invitations.revoke(actor, organization, invitationId(id));
            redirect.addFlashAttribute("done", "invitations.revoked");
            redirect.addFlashAttribute("doneEmail", invitation.email());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("failed", e.messageCode());
        } catch (ForbiddenException e) {
            redirect.addFlashAttribute("failed", e.reasonCode());
        }
        return "redirect:/organizations/" + organization + "/invitations";
    }

    private String addresses(Actor actor, OrganizationId organization, InviteForm form, String error, Model model) {
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("form", form);
        model.addAttribute("verdicts", invitations.preview(actor, organization, form.emails()));
        model.addAttribute("error", error);
        model.addAttribute("max", EmailList.MAX);
        return "invitations/addresses";
    }

    private String organizationsStep(Actor actor, OrganizationId organization, InviteForm form, Map<String, List<String>> errors,
            String refusal, Model model) {
        List<ChoiceView> choices = new ArrayList<>();
        for (InviteForm.Choice choice : form.choices()) {
            OrganizationId chosen = OrganizationId.parse(choice.organizationId());
            OrganizationView view = organizations.get(actor, chosen);
            choices.add(new ChoiceView(choice, view.name(), grantable.offer(actor, chosen)));
        }
        List<OrganizationView> addable = organizations.list(actor, null, PageRequest.of(0, PageRequest.MAX_SIZE)).items().stream()
                .filter(o -> policy.manageMembers(actor, OrganizationId.parse(o.id())).allowed())
                .filter(o -> form.choices().stream().noneMatch(c -> c.organizationId().equals(o.id())))
                .toList();
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("form", form);
        model.addAttribute("verdicts", invitations.preview(actor, organization, form.emails()));
        model.addAttribute("choices", choices);
        model.addAttribute("addable", addable);
        model.addAttribute("errors", errors);
        model.addAttribute("refusal", refusal);
        return "invitations/organizations";
    }

    private String text(Locale locale, String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, locale);
    }

    private String message(FieldError error, Locale locale) {
        Object[] arguments = error.arguments().isEmpty() ? null : error.arguments().toArray();
        return messages.getMessage(error.messageCode(), arguments, error.messageCode(), locale);
    }

    private OrganizationId mayManage(Actor actor, String orgId) {
        OrganizationId organization = OrganizationId.parse(orgId);
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        return organization;
    }

    private static UUID invitationId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("invitation");
        }
    }
}
