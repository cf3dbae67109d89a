package io.gatehouse.member;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.Decision;
import io.gatehouse.access.Role;
import io.gatehouse.member.MemberDetailForms.DisabledForm;
import io.gatehouse.member.MemberDetailForms.FieldMessages;
import io.gatehouse.member.MemberDetailForms.JoinForm;
import io.gatehouse.member.MemberDetailForms.PropertiesForm;
import io.gatehouse.member.MemberDetailForms.RemoveForm;
import io.gatehouse.member.MemberDetailForms.RightsForm;
import io.gatehouse.member.MemberDetailForms.RoleForm;
import io.gatehouse.member.MemberDetailForms.SitesForm;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.DateFormat;
import io.gatehouse.user.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
 * Every action posts, then redirects back with a message; with htmx, tabs, the "Disabled" box and
 * the access rights update in place.
 */
@PortalPage
@RequestMapping("/organizations/{orgId}/users/{userId}")
class MemberDetailPages {

    static final String PROPERTIES = "properties";
    static final String ORGANIZATIONS = "organizations";

    private final Members members;
    private final Accounts accounts;
    private final Organizations organizations;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final MessageSource messages;
    private final ApprovalRequests approvals;

    MemberDetailPages(Members members, Accounts accounts, Organizations organizations, Catalog catalog, AccessPolicy policy,
            MessageSource messages, ApprovalRequests approvals) {
        this.members = members;
        this.accounts = accounts;
        this.organizations = organizations;
        this.catalog = catalog;
        this.policy = policy;
        this.messages = messages;
        this.approvals = approvals;
    }

    /** The person as met on this page: a member of the organization in the address, which the actor manages. */
    private record Target(OrganizationId organization, UserId user, AccountView person, MemberView member) {

        String base() {
            return "/organizations/" + organization + "/users/" + user;
        }

        String name() {
            String name = (person.firstName() + " " + person.lastName()).strip();
            return name.isEmpty() ? person.email() : name;
        }
    }

    /** 404 for an organization the actor cannot see or a person who is not its member; 403 if they may not manage members. */
    private Target target(Actor actor, String orgId, String userId) {
        OrganizationId organization = OrganizationId.parse(orgId);
        UserId user = UserId.parse(userId);
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        MemberView member = members.get(actor, organization, user);
        return new Target(organization, user, accounts.get(actor, user), member);
    }

    // ---- the page

    @GetMapping
    String show(Actor actor, @PathVariable String orgId, @PathVariable String userId,
            @RequestParam(required = false) String tab, @RequestParam(required = false) String edit,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Target target = target(actor, orgId, userId);
        String current = ORGANIZATIONS.equals(tab) ? ORGANIZATIONS : PROPERTIES;
        fill(model, actor, target, current);
        if (edit != null && PROPERTIES.equals(current) && model.getAttribute("editRefusal") == null) {
            model.addAttribute("editing", true);
            model.addAttribute("form", PropertiesForm.of(target.person()));
        }
        response.addHeader("Vary", "HX-Request");
        return htmx(request) ? "members/detail :: tabs" : "members/detail";
    }

    // ---- Properties & Preferences

    @PostMapping("/properties")
    String saveProperties(Actor actor, @PathVariable String orgId, @PathVariable String userId,
            @ModelAttribute("form") PropertiesForm form, Locale locale, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Target target = target(actor, orgId, userId);
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
        fill(model, actor, target, PROPERTIES);
        model.addAttribute("editing", true);
        model.addAttribute("errors", errors);
        response.setStatus(status.value());
        return "members/detail";
    }

    /** "Tick the Disabled box": the account, in every organization. */
    @PostMapping("/disabled")
    String disabled(Actor actor, @PathVariable String orgId, @PathVariable String userId, DisabledForm form, Locale locale,
            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Target target = target(actor, orgId, userId);
        String done = null;
        String refused = null;
        try {
            accounts.update(actor, target.user(), new AccountChanges(null, null, null, null, form.ticked(), null, null, null));
            done = text(locale, form.ticked() ? "memberDetail.flash.disabled" : "memberDetail.flash.enabled", target.name());
        } catch (ForbiddenException e) {
            refused = text(locale, e.reasonCode());
        }
        if (htmx(request)) {
            fill(model, actor, reload(actor, target), PROPERTIES);
            model.addAttribute("disabledStatus", done != null ? text(locale, "memberDetail.saved") : refused);
            model.addAttribute("disabledRefused", refused != null);
            model.addAttribute("personStatusOob", true);
            return "members/detail :: disabledUpdate";
        }
        return back(redirect, target, PROPERTIES, done, refused);
    }

    // ---- Access rights in this organization

    @PostMapping("/rights")
    String rights(Actor actor, @PathVariable String orgId, @PathVariable String userId, RightsForm form, Locale locale,
            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        Target target = target(actor, orgId, userId);
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
            refused = e.errors().stream().map(error -> text(locale, error.messageCode(), error.arguments().toArray()))
                    .collect(Collectors.joining(" "));
        } catch (ConflictException e) {
            // A rights change for the person is already waiting for the vendor: it names its ticket.
            refused = text(locale, e.messageCode(), e.arguments().toArray());
        }
        if (htmx(request)) {
            fill(model, actor, reload(actor, target), currentTab(request));
            model.addAttribute("rightsStatus", done != null ? (sent ? done : text(locale, "memberDetail.saved")) : refused);
            model.addAttribute("rightsRefused", refused != null);
            return "members/detail :: rightsUpdate";
        }
        return back(redirect, target, currentTab(request), done, refused);
    }

    // ---- Block user

    @PostMapping("/block")
    String block(Actor actor, @PathVariable String orgId, @PathVariable String userId, Locale locale, RedirectAttributes redirect) {
        return blocking(actor, orgId, userId, true, locale, redirect);
    }

    @PostMapping("/unblock")
    String unblock(Actor actor, @PathVariable String orgId, @PathVariable String userId, Locale locale, RedirectAttributes redirect) {
        return blocking(actor, orgId, userId, false, locale, redirect);
    }

    private String blocking(Actor actor, String orgId, String userId, boolean block, Locale locale, RedirectAttributes redirect) {
        Target target = target(actor, orgId, userId);
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

    // ---- Organizations & Roles

    /** "Add": the person joins another organization the actor manages; their existing account is reused. */
    @PostMapping("/memberships")
    String join(Actor actor, @PathVariable String orgId, @PathVariable String userId, JoinForm form, Locale locale,
            RedirectAttributes redirect) {
        Target target = target(actor, orgId, userId);
        OrganizationId other = OrganizationId.parse(form.organizationId());
        try {
            Role role = form.parsed();
            Members.NewMember joining = new Members.NewMember(target.person().firstName(), target.person().lastName(),
                    target.person().email(), null, null, null, role, List.of(), List.of());
            if (members.needsApproval(actor, other, null, null)) {
                return back(redirect, target, ORGANIZATIONS, text(locale, "requests.sent",
                        approvals.newUser(actor, other, joining, null).number()), null);
            }
            members.add(actor, other, joining);
            return back(redirect, target, ORGANIZATIONS, text(locale, "memberDetail.flash.joined", target.name(),
                    organizationName(actor, other), text(locale, "members.role." + role)), null);
        } catch (ForbiddenException e) {
            return back(redirect, target, ORGANIZATIONS, null, text(locale, e.reasonCode()));
        } catch (ConflictException e) {
            return back(redirect, target, ORGANIZATIONS, null, text(locale, e.messageCode()));
        } catch (InvalidInputException e) {
            return back(redirect, target, ORGANIZATIONS, null, messagesOf(e, locale));
        }
    }

    /** A role select with "Save", besides removing and adding again as the procedure describes. */
    @PostMapping("/memberships/{memberOrgId}/role")
    String role(Actor actor, @PathVariable String orgId, @PathVariable String userId, @PathVariable String memberOrgId,
            RoleForm form, Locale locale, RedirectAttributes redirect) {
        Target target = target(actor, orgId, userId);
        OrganizationId other = OrganizationId.parse(memberOrgId);
        try {
            if (members.needsApproval(actor, other, target.user(), null)) {
                return back(redirect, target, ORGANIZATIONS, text(locale, "requests.sent",
                        approvals.accessChange(actor, other, target.user(), form.parsed(), null, null, null).number()), null);
            }
            members.change(actor, other, target.user(), new Members.MemberChange(form.parsed(), null, null, null));
            return back(redirect, target, ORGANIZATIONS, text(locale, "memberDetail.flash.role", organizationName(actor, other)), null);
        } catch (ForbiddenException e) {
            return back(redirect, target, ORGANIZATIONS, null, text(locale, e.reasonCode()));
        } catch (ConflictException e) {
            return back(redirect, target, ORGANIZATIONS, null, text(locale, e.messageCode(), e.arguments().toArray()));
        } catch (InvalidInputException e) {
            return back(redirect, target, ORGANIZATIONS, null, messagesOf(e, locale));
        }
    }

    @PostMapping("/memberships/{memberOrgId}/sites")
    String sites(Actor actor, @PathVariable String orgId, @PathVariable String userId, @PathVariable String memberOrgId,
            SitesForm form, Locale locale, RedirectAttributes redirect) {
        Target target = target(actor, orgId, userId);
        OrganizationId other = OrganizationId.parse(memberOrgId);
        try {
            if (members.needsApproval(actor, other, target.user(), null)) {
                return back(redirect, target, ORGANIZATIONS, text(locale, "requests.sent",
                        approvals.accessChange(actor, other, target.user(), null, null, form.sites(), null).number()), null);
            }
            members.change(actor, other, target.user(), new Members.MemberChange(null, null, form.sites(), null));
            return back(redirect, target, ORGANIZATIONS, text(locale, "memberDetail.flash.sites", organizationName(actor, other)), null);
        } catch (ForbiddenException e) {
            return back(redirect, target, ORGANIZATIONS, null, text(locale, e.reasonCode()));
        } catch (ConflictException e) {
            return back(redirect, target, ORGANIZATIONS, null, text(locale, e.messageCode(), e.arguments().toArray()));
        } catch (InvalidInputException e) {
            return back(redirect, target, ORGANIZATIONS, null, messagesOf(e, locale));
        }
    }

    /** The trash icon: the membership goes, the account stays. */
    @PostMapping("/memberships/{memberOrgId}/remove")
    String removeMembership(Actor actor, @PathVariable String orgId, @PathVariable String userId, @PathVariable String memberOrgId,
            Locale locale, RedirectAttributes redirect) {
        Target target = target(actor, orgId, userId);
        OrganizationId other = OrganizationId.parse(memberOrgId);
        String name = organizationName(actor, other);
        if (members.needsApproval(actor, other, target.user(), null)) {
            return back(redirect, target, ORGANIZATIONS, null, text(locale, "policy.vendorManaged"));
        }
        try {
            members.remove(actor, other, target.user());
        } catch (ForbiddenException e) {
            return back(redirect, target, ORGANIZATIONS, null, text(locale, e.reasonCode()));
        }
        String done = text(locale, "memberDetail.flash.removed", target.name(), name);
        if (other.equals(target.organization())) {
            redirect.addFlashAttribute("flash", done);
            return "redirect:" + usersList(target);
        }
        return back(redirect, target, ORGANIZATIONS, done, null);
    }

    // ---- Remove from

    @GetMapping("/remove")
    String removeForm(Actor actor, @PathVariable String orgId, @PathVariable String userId, Model model) {
        Target target = target(actor, orgId, userId);
        fillRemove(model, actor, target, Set.of(target.organization().toString()));
        return "members/detail-remove";
    }

    /** One transaction per organization: a refusal in one does not undo the others, and the page says which. */
    @PostMapping("/remove")
    String remove(Actor actor, @PathVariable String orgId, @PathVariable String userId, RemoveForm form, Locale locale,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Target target = target(actor, orgId, userId);
        Map<String, Affiliation> manageable = members.affiliations(actor, target.user()).stream()
                .collect(Collectors.toMap(Affiliation::organizationId, Function.identity()));
        // An organization the person is not in, or that the actor does not manage, is not found, like any foreign id.
        List<Affiliation> chosen = form.organizations().stream().distinct()
                .map(id -> java.util.Optional.ofNullable(manageable.get(id)).orElseThrow(() -> new NotFoundException("member")))
                .toList();
        if (chosen.isEmpty()) {
            fillRemove(model, actor, target, Set.of());
            model.addAttribute("chooseError", text(locale, "memberDetail.remove.choose"));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "members/detail-remove";
        }
        List<String> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Affiliation affiliation : chosen) {
            try {
                OrganizationId from = OrganizationId.parse(affiliation.organizationId());
                if (members.needsApproval(actor, from, target.user(), null)) {
                    throw new ForbiddenException("policy.vendorManaged");
                }
                members.remove(actor, from, target.user());
                removed.add(affiliation.organizationName());
            } catch (ForbiddenException e) {
                failures.add(text(locale, "memberDetail.remove.failed", affiliation.organizationName(), text(locale, e.reasonCode())));
            }
        }
        if (failures.isEmpty()) {
            redirect.addFlashAttribute("flash", text(locale, "memberDetail.flash.removed", target.name(), String.join(", ", removed)));
            return "redirect:" + usersList(target);
        }
        model.addAttribute("removed", removed.isEmpty() ? null
                : text(locale, "memberDetail.remove.done", target.name(), String.join(", ", removed)));
        model.addAttribute("failures", failures);
        fillRemove(model, actor, target, Set.of());
        response.setStatus(removed.isEmpty() ? HttpStatus.FORBIDDEN.value() : HttpStatus.OK.value());
        return "members/detail-remove";
    }

    // ---- helpers

    private void fill(Model model, Actor actor, Target target, String tab) {
        List<Affiliation> affiliations = members.affiliations(actor, target.user());
        Affiliation here = affiliations.stream().filter(a -> a.organizationId().equals(target.organization().toString()))
                .findFirst().orElseThrow(() -> new NotFoundException("member"));
        model.addAttribute("orgId", target.organization().toString());
        model.addAttribute("base", target.base());
        model.addAttribute("usersList", usersList(target));
        model.addAttribute("person", target.person());
        model.addAttribute("member", target.member());
        model.addAttribute("here", here);
        model.addAttribute("tab", tab);
        model.addAttribute("affiliations", affiliations);
        model.addAttribute("joinable", ORGANIZATIONS.equals(tab) ? members.joinable(actor, target.user()) : List.of());
        model.addAttribute("roles", Role.values());
        model.addAttribute("languages", Language.values());
        model.addAttribute("dateFormats", DateFormat.values());
        model.addAttribute("applications", catalog.applications());
        model.addAttribute("held", Set.copyOf(target.member().rights()));
        model.addAttribute("blockAllowed", members.blocking(actor, target.organization(), target.user(), !here.blocked()).allowed()
                && !members.needsApproval(actor, target.organization(), target.user(), null));
        model.addAttribute("editRefusal", reason(members.accountEditing(actor, target.user())));
        model.addAttribute("disableRefusal", reason(members.accountDisabling(actor, target.user(), !target.person().disabled())));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FieldMessages.none());
        }
    }

    private void fillRemove(Model model, Actor actor, Target target, Set<String> ticked) {
        model.addAttribute("orgId", target.organization().toString());
        model.addAttribute("base", target.base());
        model.addAttribute("usersList", usersList(target));
        model.addAttribute("person", target.person());
        List<Affiliation> affiliations = members.affiliations(actor, target.user());
        model.addAttribute("affiliations", affiliations);
        model.addAttribute("ticked", ticked);
        model.addAttribute("stillHere", affiliations.stream().anyMatch(a -> a.organizationId().equals(target.organization().toString())));
    }

    private Target reload(Actor actor, Target target) {
        return new Target(target.organization(), target.user(), accounts.get(actor, target.user()),
                members.get(actor, target.organization(), target.user()));
    }

    private static String reason(Decision decision) {
        return decision.allowed() ? null : decision.reason();
    }

    private static String back(RedirectAttributes redirect, Target target, String tab, String done, String refused) {
        if (done != null) {
            redirect.addFlashAttribute("flash", done);
        }
        if (refused != null) {
            redirect.addFlashAttribute("flashError", refused);
        }
        return "redirect:" + target.base() + "?tab=" + tab;
    }

    private static String usersList(Target target) {
        return "/organizations/" + target.organization() + "/users";
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

    /** The tab the person is on, so that a save from the "Organizations & Roles" tab comes back to it. */
    private static String currentTab(HttpServletRequest request) {
        return ORGANIZATIONS.equals(request.getParameter("tab")) ? ORGANIZATIONS : PROPERTIES;
    }

    /** An htmx request wants a fragment, except when it restores history: then the whole page. */
    private static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request")) && request.getHeader("HX-History-Restore-Request") == null;
    }
}
