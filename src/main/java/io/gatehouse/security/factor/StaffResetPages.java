package io.gatehouse.security.factor;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.UserId;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.PortalPage;
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
 * "Reset second factors" from the Staff page, for a staff member who lost theirs: the vendor admin
 * asks first, with the person and the effect named, never for their own account.
 */
@PortalPage
@RequestMapping("/admin/staff/{userId}/second-factors/reset")
class StaffResetPages {

    private final SecondFactors factors;
    private final MessageSource messages;

    StaffResetPages(SecondFactors factors, MessageSource messages) {
        this.factors = factors;
        this.messages = messages;
    }

    @GetMapping
    String ask(Actor actor, @PathVariable String userId, Locale locale, Model model) {
        return confirm(actor, userId, locale, model);
    }

    @PostMapping
    String reset(Actor actor, @PathVariable String userId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        if (!Confirmation.given(confirmed)) {
            return confirm(actor, userId, locale, model);
        }
        SecondFactors.ResetTarget done = factors.resetStaff(actor, UserId.parse(userId));
        redirect.addFlashAttribute("flash", messages.getMessage("factors.reset.done", new Object[] {done.name()}, locale));
        return "redirect:/admin/staff";
    }

    private String confirm(Actor actor, String userId, Locale locale, Model model) {
        SecondFactors.ResetTarget target = factors.staffResetTarget(actor, UserId.parse(userId));
        target.decision().orThrow();
        model.addAttribute("confirmation", new Confirmation(
                messages.getMessage("factors.reset.confirm.title", new Object[] {target.name()}, locale),
                messages.getMessage("factors.reset.confirm.question", new Object[] {target.name()}, locale),
                "/admin/staff/" + target.user() + "/second-factors/reset", List.of(), messages.getMessage("factors.reset", null, locale),
                "/admin/staff",
                List.of(new Confirmation.Field(messages.getMessage("staff.title", null, locale), "/admin/staff"),
                        new Confirmation.Field(target.name(), "/admin/staff"))));
        return "confirm";
    }
}
