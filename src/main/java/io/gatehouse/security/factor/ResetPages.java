package io.gatehouse.security.factor;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.shared.UserId;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Reset second factors" from a member's page: asks first, naming the person and the effect, then
 * removes their authenticator app, passkeys and recovery codes.
 */
@PortalPage
@RequestMapping("/organizations/{orgId}/users/{userId}/second-factors/reset")
class ResetPages {

    private final SecondFactors factors;
    private final MessageSource messages;

    ResetPages(SecondFactors factors, MessageSource messages) {
        this.factors = factors;
        this.messages = messages;
    }

    @GetMapping
    String ask(Actor actor, @PathVariable String orgId, @PathVariable String userId, Locale locale, Model model) {
        return confirm(actor, orgId, userId, locale, model);
    }

    @PostMapping
    String reset(Actor actor, @PathVariable String orgId, @PathVariable String userId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        if (!Confirmation.given(confirmed)) {
            return confirm(actor, orgId, userId, locale, model);
        }
        SecondFactors.ResetTarget done = factors.reset(actor, OrganizationId.parse(orgId), UserId.parse(userId));
        redirect.addFlashAttribute("flash", messages.getMessage("factors.reset.done", new Object[] {done.name()}, locale));
        return "redirect:" + member(orgId, userId);
    }

    private String confirm(Actor actor, String orgId, String userId, Locale locale, Model model) {
        SecondFactors.ResetTarget target = factors.resetTarget(actor, OrganizationId.parse(orgId), UserId.parse(userId));
        target.decision().orThrow();
        String here = member(orgId, userId);
        model.addAttribute("confirmation", new Confirmation(
                messages.getMessage("factors.reset.confirm.title", new Object[] {target.name()}, locale),
                messages.getMessage("factors.reset.confirm.question", new Object[] {target.name()}, locale),
                here + "/second-factors/reset", List.of(), messages.getMessage("factors.reset", null, locale), here,
                List.of(new Confirmation.Field(messages.getMessage("nav.users", null, locale), "/organizations/" + orgId + "/users"),
                        new Confirmation.Field(target.name(), here))));
        return "confirm";
    }

    private static String member(String orgId, String userId) {
        return "/organizations/" + OrganizationId.parse(orgId) + "/users/" + UserId.parse(userId);
    }
}
