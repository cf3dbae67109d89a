package io.gatehouse.user;

import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a new address's confirmation link opens. Opening it changes nothing (mail scanners
 * follow links); the button does. No sign-in needed: the link itself proves the address.
 */
@Controller
class EmailConfirmationPages {

    private final EmailConfirmations confirmations;

    EmailConfirmationPages(EmailConfirmations confirmations) {
        this.confirmations = confirmations;
    }

    @GetMapping(EmailChanges.CONFIRM_PATH)
    String open(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        Optional<EmailConfirmations.PendingChange> change = confirmations.open(token);
        if (change.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        model.addAttribute("change", change.orElse(null));
        model.addAttribute("token", token);
        return "account/email-confirm";
    }

    @PostMapping(EmailChanges.CONFIRM_PATH)
    String confirm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        try {
            AccountView account = confirmations.confirm(token);
            model.addAttribute("confirmed", account.email());
            return "account/email-confirm";
        } catch (NotFoundException e) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        } catch (ForbiddenException e) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("refused", e.reasonCode());
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("refused", e.messageCode());
        }
        model.addAttribute("change", null);
        return "account/email-confirm";
    }
}
