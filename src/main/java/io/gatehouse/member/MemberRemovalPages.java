package io.gatehouse.member;

import io.gatehouse.access.Actor;
import io.gatehouse.member.MemberDetailForms.RemoveForm;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Remove from" on a person's page (the three-dots menu) and the trash icon of "Organizations &
 * Roles": the memberships go, the account stays, and a pending invitation there is revoked with
 * them. Both ask first, naming the person and the organizations; without the answer nothing changes.
 */
@PortalPage
@RequestMapping("/organizations/{orgId}/users/{userId}")
class MemberRemovalPages {

    private final Members members;
    private final Organizations organizations;
    private final MessageSource messages;
    private final PersonTargets targets;

    MemberRemovalPages(Members members, Organizations organizations, MessageSource messages, PersonTargets targets) {
        this.members = members;
        this.organizations = organizations;
        this.messages = messages;
        this.targets = targets;
    }

    /** The trash icon: one membership. */
    @PostMapping("/memberships/{memberOrgId}/remove")
    String removeMembership(Actor actor, @PathVariable String orgId, @PathVariable String userId, @PathVariable String memberOrgId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        PersonTarget target = targets.find(actor, orgId, userId);
        OrganizationId other = OrganizationId.parse(memberOrgId);
        String name = organizations.get(actor, other).name();
        if (members.needsApproval(actor, other, target.user(), null)) {
            return MemberDetailPages.back(redirect, target, MemberDetailPages.ORGANIZATIONS, null, text(locale, "policy.vendorManaged"));
        }
        Optional<String> refusal = members.affiliations(actor, target.user()).stream()
                .filter(a -> a.organizationId().equals(other.toString())).findFirst().map(Affiliation::removeRefusal);
        if (refusal.isPresent()) {
            // A removal that would be refused says why at once rather than asking first.
            return MemberDetailPages.back(redirect, target, MemberDetailPages.ORGANIZATIONS, null, text(locale, refusal.get()));
        }
        if (!Confirmation.given(confirmed)) {
            model.addAttribute("confirmation", question(locale, target, List.of(name), target.base() + "/memberships/" + other + "/remove",
                    List.of(), target.base() + "?tab=" + MemberDetailPages.ORGANIZATIONS));
            return "confirm";
        }
        try {
            members.remove(actor, other, target.user());
        } catch (ForbiddenException e) {
            return MemberDetailPages.back(redirect, target, MemberDetailPages.ORGANIZATIONS, null, text(locale, e.reasonCode()));
        }
        String done = text(locale, "memberDetail.flash.removed", target.name(), name);
        if (other.equals(target.organization())) {
            redirect.addFlashAttribute("flash", done);
            return "redirect:" + target.usersList();
        }
        return MemberDetailPages.back(redirect, target, MemberDetailPages.ORGANIZATIONS, done, null);
    }

    @GetMapping("/remove")
    String removeForm(Actor actor, @PathVariable String orgId, @PathVariable String userId, Model model) {
        PersonTarget target = targets.find(actor, orgId, userId);
        fillRemove(model, actor, target, Set.of(target.organization().toString()));
        return "members/detail-remove";
    }

    /** One transaction per organization: a refusal in one does not undo the others, and the page says which. */
    @PostMapping("/remove")
    String remove(Actor actor, @PathVariable String orgId, @PathVariable String userId, RemoveForm form,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        PersonTarget target = targets.find(actor, orgId, userId);
        Map<String, Affiliation> manageable = members.affiliations(actor, target.user()).stream()
                .collect(Collectors.toMap(Affiliation::organizationId, Function.identity()));
        // An organization the person is not in, or that the actor does not manage, is not found, like any foreign id.
        List<Affiliation> chosen = form.organizations().stream().distinct()
                .map(id -> Optional.ofNullable(manageable.get(id)).orElseThrow(() -> new NotFoundException("member")))
                .toList();
        if (chosen.isEmpty()) {
            fillRemove(model, actor, target, Set.of());
            model.addAttribute("chooseError", text(locale, "memberDetail.remove.choose"));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "members/detail-remove";
        }
        if (!Confirmation.given(confirmed)) {
            model.addAttribute("confirmation", question(locale, target, chosen.stream().map(Affiliation::organizationName).toList(),
                    target.base() + "/remove",
                    chosen.stream().map(a -> new Confirmation.Field("organizations", a.organizationId())).toList(),
                    target.base() + "/remove"));
            return "confirm";
        }
        List<String> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        boolean leftHere = false;
        for (Affiliation affiliation : chosen) {
            try {
                OrganizationId from = OrganizationId.parse(affiliation.organizationId());
                if (members.needsApproval(actor, from, target.user(), null)) {
                    throw new ForbiddenException("policy.vendorManaged");
                }
                members.remove(actor, from, target.user());
                removed.add(affiliation.organizationName());
                leftHere |= from.equals(target.organization());
            } catch (ForbiddenException e) {
                failures.add(text(locale, "memberDetail.remove.failed", affiliation.organizationName(), text(locale, e.reasonCode())));
            }
        }
        if (failures.isEmpty()) {
            redirect.addFlashAttribute("flash", text(locale, "memberDetail.flash.removed", target.name(), String.join(", ", removed)));
            // Still a member here: their page, which shows where they remain; gone from here: the list they left.
            return "redirect:" + (leftHere ? target.usersList() : target.base() + "?tab=" + MemberDetailPages.ORGANIZATIONS);
        }
        model.addAttribute("removed", removed.isEmpty() ? null
                : text(locale, "memberDetail.remove.done", target.name(), String.join(", ", removed)));
        model.addAttribute("failures", failures);
        fillRemove(model, actor, target, Set.of());
        response.setStatus(removed.isEmpty() ? HttpStatus.FORBIDDEN.value() : HttpStatus.OK.value());
        return "members/detail-remove";
    }

    private Confirmation question(Locale locale, PersonTarget target, List<String> organizationNames, String action,
            List<Confirmation.Field> fields, String back) {
        return new Confirmation(text(locale, "memberDetail.remove.confirm.title", target.name()),
                text(locale, "memberDetail.remove.confirm", target.name(), String.join(", ", organizationNames)), action, fields,
                text(locale, "memberDetail.remove.confirm.yes"), back,
                List.of(new Confirmation.Field(text(locale, "nav.users"), target.usersList()),
                        new Confirmation.Field(target.name(), target.base())));
    }

    private void fillRemove(Model model, Actor actor, PersonTarget target, Set<String> ticked) {
        model.addAttribute("orgId", target.organization().toString());
        model.addAttribute("base", target.base());
        model.addAttribute("usersList", target.usersList());
        model.addAttribute("person", target.person());
        model.addAttribute("personName", target.name());
        List<Affiliation> affiliations = members.affiliations(actor, target.user());
        model.addAttribute("affiliations", affiliations);
        model.addAttribute("ticked", ticked);
        model.addAttribute("stillHere", affiliations.stream().anyMatch(a -> a.organizationId().equals(target.organization().toString())));
    }

    private String text(Locale locale, String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, locale);
    }
}
