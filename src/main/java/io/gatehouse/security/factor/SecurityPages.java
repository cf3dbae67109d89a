package io.gatehouse.security.factor;

import io.gatehouse.access.Actor;
import io.gatehouse.security.SecondStepGate;
import io.gatehouse.security.SignInFactors;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.user.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Security" in User profile: the authenticator app (enrol with a QR code, confirm with a code,
 * remove), recovery codes (shown once, renewed on demand) and a line about passkeys.
 */
@PortalPage
class SecurityPages {

    private final SecondFactors factors;
    private final Accounts accounts;
    private final MessageSource messages;
    private final String issuer;

    SecurityPages(SecondFactors factors, Accounts accounts, MessageSource messages,
            @Value("${gatehouse.vendor.name:Gatehouse}") String issuer) {
        this.factors = factors;
        this.accounts = accounts;
        this.messages = messages;
        this.issuer = issuer == null || issuer.isBlank() ? "Gatehouse" : issuer.strip();
    }

    @GetMapping(SecondStepGate.ENROLMENT)
    String security(Actor actor, Model model) {
        return page(actor, null, List.of(), null, model);
    }

    @PostMapping(SecondStepGate.ENROLMENT + "/authenticator")
    String begin(Actor actor, Model model) {
        factors.beginAuthenticator(actor.userId());
        return page(actor, null, List.of(), null, model);
    }

    @PostMapping(SecondStepGate.ENROLMENT + "/authenticator/confirm")
    String confirm(Actor actor, @RequestParam(required = false) String code, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        List<String> codes;
        try {
            codes = factors.confirmAuthenticator(actor, code);
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return page(actor, "factors.code.wrong", List.of(), null, model);
        }
        // The code proved the app is in the person's hands: this sign-in has its second factor now.
        SignInFactors.proved(SignInFactors.TOTP, request, response);
        return page(actor, null, codes, "factors.authenticator.added", model);
    }

    @PostMapping(SecondStepGate.ENROLMENT + "/authenticator/remove")
    String remove(Actor actor, @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale,
            Model model) {
        if (!Confirmation.given(confirmed)) {
            return confirm(model, locale, "remove");
        }
        factors.removeAuthenticator(actor);
        return page(actor, null, List.of(), "factors.authenticator.removed", model);
    }

    @PostMapping(SecondStepGate.ENROLMENT + "/recovery-codes")
    String newRecoveryCodes(Actor actor, @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed,
            Locale locale, HttpServletResponse response, Model model) {
        if (!Confirmation.given(confirmed)) {
            return confirm(model, locale, "recovery");
        }
        try {
            return page(actor, null, factors.newRecoveryCodes(actor), null, model);
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return page(actor, "factors.recovery.needsFactor", List.of(), null, model);
        }
    }

    private String confirm(Model model, Locale locale, String what) {
        String action = what.equals("remove") ? SecondStepGate.ENROLMENT + "/authenticator/remove" : SecondStepGate.ENROLMENT + "/recovery-codes";
        model.addAttribute("confirmation", new Confirmation(text("factors." + what + ".confirm.title", locale),
                text("factors." + what + ".confirm.question", locale), action, List.of(), text("factors." + what + ".confirm.yes", locale),
                SecondStepGate.ENROLMENT,
                List.of(new Confirmation.Field(text("nav.profile", locale), "/profile"),
                        new Confirmation.Field(text("factors.title", locale), SecondStepGate.ENROLMENT))));
        return "confirm";
    }

    private String page(Actor actor, String error, List<String> newCodes, String flash, Model model) {
        SecondFactors.Status status = factors.status(actor.userId());
        model.addAttribute("status", status);
        model.addAttribute("hasAuthenticator", status.of("totp") > 0);
        model.addAttribute("passkeys", status.of("passkey"));
        model.addAttribute("requirement", status.requirement());
        model.addAttribute("mustEnrol", status.mustEnrol());
        model.addAttribute("requiredBy", String.join(", ", status.requirement().organizations()));
        String pending = status.of("totp") > 0 ? null : factors.pendingAuthenticator(actor.userId()).orElse(null);
        model.addAttribute("pendingSecret", pending == null ? null : grouped(pending));
        if (pending != null) {
            String uri = QrCodes.otpauth(issuer, accounts.find(actor.userId()).email(), pending);
            model.addAttribute("qrCode", QrCodes.svgDataUrl(uri));
            model.addAttribute("otpauth", uri);
        }
        model.addAttribute("newCodes", newCodes);
        model.addAttribute("error", error);
        model.addAttribute("flash", flash);
        return "factors/security";
    }

    /** Groups of four, as people copy it into an app by hand. */
    private static String grouped(String secret) {
        return String.join(" ", secret.split("(?<=\\G.{4})"));
    }

    private String text(String code, Locale locale) {
        return messages.getMessage(code, null, locale);
    }
}
