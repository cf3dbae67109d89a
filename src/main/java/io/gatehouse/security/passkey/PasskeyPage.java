package io.gatehouse.security.passkey;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.PortalPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Passkeys" in User profile: the person's own passkeys, named, renamed and removed; a new one is
 * made by the browser (the page's script) from the options of {@code POST /webauthn/register/options}
 * and sent here to be verified and kept.
 */
@PortalPage
class PasskeyPage {

    private static final JsonMapper JSON = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

    private final Passkeys passkeys;
    private final CreationOptionsInSession creationOptions;
    private final MessageSource messages;

    PasskeyPage(Passkeys passkeys, CreationOptionsInSession creationOptions, MessageSource messages) {
        this.passkeys = passkeys;
        this.creationOptions = creationOptions;
        this.messages = messages;
    }

    /** What the script sends: the browser's new credential and the name typed for it. */
    record Registration(RelyingPartyPublicKey publicKey) {
    }

    @GetMapping("/account/passkeys")
    String page(Actor actor, Model model) {
        return page(actor, null, null, List.of(), model);
    }

    /** Verifies and keeps the passkey the browser just made; the answer is JSON for the script. */
    @PostMapping(path = "/account/passkeys", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> register(Actor actor, @RequestBody String body, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        PublicKeyCredentialCreationOptions options = creationOptions.load(request);
        // The options serve one registration: a second try asks for new ones.
        creationOptions.save(request, response, null);
        RelyingPartyPublicKey key;
        try {
            Registration registration = JSON.readValue(body, Registration.class);
            key = registration == null ? null : registration.publicKey();
        } catch (RuntimeException e) {
            key = null;
        }
        try {
            Passkeys.PasskeyView added = passkeys.register(actor, options, key, key == null ? null : key.getLabel());
            return ResponseEntity.ok(Map.of("success", true, "id", added.id(), "name", added.name()));
        } catch (InvalidInputException e) {
            return ResponseEntity.badRequest().body(Map.of("success", false, "error", messages(e, locale).get(0)));
        }
    }

    @PostMapping("/account/passkeys/{id}/rename")
    String rename(Actor actor, @PathVariable String id, @RequestParam(required = false) String name, Locale locale, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        try {
            passkeys.rename(actor, id, name);
        } catch (InvalidInputException e) {
            response.setStatus(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(actor, id, name, messages(e, locale), model);
        }
        redirect.addFlashAttribute("flash", "passkeys.renamed");
        return "redirect:/account/passkeys";
    }

    @PostMapping("/account/passkeys/{id}/remove")
    String remove(Actor actor, @PathVariable String id, @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed,
            Locale locale, Model model, RedirectAttributes redirect) {
        Passkeys.PasskeyView passkey = passkeys.get(actor, id);
        if (!Confirmation.given(confirmed)) {
            String here = "/account/passkeys";
            model.addAttribute("confirmation", new Confirmation(
                    messages.getMessage("passkeys.remove.title", new Object[] {passkey.name()}, locale),
                    messages.getMessage("passkeys.remove.confirm", new Object[] {passkey.name()}, locale),
                    here + "/" + id + "/remove", List.of(), messages.getMessage("passkeys.remove.submit", null, locale), here,
                    List.of(new Confirmation.Field(messages.getMessage("nav.profile", null, locale), "/profile"),
                            new Confirmation.Field(messages.getMessage("passkeys.title", null, locale), here))));
            return "confirm";
        }
        passkeys.remove(actor, id);
        redirect.addFlashAttribute("flash", "passkeys.removed");
        return "redirect:/account/passkeys";
    }

    private String page(Actor actor, String renaming, String typed, List<String> errors, Model model) {
        model.addAttribute("passkeys", passkeys.list(actor.userId()));
        model.addAttribute("nameMax", Passkeys.NAME_MAX);
        model.addAttribute("renaming", renaming);
        model.addAttribute("typed", typed);
        model.addAttribute("errors", errors);
        return "account/passkeys";
    }

    private List<String> messages(InvalidInputException e, Locale locale) {
        List<String> texts = new ArrayList<>();
        e.errors().forEach(error -> texts.add(messages.getMessage(error.messageCode(), error.arguments().toArray(), locale)));
        return texts;
    }
}
