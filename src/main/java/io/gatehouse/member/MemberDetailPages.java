package io.gatehouse.member;

import io.gatehouse.access.Actor;
import io.gatehouse.member.MemberDetailForms.DisabledForm;
import io.gatehouse.member.MemberDetailForms.FieldMessages;
import io.gatehouse.member.MemberDetailForms.PropertiesForm;
import io.gatehouse.member.MemberDetailForms.RightsForm;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page reached by clicking a user's name in User Management: the person's properties and
 * preferences, their organizations and roles, their access rights here, and the actions on them.
 * One way to save per part: properties with Edit then Save; the Disabled box, access rights, roles
 * and sites save themselves (with htmx, in place, the outcome beside the control). Without
 * JavaScript every part is a plain form with its Save button, which posts and redirects back with
 * a message. What shuts someone out asks first (see {@link Confirmation}). "Organizations & Roles"
 * is {@link MembershipPages}, "Remove from" {@link MemberRemovalPages}.
 */
@PortalPage
@RequestMapping("/organizations/{orgId}/users/{userId}")
class MemberDetailPages {

    static final String PROPERTIES = "properties";
    static final String ORGANIZATIONS = "organizations";

    private final Members members;
    private final Accounts accounts;
    private final Organizations organizations;
    private final MessageSource messages;
    private final ApprovalRequests approvals;
    private final PersonTargets targets;
    private final PersonPageModel pageModel;

    MemberDetailPages(Members members, Accounts accounts, Organizations organizations, MessageSource messages,
            ApprovalRequests approvals, PersonTargets targets, PersonPageModel pageModel) {
        this.members = members;
        this.accounts = accounts;
        this.organizations = organizations;
        this.messages = messages;
        this.approvals = approvals;
        this.targets = targets;
        this.pageModel = pageModel;
    }

    // ---- the page

    @GetMapping
    String show(Actor actor, @PathVariable String orgId, @PathVariable String userId,
            @RequestParam(required = false) String tab, @RequestParam(required = false) String edit,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        PersonTarget target = targets.find(actor, orgId, userId);
        String current = ORGANIZATIONS.equals(tab) ? ORGANIZATIONS : PROPERTIES;
        pageModel.fill(model, actor, target, current);
        if (edit != null && PROPERTIES.equals(current) && model.getAttribute("editRefusal") == null) {
            model.addAttribute("editing", true);
            model.addAttribute("form", PropertiesForm.of(target.person()));
        }
        response.addHeader("Vary", "HX-Request");
        return htmx(request) ? "members/detail :: tabs" : "members/detail";
    }

    // ---- Properties & Preferences: Edit, then one Save

    @PostMapping("/properties")
    String saveProperties(Actor actor, @PathVariable String orgId, @PathVariable String userId,
            @ModelAttribute("form") PropertiesForm form, Locale locale, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        PersonTarget target = targets.find(actor, orgId, userId);
        FieldMessages errors;
        HttpStatus status;
        try {
            String pendingEmail = accounts.update(actor, target.user(), form.changes()).pendingEmail();
            redirect.addFlashAttribute("flash", pendingEmail == null ? text(locale, "memberDetail.flash.properties")
                    : text(locale, "memberDetail.flash.emailPending", pendingEmail));
            return "redirect:" + target.base() + "?tab=" + PROPERTIES;
        } catch (InvalidInputException e) {
            errors = FieldMessages.of(e.errors(), error -> text(locale, error.messageCode(), error.arguments().toArray()));
            status = HttpStatus.UNPROCESSABLE_CONTENT;
        } catch (ConflictException e) {
            errors = FieldMessages.of(List.of(new InvalidInputException.FieldError(e.field(), e.messageCode())),
                    error -> text(locale, error.messageCode()));
            status = HttpStatus.CONFLICT;
        } catch (ForbiddenException e) {
            errors = FieldMessages.general(text(locale, e.reasonCode()));
            status = HttpStatus.FORBIDDEN;
        }
        pageModel.fill(model, actor, target, PROPERTIES);
        model.addAttribute("editing", true);
        model.addAttribute("errors", errors);
        response.setStatus(status.value());
        return "members/detail";
    }

    /**
     * "Tick the Disabled box": the account, in every organization. Ticking it shuts the person out
     * everywhere, so it asks first; without the answer nothing changes and the question shows.
     */
    @PostMapping("/disabled")
    String disabled(Actor actor, @PathVariable String orgId, @PathVariable String userId, DisabledForm form,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale,
            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        PersonTarget target = targets.find(actor, orgId, userId);
        // Only a change that would happen asks; a refused one says why at once.
        boolean disabling = form.ticked() && !target.person().disabled()
                && members.accountDisabling(actor, target.user(), true).allowed();
        if (disabling && !Confirmation.given(confirmed)) {
            if (htmx(request)) {
                return disabledUpdate(model, actor, target, text(locale, "memberDetail.disable.confirm", target.name()), true);
            }
            return confirm(model, locale, target, new Confirmation(text(locale, "memberDetail.disable.confirm.title", target.name()),
                    text(locale, "memberDetail.disable.confirm", target.name()), target.base() + "/disabled",
                    List.of(new Confirmation.Field("disabled", "true")), text(locale, "memberDetail.disable.confirm.yes"),
                    target.base() + "?tab=" + PROPERTIES, crumbs(locale, target)));
        }
        String done = null;
        String refused = null;
        try {
            accounts.update(actor, target.user(), new AccountChanges(null, null, null, null, form.ticked(), null, null, null));
            done = text(locale, form.ticked() ? "memberDetail.flash.disabled" : "memberDetail.flash.enabled", target.name());
        } catch (ForbiddenException e) {
            refused = text(locale, e.reasonCode());
        }
        if (htmx(request)) {
            return disabledUpdate(model, actor, targets.reload(actor, target), refused != null ? refused : done, refused != null);
        }
        return back(redirect, target, PROPERTIES, done, refused);
    }

    private String disabledUpdate(Model model, Actor actor, PersonTarget target, String status, boolean refused) {
        pageModel.fill(model, actor, target, PROPERTIES);
        model.addAttribute("disabledStatus", status);
        model.addAttribute("disabledRefused", refused);
        model.addAttribute("personStatusOob", true);
        return "members/detail :: disabledUpdate";
    }

    // ---- Access rights in this organization: each tick saves itself

    @PostMapping("/rights")
    String rights(Actor actor, @PathVariable String orgId, @PathVariable String userId, RightsForm form, Locale locale,
            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        PersonTarget target = targets.find(actor, orgId, userId);
        List<String> wanted;
        if (form.changed() != null) {
            // One box saved itself: only that right changes, whatever else the page showed.
            Set<String> next = new LinkedHashSet<>(target.member().rights());
            if (form.rights().contains(form.changed())) {
                next.add(form.changed());
            } else {
                next.remove(form.changed());
            }
            wanted = List.copyOf(next);
        } else {
            wanted = form.rights();
        }
        String done = null;
        String refused = null;
        boolean sent = false;
        try {
            // Where the vendor approves the change, the ticks become a request and nothing changes yet.
            if (members.needsApproval(actor, target.organization(), target.user(), wanted)) {
                done = text(locale, "requests.sent", approvals.accessChange(actor, target.organization(), target.user(), null, wanted,
                        null, null).number());
                sent = true;
            } else {
                members.change(actor, target.organization(), target.user(), new Members.MemberChange(null, wanted, null, null));
                done = text(locale, "memberDetail.flash.rights");
            }
        } catch (ForbiddenException e) {
            refused = text(locale, e.reasonCode());
        } catch (InvalidInputException e) {
            refused = messagesOf(e, locale);
        } catch (ConflictException e) {
            // A rights change for the person is already waiting for the vendor: it names its ticket.
            refused = text(locale, e.messageCode(), e.arguments().toArray());
        }
        if (htmx(request)) {
            // The boxes come back as saved, so a refused tick returns to what it was; the word shows beside the box.
            pageModel.fillRights(model, targets.reload(actor, target), currentTab(request));
            String mark = refused != null ? refused : sent ? done : text(locale, "memberDetail.savedMark");
            model.addAttribute("savedRight", form.changed());
            model.addAttribute("rightsMark", mark);
            model.addAttribute("rightsRefused", refused != null);
            model.addAttribute("rightsStatus", refused != null || sent ? mark
                    : form.changed() != null ? text(locale, "memberDetail.saved.right", rightName(locale, form.changed())) : done);
            return "members/detail :: rightsUpdate";
        }
        return back(redirect, target, currentTab(request), done, refused);
    }

    // ---- Block user: asks first, since the person is shut out of this organization at once

    @PostMapping("/block")
    String block(Actor actor, @PathVariable String orgId, @PathVariable String userId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        PersonTarget target = targets.find(actor, orgId, userId);
        boolean wouldBlock = members.blocking(actor, target.organization(), target.user(), true).allowed()
                && !members.needsApproval(actor, target.organization(), target.user(), null);
        if (wouldBlock && !Confirmation.given(confirmed)) {
            String organizationName = organizationName(actor, target.organization());
            return confirm(model, locale, target, new Confirmation(
                    text(locale, "memberDetail.block.confirm.title", target.name(), organizationName),
                    text(locale, "memberDetail.block.confirm", target.name(), organizationName), target.base() + "/block", List.of(),
                    text(locale, "memberDetail.block.confirm.yes"), target.base(), crumbs(locale, target)));
        }
        return blocking(actor, orgId, userId, true, locale, redirect);
    }

    @PostMapping("/unblock")
    String unblock(Actor actor, @PathVariable String orgId, @PathVariable String userId, Locale locale, RedirectAttributes redirect) {
        return blocking(actor, orgId, userId, false, locale, redirect);
    }

    private String blocking(Actor actor, String orgId, String userId, boolean block, Locale locale, RedirectAttributes redirect) {
        PersonTarget target = targets.find(actor, orgId, userId);
        if (members.needsApproval(actor, target.organization(), target.user(), null)) {
            // A deactivation the vendor approves is asked for from the team table, with its reason.
            return back(redirect, target, PROPERTIES, null, text(locale, "policy.vendorManaged"));
        }
        try {
            members.change(actor, target.organization(), target.user(), new Members.MemberChange(null, null, null, block));
            return back(redirect, target, PROPERTIES, text(locale, block ? "memberDetail.flash.blocked" : "memberDetail.flash.unblocked",
                    target.name(), organizationName(actor, target.organization())), null);
        } catch (ForbiddenException e) {
            return back(redirect, target, PROPERTIES, null, text(locale, e.reasonCode()));
        }
    }

    // ---- helpers


    private String confirm(Model model, Locale locale, PersonTarget target, Confirmation confirmation) {
        model.addAttribute("confirmation", confirmation);
        return "confirm";
    }

    /** User Management › the person: where a confirmation about them sits. */
    private List<Confirmation.Field> crumbs(Locale locale, PersonTarget target) {
        return List.of(new Confirmation.Field(text(locale, "nav.users"), target.usersList()),
                new Confirmation.Field(target.name(), target.base()));
    }

    static String back(RedirectAttributes redirect, PersonTarget target, String tab, String done, String refused) {
        if (done != null) {
            redirect.addFlashAttribute("flash", done);
        }
        if (refused != null) {
            redirect.addFlashAttribute("flashError", refused);
        }
        return "redirect:" + target.base() + "?tab=" + tab;
    }

    private String organizationName(Actor actor, OrganizationId organization) {
        return organizations.get(actor, organization).name();
    }

    private String rightName(Locale locale, String right) {
        return messages.getMessage("members.right." + right, null, right, locale);
    }

    private String messagesOf(InvalidInputException e, Locale locale) {
        return e.errors().stream().map(error -> text(locale, error.messageCode(), error.arguments().toArray()))
                .collect(Collectors.joining(" "));
    }

    private String text(Locale locale, String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, locale);
    }

    /** The tab the person is on, so that a save from the "Organizations & Roles" tab comes back to it. */
    private static String currentTab(HttpServletRequest request) {
        return ORGANIZATIONS.equals(request.getParameter("tab")) ? ORGANIZATIONS : PROPERTIES;
    }

    /** An htmx request wants a fragment, except when it restores history: then the whole page. */
    static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request")) && request.getHeader("HX-History-Restore-Request") == null;
    }
}
