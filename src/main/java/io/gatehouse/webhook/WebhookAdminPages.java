package io.gatehouse.webhook;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogApplication;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PortalPage;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An application's webhook, for the vendor admin: its URL, its secret (shown once, on the page
 * that answers the change, never kept in the session) and its latest deliveries.
 */
@PortalPage
class WebhookAdminPages {

    private final ApplicationWebhooks webhooks;
    private final Deliveries deliveries;
    private final Catalog catalog;
    private final MessageSource messages;

    WebhookAdminPages(ApplicationWebhooks webhooks, Deliveries deliveries, Catalog catalog, MessageSource messages) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.catalog = catalog;
        this.messages = messages;
    }

    @GetMapping("/admin/applications/{applicationId}/webhook")
    String show(Actor actor, @PathVariable String applicationId, Model model) {
        return page(actor, application(applicationId), null, null, null, List.of(), model);
    }

    @PostMapping("/admin/applications/{applicationId}/webhook")
    String configure(Actor actor, @PathVariable String applicationId, @RequestParam(required = false) String url, Locale locale,
            Model model) {
        CatalogApplication application = application(applicationId);
        try {
            ApplicationWebhooks.Configured configured = webhooks.configure(actor, application.id(), url);
            return page(actor, application, "webhook.admin.saved", configured.secret(), null, List.of(), model);
        } catch (InvalidInputException e) {
            List<String> errors = e.errors().stream()
                    .map(error -> messages.getMessage(error.messageCode(), error.arguments().toArray(), locale)).toList();
            return page(actor, application, null, null, url, errors, model);
        }
    }

    @PostMapping("/admin/applications/{applicationId}/webhook/secret")
    String rotate(Actor actor, @PathVariable String applicationId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model) {
        CatalogApplication application = application(applicationId);
        if (!Confirmation.given(confirmed)) {
            return confirm(actor, application, "secret", "webhook.admin.rotate", locale, model);
        }
        String secret = webhooks.rotateSecret(actor, application.id());
        return page(actor, application, "webhook.admin.rotated", secret, null, List.of(), model);
    }

    @PostMapping("/admin/applications/{applicationId}/webhook/remove")
    String remove(Actor actor, @PathVariable String applicationId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model) {
        CatalogApplication application = application(applicationId);
        if (!Confirmation.given(confirmed)) {
            return confirm(actor, application, "remove", "webhook.admin.remove", locale, model);
        }
        webhooks.remove(actor, application.id());
        return page(actor, application, "webhook.admin.removed", null, null, List.of(), model);
    }

    private String confirm(Actor actor, CatalogApplication application, String path, String key, Locale locale, Model model) {
        webhooks.find(actor, application.id()).orElseThrow(() -> new NotFoundException("webhook"));
        String here = "/admin/applications/" + application.id() + "/webhook";
        model.addAttribute("confirmation", new Confirmation(
                messages.getMessage(key + ".title", new Object[] {application.name()}, locale),
                messages.getMessage(key + ".confirm", new Object[] {application.name()}, locale),
                here + "/" + path, List.of(), messages.getMessage(key, null, locale), here,
                List.of(new Confirmation.Field(messages.getMessage("nav.applications", null, locale), "/admin/applications"),
                        new Confirmation.Field(application.name(), here))));
        return "confirm";
    }

    private String page(Actor actor, CatalogApplication application, String flash, String secret, String typed, List<String> errors,
            Model model) {
        model.addAttribute("app", application);
        model.addAttribute("webhook", webhooks.find(actor, application.id()).orElse(null));
        model.addAttribute("flash", flash);
        model.addAttribute("secret", secret);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        model.addAttribute("deliveries", deliveries.list(actor, application.id(), null, new PageRequest(0, 20)).items());
        return "admin/webhook";
    }

    private CatalogApplication application(String text) {
        UUID id;
        try {
            id = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("application");
        }
        return catalog.applications().stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("application"));
    }
}
