package io.gatehouse.member;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Role;
import io.gatehouse.member.MemberDetailForms.JoinForm;
import io.gatehouse.member.MemberDetailForms.RoleForm;
import io.gatehouse.member.MemberDetailForms.SitesForm;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Organizations & Roles" on a person's page: Add to another organization, and a role or the
 * sites in one organization, each saving itself on change (with htmx the organization's block comes
 * back in place, the outcome beside the control; without JavaScript a plain form with Save).
 */
@PortalPage
@RequestMapping("/organizations/{orgId}/users/{userId}")
class MembershipPages {

    private final Members members;
    private final Organizations organizations;
    private final MessageSource messages;
    private final ApprovalRequests approvals;
    private final PersonTargets targets;
    private final PersonPageModel pageModel;

    MembershipPages(Members members, Organizations organizations, MessageSource messages, ApprovalRequests approvals,
            PersonTargets targets, PersonPageModel pageModel) {
        this.members = members;
        this.organizations = organizations;
        this.messages = messages;
        this.approvals = approvals;
        this.targets = targets;
        this.pageModel = pageModel;
    }

    /** "Add": the person joins another organization the actor manages; their existing account is reused. */
    @PostMapping("/memberships")
    String join(Actor actor, @PathVariable String orgId, @PathVariable String userId, JoinForm form, Locale locale,
            RedirectAttributes redirect) {
        PersonTarget target = targets.find(actor, orgId, userId);
        OrganizationId other = OrganizationId.parse(form.organizationId());
        try {
            Role role = form.parsed();
            Members.NewMember joining = new Members.NewMember(target.person().firstName(), target.person().lastName(),
                    target.person().email(), null, null, null, role, List.of(), List.of());
            if (members.needsApproval(actor, other, null, null)) {
                return MemberDetailPages.back(redirect, target, MemberDetailPages.ORGANIZATIONS, text(locale, "requests.sent",
                        approvals.newUser(actor, other, joining, null).number()), null);
            }
            members.add(actor, other, joining);
            return MemberDetailPages.back(redirect, target, MemberDetailPages.ORGANIZATIONS, text(locale, "memberDetail.flash.joined", target.name(),
                    organizationName(actor, other), text(locale, "members.role." + role)), null);
        } catch (ForbiddenException e) {
            return MemberDetailPages.back(redirect, target, MemberDetailPages.ORGANIZATIONS, null, text(locale, e.reasonCode()));
        } catch (ConflictException e) {
            return MemberDetailPages.back(redirect, target, MemberDetailPages.ORGANIZATIONS, null, text(locale, e.messageCode()));
        } catch (InvalidInputException e) {
            return MemberDetailPages.back(redirect, target, MemberDetailPages.ORGANIZATIONS, null, messagesOf(e, locale));
        }
    }

    /** Another role in one organization, besides removing and adding again as the procedure describes. */
    @PostMapping("/memberships/{memberOrgId}/role")
    String role(Actor actor, @PathVariable String orgId, @PathVariable String userId, @PathVariable String memberOrgId,
            RoleForm form, Locale locale, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        PersonTarget target = targets.find(actor, orgId, userId);
        OrganizationId other = OrganizationId.parse(memberOrgId);
        String organizationName = organizationName(actor, other);
        Outcome outcome = apply(locale, () -> {
            if (members.needsApproval(actor, other, target.user(), null)) {
                return text(locale, "requests.sent",
                        approvals.accessChange(actor, other, target.user(), form.parsed(), null, null, null).number());
            }
            members.change(actor, other, target.user(), new Members.MemberChange(form.parsed(), null, null, null));
            return null;
        });
        if (MemberDetailPages.htmx(request)) {
            return membershipUpdate(model, actor, target, other, "role", outcome, text(locale, "memberDetail.saved.role", organizationName),
                    locale);
        }
        return MemberDetailPages.back(redirect, target, MemberDetailPages.ORGANIZATIONS, outcome.refused() != null ? null
                : outcome.sent() != null ? outcome.sent() : text(locale, "memberDetail.flash.role", organizationName), outcome.refused());
    }

    @PostMapping("/memberships/{memberOrgId}/sites")
    String sites(Actor actor, @PathVariable String orgId, @PathVariable String userId, @PathVariable String memberOrgId,
            SitesForm form, Locale locale, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        PersonTarget target = targets.find(actor, orgId, userId);
        OrganizationId other = OrganizationId.parse(memberOrgId);
        String organizationName = organizationName(actor, other);
        Outcome outcome = apply(locale, () -> {
            if (members.needsApproval(actor, other, target.user(), null)) {
                return text(locale, "requests.sent",
                        approvals.accessChange(actor, other, target.user(), null, null, form.sites(), null).number());
            }
            members.change(actor, other, target.user(), new Members.MemberChange(null, null, form.sites(), null));
            return null;
        });
        if (MemberDetailPages.htmx(request)) {
            return membershipUpdate(model, actor, target, other, "sites", outcome,
                    text(locale, "memberDetail.saved.sites", organizationName), locale);
        }
        return MemberDetailPages.back(redirect, target, MemberDetailPages.ORGANIZATIONS, outcome.refused() != null ? null
                : outcome.sent() != null ? outcome.sent() : text(locale, "memberDetail.flash.sites", organizationName), outcome.refused());
    }

    /** What a change came to: saved (both null), sent to the vendor as a request, or refused with a reason. */
    private record Outcome(String sent, String refused) {
    }

    private Outcome apply(Locale locale, Supplier<String> change) {
        try {
            return new Outcome(change.get(), null);
        } catch (ForbiddenException e) {
            return new Outcome(null, text(locale, e.reasonCode()));
        } catch (ConflictException e) {
            return new Outcome(null, text(locale, e.messageCode(), e.arguments().toArray()));
        } catch (InvalidInputException e) {
            return new Outcome(null, messagesOf(e, locale));
        }
    }

    /** One organization's block again, as saved (a refused change shows its old value), with the outcome beside the control. */
    private String membershipUpdate(Model model, Actor actor, PersonTarget target, OrganizationId other, String control, Outcome outcome,
            String saved, Locale locale) {
        pageModel.fill(model, actor, targets.reload(actor, target), MemberDetailPages.ORGANIZATIONS);
        @SuppressWarnings("unchecked")
        List<Affiliation> affiliations = (List<Affiliation>) model.getAttribute("affiliations");
        Affiliation affiliation = affiliations.stream().filter(a -> a.organizationId().equals(other.toString())).findFirst()
                .orElseThrow(() -> new NotFoundException("member"));
        String mark = outcome.refused() != null ? outcome.refused() : outcome.sent() != null ? outcome.sent()
                : text(locale, "memberDetail.savedMark");
        model.addAttribute("a", affiliation);
        model.addAttribute("savedControl", control);
        model.addAttribute("membershipMark", mark);
        model.addAttribute("membershipRefused", outcome.refused() != null);
        model.addAttribute("membershipStatus", outcome.refused() != null || outcome.sent() != null ? mark : saved);
        return "members/detail :: membershipUpdate";
    }


    private String organizationName(Actor actor, OrganizationId organization) {
        return organizations.get(actor, organization).name();
    }

    private String messagesOf(InvalidInputException e, Locale locale) {
        return e.errors().stream().map(error -> text(locale, error.messageCode(), error.arguments().toArray()))
                .collect(Collectors.joining(" "));
    }

    private String text(Locale locale, String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, locale);
    }
}
