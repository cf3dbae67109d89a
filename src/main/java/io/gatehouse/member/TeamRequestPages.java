package io.gatehouse.member;

import io.gatehouse.shared.PersonName;
import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogApplication;
import io.gatehouse.access.CatalogRight;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.shared.UserId;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
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
 * The reseller's team table asks instead of changing: the filter icon of an application opens its
 * rights to tick, the toggle at the end of a row asks for a deactivation with a reason. Each ends
 * in "Send request"; nothing changes until the vendor approves the ticket.
 */
@PortalPage
@RequestMapping("/organizations/{orgId}/users/{userId}")
class TeamRequestPages {

    private final Members members;
    private final Organizations organizations;
    private final AccessPolicy policy;
    private final Catalog catalog;
    private final ApprovalRequests approvals;
    private final MessageSource messages;
    private final String vendor;

    TeamRequestPages(Members members, Organizations organizations, AccessPolicy policy, Catalog catalog, ApprovalRequests approvals,
            MessageSource messages, @Value("${gatehouse.vendor.name:Gatehouse}") String vendor) {
        this.members = members;
        this.organizations = organizations;
        this.policy = policy;
        this.catalog = catalog;
        this.approvals = approvals;
        this.messages = messages;
        this.vendor = vendor;
    }

    /** What the rights form sends: the application it showed (none: all of them), the rights ticked there, a note. */
    record RightsRequestForm(String application, List<String> rights, String note) {

        RightsRequestForm {
            application = application == null || application.isBlank() ? null : application.strip();
            rights = rights == null ? List.of() : rights.stream().filter(r -> r != null && !r.isBlank()).map(String::strip)
                    .distinct().toList();
            note = note == null ? "" : note.strip();
        }

        public boolean ticked(String right) {
            return rights.contains(right);
        }
    }

    record DeactivationForm(String reason, String note) {

        DeactivationForm {
            reason = reason == null ? "" : reason.strip();
            note = note == null ? "" : note.strip();
        }
    }

    /** The person the form is about, a member of the organization in the address. */
    private record Target(OrganizationId organization, UserId user, MemberView member) {

        String name() {
            return PersonName.orEmail(member.firstName(), member.lastName(), member.email());
        }

        String usersList() {
            return "/organizations/" + organization + "/users";
        }
    }

    /**
     * 404 for an organization the actor cannot see, a person who is not its member, or an
     * organization whose changes do not go to the vendor; 403 when the actor may not manage members.
     */
    private Target target(Actor actor, String orgId, String userId) {
        OrganizationId organization = OrganizationId.parse(orgId);
        UserId user = UserId.parse(userId);
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        MemberView member = members.get(actor, organization, user);
        if (!members.needsApproval(actor, organization, user, null)) {
            throw new NotFoundException("member");
        }
        return new Target(organization, user, member);
    }

    // ---- Change rights: the filter icon of an application

    @GetMapping("/request-rights")
    String rightsForm(Actor actor, @PathVariable String orgId, @PathVariable String userId,
            @RequestParam(required = false) String application, Locale locale, Model model) {
        Target target = target(actor, orgId, userId);
        RightsRequestForm form = new RightsRequestForm(known(application), target.member().rights(), "");
        ApprovalRequests.Pending open = open(actor, target, ApprovalRequests.Asked.RIGHTS_CHANGE);
        return rights(model, target, form, Map.of(), open == null ? null : duplicate(locale, open), open, locale);
    }

    @PostMapping("/request-rights")
    String requestRights(Actor actor, @PathVariable String orgId, @PathVariable String userId, RightsRequestForm form,
            Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Target target = target(actor, orgId, userId);
        form = new RightsRequestForm(known(form.application()), form.rights(), form.note());
        // The form showed one application (or all); the person's rights elsewhere stay as they are.
        Set<String> shown = new LinkedHashSet<>();
        shown(form.application()).stream().filter(a -> !a.managedExternally())
                .forEach(a -> a.rights().forEach(r -> shown.add(r.name())));
        Map<String, CatalogRight> catalogue = catalog.rightsByName();
        List<String> wanted = new ArrayList<>(target.member().rights().stream()
                .filter(r -> !shown.contains(r))
                .filter(r -> catalogue.get(r) == null || !catalogue.get(r).managedExternally())
                .toList());
        form.rights().stream().filter(shown::contains).filter(r -> !wanted.contains(r)).forEach(wanted::add);
        try {
            if (Set.copyOf(wanted).equals(requestable(target.member().rights(), catalogue))) {
                // The same rights in another order, or only rights managed elsewhere: there is nothing to ask for.
                throw InvalidInputException.of("rights", "validation.request.nothingToChange");
            }
            ApprovalRequests.Receipt receipt = approvals.accessChange(actor, target.organization(), target.user(), null, wanted,
                    null, form.note());
            redirect.addFlashAttribute("sent", RequestSent.of(receipt, vendor));
            return "redirect:" + target.usersList();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return rights(model, target, form, byField(e, locale), null, null, locale);
        } catch (ForbiddenException e) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            return rights(model, target, form, Map.of(), text(locale, e.reasonCode()), null, locale);
        } catch (ApprovalRequests.AlreadyRequested e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return rights(model, target, form, Map.of(), duplicate(locale, e.open()), e.open(), locale);
        }
    }

    private String rights(Model model, Target target, RightsRequestForm form, Map<String, List<String>> errors, String refusal,
            ApprovalRequests.Pending open, Locale locale) {
        model.addAttribute("open", open);
        List<CatalogApplication> applications = shown(form.application());
        boolean onlyExternal = applications.stream().allMatch(CatalogApplication::managedExternally);
        model.addAttribute("title", form.application() == null ? text(locale, "requests.rights.titleAll", target.name())
                : text(locale, onlyExternal ? "requests.team.viewRights" : "requests.rights.title", form.application(), target.name()));
        model.addAttribute("orgId", target.organization().toString());
        model.addAttribute("userId", target.user().toString());
        model.addAttribute("name", target.name());
        model.addAttribute("form", form);
        model.addAttribute("applications", applications);
        model.addAttribute("held", Set.copyOf(target.member().rights()));
        model.addAttribute("requestable", applications.stream().anyMatch(a -> !a.managedExternally() && !a.rights().isEmpty()));
        model.addAttribute("errors", errors);
        model.addAttribute("refusal", refusal);
        model.addAttribute("vendor", vendor);
        return "members/request-rights";
    }

    /** The rights a request can name: all but those managed in another application. */
    private static Set<String> requestable(List<String> rights, Map<String, CatalogRight> catalogue) {
        Set<String> result = new LinkedHashSet<>(rights);
        result.removeIf(r -> catalogue.get(r) != null && catalogue.get(r).managedExternally());
        return result;
    }

    /** One application when the address names a known one, otherwise all of them ("Other applications"). */
    private List<CatalogApplication> shown(String application) {
        List<CatalogApplication> all = catalog.applications();
        List<CatalogApplication> one = all.stream().filter(a -> a.name().equals(application)).toList();
        return one.isEmpty() ? all : one;
    }

    private String known(String application) {
        return application != null && catalog.applications().stream().anyMatch(a -> a.name().equals(application.strip()))
                ? application.strip() : null;
    }

    // ---- Deactivate: the toggle at the end of a row

    @GetMapping("/request-deactivation")
    String deactivationForm(Actor actor, @PathVariable String orgId, @PathVariable String userId, Locale locale, Model model) {
        Target target = target(actor, orgId, userId);
        ApprovalRequests.Pending open = open(actor, target, ApprovalRequests.Asked.DEACTIVATION);
        return deactivation(model, target, new DeactivationForm("", ""), Map.of(), open == null ? null : duplicate(locale, open),
                open, locale);
    }

    @PostMapping("/request-deactivation")
    String requestDeactivation(Actor actor, @PathVariable String orgId, @PathVariable String userId, DeactivationForm form,
            Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Target target = target(actor, orgId, userId);
        try {
            ApprovalRequests.Receipt receipt = approvals.deactivation(actor, target.organization(), target.user(), form.reason(),
                    form.note());
            redirect.addFlashAttribute("sent", RequestSent.of(receipt, vendor));
            return "redirect:" + target.usersList();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return deactivation(model, target, form, byField(e, locale), null, null, locale);
        } catch (ForbiddenException e) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            return deactivation(model, target, form, Map.of(), text(locale, e.reasonCode()), null, locale);
        } catch (ApprovalRequests.AlreadyRequested e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return deactivation(model, target, form, Map.of(), duplicate(locale, e.open()), e.open(), locale);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return deactivation(model, target, form, Map.of(), text(locale, e.messageCode()), null, locale);
        }
    }

    private String deactivation(Model model, Target target, DeactivationForm form, Map<String, List<String>> errors,
            String refusal, ApprovalRequests.Pending open, Locale locale) {
        model.addAttribute("open", open);
        model.addAttribute("title", text(locale, "requests.deactivate.title", target.name()));
        model.addAttribute("orgId", target.organization().toString());
        model.addAttribute("userId", target.user().toString());
        model.addAttribute("name", target.name());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("refusal", refusal);
        model.addAttribute("vendor", vendor);
        return "members/request-deactivation";
    }

    // ---- a request of the same kind still to decide

    /** The person's open request of this kind, if any: the form says so before anything is typed. */
    private ApprovalRequests.Pending open(Actor actor, Target target, ApprovalRequests.Asked asked) {
        return approvals.pending(actor, target.organization()).getOrDefault(target.user().toString(), List.of()).stream()
                .filter(p -> p.asked() == asked).findFirst().orElse(null);
    }

    private String duplicate(Locale locale, ApprovalRequests.Pending open) {
        return text(locale, "conflict.request.duplicate." + open.asked(), open.number());
    }

    // ---- messages next to the fields they concern

    private Map<String, List<String>> byField(InvalidInputException e, Locale locale) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        e.errors().forEach(error -> errors.computeIfAbsent(error.field(), f -> new ArrayList<>())
                .add(text(locale, error.messageCode(), error.arguments().toArray())));
        return errors;
    }

    private String text(Locale locale, String code, Object... arguments) {
        return messages.getMessage(code, arguments.length == 0 ? null : arguments, code, locale);
    }
}
