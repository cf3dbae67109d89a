package io.gatehouse.security.factor;

import io.gatehouse.security.SecondStepGate;
import io.gatehouse.security.SecondStepThrottle;
import io.gatehouse.security.SignInFactors;
import io.gatehouse.shared.UserId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second sign-in step, after the password: a code from the authenticator app, a recovery
 * code, or a passkey (driven by the passkeys' own script). Every attempt counts against the
 * account's second-step throttle first; a wrong or replayed code stays counted.
 */
@Controller
class SecondStepPages {

    private final SecondFactors factors;
    private final SecondStepThrottle throttle;

    SecondStepPages(SecondFactors factors, SecondStepThrottle throttle) {
        this.factors = factors;
        this.throttle = throttle;
    }

    @GetMapping(SecondStepGate.SECOND_STEP)
    String ask(@RequestParam(required = false) String recovery, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        SecondFactors.Status status = factors.status(account());
        if (!status.holdsAny()) {
            return status.mustEnrol() ? "redirect:" + SecondStepGate.ENROLMENT : "redirect:" + Continuation.take(request, response);
        }
        return page(status, recovery != null || status.of("totp") == 0 && status.of("passkey") == 0, null, model);
    }

    @PostMapping(SecondStepGate.SECOND_STEP)
    String authenticator(@RequestParam(required = false) String code, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        return attempt(code, false, request, response, model);
    }

    @PostMapping(SecondStepGate.SECOND_STEP + "/recovery")
    String recovery(@RequestParam(required = false) String code, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        return attempt(code, true, request, response, model);
    }

    private String attempt(String code, boolean recovery, HttpServletRequest request, HttpServletResponse response, Model model) {
        UserId account = account();
        SecondFactors.Status status = factors.status(account);
        if (!status.holdsAny()) {
            return "redirect:" + SecondStepGate.SECOND_STEP;
        }
        SecondStepThrottle.Attempt attempt = throttle.admit(account, request);
        if (attempt.refused()) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(attempt.retryAfterSeconds()));
            model.addAttribute("waitSeconds", attempt.retryAfterSeconds());
            return page(status, recovery, "factors.secondStep.throttled", model);
        }
        boolean right = recovery ? factors.useRecoveryCode(account, code) : factors.verifyAuthenticator(account, code);
        if (!right) {
            response.setStatus(400);
            return page(factors.status(account), recovery, recovery ? "factors.secondStep.wrongRecoveryCode" : "factors.code.wrong", model);
        }
        throttle.succeeded(attempt);
        SignInFactors.proved(recovery ? SignInFactors.RECOVERY_CODE : SignInFactors.TOTP, request, response);
        return "redirect:" + Continuation.take(request, response);
    }

    private static String page(SecondFactors.Status status, boolean recovery, String error, Model model) {
        model.addAttribute("hasAuthenticator", status.of("totp") > 0);
        model.addAttribute("hasPasskeys", status.of("passkey") > 0);
        model.addAttribute("recoveryCodes", status.recoveryCodes());
        model.addAttribute("recovery", recovery);
        model.addAttribute("error", error);
        return "factors/second-step";
    }

    private static UserId account() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return UserId.parse(authentication.getName());
    }
}
