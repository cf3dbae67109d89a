package io.gatehouse.access;

import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.PortalPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The vendor's catalogue of applications and their access rights, for the vendor admin. Several
 * small forms share the page: each one's messages and typed value are kept under its own key.
 */
@PortalPage
class CatalogAdminPages {

    private final Catalog catalog;
    private final CatalogAdmin admin;
    private final MessageSource messages;

    CatalogAdminPages(Catalog catalog, CatalogAdmin admin, MessageSource messages) {
        this.catalog = catalog;
        this.admin = admin;
        this.messages = messages;
    }

    record ApplicationForm(String name, String managedExternally) {
    }

    record NameForm(String name) {
    }

    record ManagedForm(String managedExternally) {
    }

    /** The ids of the rights ticked "Always needs approval"; the application's other rights are not. */
    record ApprovalForm(List<String> needsApproval) {
    }

    @GetMapping("/admin/applications")
    String applications(Actor actor, Model model) {
        return page(actor, null, null, Map.of(), model);
    }

    @PostMapping("/admin/applications")
    String addApplication(Actor actor, ApplicationForm form, Locale locale, Model model, RedirectAttributes redirect) {
        UUID added;
        try {
            added = admin.addApplication(actor, form.name(), "true".equals(form.managedExternally()));
        } catch (InvalidInputException | ConflictException e) {
            return page(actor, "application", form.name(), errors(e, locale), model);
        }
        return done(redirect, "admin.catalog.applicationAdded", form.name(), added);
    }

    @PostMapping("/admin/applications/{applicationId}/rights")
    String addRight(Actor actor, @PathVariable String applicationId, NameForm form, Locale locale, Model model,
            RedirectAttributes redirect) {
        UUID application = id(applicationId);
        try {
            admin.addRight(actor, application, form.name());
        } catch (InvalidInputException | ConflictException e) {
            return page(actor, "right-" + application, form.name(), errors(e, locale), model);
        }
        return done(redirect, "admin.catalog.rightAdded", form.name(), application);
    }

    @PostMapping("/admin/applications/{applicationId}/rights/{rightId}")
    String renameRight(Actor actor, @PathVariable String applicationId, @PathVariable String rightId, NameForm form,
            Locale locale, Model model, RedirectAttributes redirect) {
        UUID application = id(applicationId);
        UUID right = id(rightId);
        try {
            admin.renameRight(actor, application, right, form.name());
        } catch (InvalidInputException | ConflictException e) {
            return page(actor, "rename-" + right, form.name(), errors(e, locale), model);
        }
        return done(redirect, "admin.catalog.rightRenamed", form.name(), application);
    }

    /**
     * Managed externally takes the rights of the application out of every organization's hands at
     * once, so marking it asks first; handing them back does not.
     */
    @PostMapping("/admin/applications/{applicationId}/managed-externally")
    String markManagedExternally(Actor actor, @PathVariable String applicationId, ManagedForm form,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        UUID application = id(applicationId);
        admin.requireVendorAdmin(actor);
        CatalogApplication app = catalog.applications().stream().filter(a -> a.id().equals(application)).findFirst()
                .orElseThrow(() -> new NotFoundException("application"));
        if ("true".equals(form.managedExternally()) && !app.managedExternally() && !Confirmation.given(confirmed)) {
            model.addAttribute("confirmation", new Confirmation(
                    messages.getMessage("admin.catalog.markManagedExternally.title", new Object[] {app.name()}, locale),
                    messages.getMessage("admin.catalog.markManagedExternally.confirm", new Object[] {app.name()}, locale),
                    "/admin/applications/" + application + "/managed-externally", List.of(new Confirmation.Field("managedExternally", "true")),
                    messages.getMessage("admin.catalog.markManagedExternally", null, locale), "/admin/applications#app-" + application,
                    List.of(new Confirmation.Field(messages.getMessage("nav.applications", null, locale), "/admin/applications"),
                            new Confirmation.Field(app.name(), "/admin/applications#app-" + application))));
            return "confirm";
        }
        admin.markManagedExternally(actor, application, "true".equals(form.managedExternally()));
        return done(redirect, "admin.catalog.saved", "", application);
    }

    @PostMapping("/admin/applications/{applicationId}/approval")
    String markNeedsApproval(Actor actor, @PathVariable String applicationId, ApprovalForm form, RedirectAttributes redirect) {
        UUID application = id(applicationId);
        Set<UUID> ticked = form.needsApproval() == null ? Set.of()
                : form.needsApproval().stream().map(CatalogAdminPages::id).collect(Collectors.toSet());
        admin.markNeedsApproval(actor, application, ticked);
        return done(redirect, "staff.approval.saved", "", application);
    }

    private String page(Actor actor, String failedForm, String typed, Map<String, List<String>> errors, Model model) {
        admin.requireVendorAdmin(actor);
        model.addAttribute("applications", catalog.applications());
        model.addAttribute("keepNames", catalog.rights().stream().map(CatalogRight::name)
                .filter(name -> !admin.renamable(name)).collect(Collectors.toSet()));
        model.addAttribute("failedForm", failedForm);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        return "admin/applications";
    }

    /** Back to the application just changed, its message shown there rather than at the top of a long page. */
    private static String done(RedirectAttributes redirect, String flash, String name, UUID application) {
        redirect.addFlashAttribute("flash", flash);
        redirect.addFlashAttribute("flashName", name == null ? "" : name.strip());
        redirect.addFlashAttribute("flashApplication", application.toString());
        return "redirect:/admin/applications#app-" + application;
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("application");
        }
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
