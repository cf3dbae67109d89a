package io.gatehouse.user;

import io.gatehouse.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Forgot password?" on the sign-in page, and the page its emailed link opens. */
@Controller
class PasswordResetPages {

    private final PasswordResets resets;
    private final MessageSource messages;

    PasswordResetPages(PasswordResets resets, MessageSource messages) {
        this.resets = resets;
        this.messages = messages;
    }

    @GetMapping("/password/forgot")
    String forgot(Model model) {
        model.addAttribute("sent", false);
        return "password/forgot";
    }

    /** The same answer whoever asks: the page never tells whether an address has an account. */
    @PostMapping("/password/forgot")
    String request(@RequestParam(required = false) String email, Model model) {
        resets.request(email == null ? null : email.strip());
        model.addAttribute("sent", true);
        return "password/forgot";
    }

    @GetMapping("/password/reset")
    String open(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        Optional<String> email = resets.open(token);
        if (email.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        model.addAttribute("email", email.orElse(null));
        model.addAttribute("token", token);
        return "password/reset";
    }

    @PostMapping("/password/reset")
    String reset(@RequestParam(required = false) String token, @RequestParam(required = false) String password, Locale locale,
            Model model, HttpServletResponse response) {
        Optional<String> email = resets.open(token);
        if (email.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("email", null);
            return "password/reset";
        }
        try {
            resets.reset(token, password == null ? "" : password);
            return "redirect:/signin?passwordReset";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("email", email.get());
            model.addAttribute("token", token);
            model.addAttribute("error", e.errors().stream()
                    .map(error -> messages.getMessage(error.messageCode(),
                            error.arguments().isEmpty() ? null : error.arguments().toArray(), error.messageCode(), locale))
                    .collect(Collectors.joining(" ")));
            return "password/reset";
        }
    }
}
