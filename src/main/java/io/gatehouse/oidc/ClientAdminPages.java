package io.gatehouse.oidc;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.FormErrors;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.PortalPage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The vendor admin's page for how one application signs people in through Gatehouse. */
@Controller
@PortalPage
class ClientAdminPages {

    private final ClientRegistrations registrations;
    private final SignOns signOns;
    private final OidcSettings settings;
    private final MessageSource messages;

    ClientAdminPages(ClientRegistrations registrations, SignOns signOns, OidcSettings settings, MessageSource messages) {
        this.registrations = registrations;
        this.signOns = signOns;
        this.settings = settings;
        this.messages = messages;
    }

    /** The form as typed: addresses one per line. */
    record ClientForm(String redirectUris, String postLogoutRedirectUris, String backchannelLogoutUri, String accessTokenSeconds,
            String consent, String publicClient, String signingAlgorithm) {

        static ClientForm of(ClientRegistrations.ClientView view) {
            return new ClientForm(String.join("\n", view.redirectUris()), String.join("\n", view.postLogoutRedirectUris()),
                    view.backchannelLogoutUri(), Integer.toString(view.accessTokenSeconds()), Boolean.toString(view.consent()),
                    Boolean.toString(view.publicClient()), view.signingAlgorithm());
        }

        static ClientForm empty() {
            return new ClientForm("", "", "", Integer.toString(ClientRegistration.DEFAULT_ACCESS_TOKEN_SECONDS), "false", "false",
                    ClientRegistration.DEFAULT_SIGNING_ALGORITHM);
        }

        ClientRegistration registration() {
            Integer seconds;
            try {
                seconds = accessTokenSeconds == null || accessTokenSeconds.isBlank() ? null : Integer.valueOf(accessTokenSeconds.strip());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            return ClientRegistration.of(lines(redirectUris), lines(postLogoutRedirectUris), backchannelLogoutUri, seconds,
                    "true".equals(consent), "true".equals(publicClient), signingAlgorithm);
        }

        private static List<String> lines(String text) {
            return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }

    @GetMapping("/admin/applications/{applicationId}/sign-in")
    String page(Actor actor, @PathVariable String applicationId, Model model) {
        UUID application = id(applicationId);
        var client = registrations.find(actor, application);
        return page(application, client.map(ClientForm::of).orElse(ClientForm.empty()), client.isPresent(), Map.of(), model);
    }

    @PostMapping("/admin/applications/{applicationId}/sign-in")
    String save(Actor actor, @PathVariable String applicationId, ClientForm form, Locale locale, Model model,
            RedirectAttributes redirect) {
        UUID application = id(applicationId);
        boolean registered = registrations.find(actor, application).isPresent();
        ClientRegistrations.ClientView saved;
        try {
            saved = registrations.register(actor, application, form.registration());
        } catch (InvalidInputException | ConflictException e) {
            return page(application, form, registered, FormErrors.of(e, messages, locale), model);
        }
        redirect.addFlashAttribute("flash", registered ? "oidc.admin.saved" : "oidc.admin.registered");
        redirect.addFlashAttribute("secret", saved.clientSecret());
        return "redirect:/admin/applications/" + application + "/sign-in";
    }

    /** A new secret cuts the application off until it is given the new one: asked first. */
    @PostMapping("/admin/applications/{applicationId}/sign-in/secret")
    String rotate(Actor actor, @PathVariable String applicationId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        UUID application = id(applicationId);
        String name = name(actor, application);
        if (!Confirmation.given(confirmed)) {
            return confirm(model, locale, application, name, "oidc.admin.rotate", "/sign-in/secret");
        }
        redirect.addFlashAttribute("flash", "oidc.admin.rotated");
        redirect.addFlashAttribute("secret", registrations.rotateSecret(actor, application).clientSecret());
        return "redirect:/admin/applications/" + application + "/sign-in";
    }

    @PostMapping("/admin/applications/{applicationId}/sign-in/delete")
    String unregister(Actor actor, @PathVariable String applicationId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        UUID application = id(applicationId);
        String name = name(actor, application);
        if (!Confirmation.given(confirmed)) {
            return confirm(model, locale, application, name, "oidc.admin.unregister", "/sign-in/delete");
        }
        registrations.unregister(actor, application);
        redirect.addFlashAttribute("flash", "oidc.admin.unregistered");
        return "redirect:/admin/applications/" + application + "/sign-in";
    }

    private String confirm(Model model, Locale locale, UUID application, String name, String key, String path) {
        String page = "/admin/applications/" + application + "/sign-in";
        model.addAttribute("confirmation", new Confirmation(
                messages.getMessage(key + ".title", new Object[] {name}, locale),
                messages.getMessage(key + ".confirm", new Object[] {name}, locale),
                "/admin/applications/" + application + path, List.of(),
                messages.getMessage(key, null, locale), page,
                List.of(new Confirmation.Field(messages.getMessage("nav.applications", null, locale), "/admin/applications"),
                        new Confirmation.Field(messages.getMessage("oidc.admin.title", new Object[] {name}, locale), page))));
        return "confirm";
    }

    private String page(UUID application, ClientForm form, boolean registered, Map<String, List<String>> errors, Model model) {
        String issuer = settings.issuer() != null ? settings.issuer() : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        model.addAttribute("app", signOns.application(application).orElseThrow(() -> new NotFoundException("application")));
        model.addAttribute("form", form);
        model.addAttribute("registered", registered);
        model.addAttribute("errors", errors);
        model.addAttribute("issuer", issuer);
        model.addAttribute("discovery", issuer + "/.well-known/openid-configuration");
        model.addAttribute("signingAlgorithms", ClientRegistration.SIGNING_ALGORITHMS);
        return "oidc/admin-client";
    }

    private String name(Actor actor, UUID application) {
        registrations.find(actor, application).orElseThrow(() -> new NotFoundException("client"));
        return signOns.application(application).map(SignOns.Application::name).orElseThrow(() -> new NotFoundException("application"));
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("application");
        }
    }
}
