package io.gatehouse.invitation;

import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.InvalidInputException.FieldError;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

/** The page an invitation link opens: the person chooses their name, password and language, and accepts the terms of use. */
@Controller
class RegistrationPages {

    /** What the registration form posts; the password is never sent back to the page. */
    record RegistrationForm(String token, String firstName, String lastName, String password, String language, String terms) {

        RegistrationForm {
            firstName = firstName == null ? "" : firstName;
            lastName = lastName == null ? "" : lastName;
            password = password == null ? "" : password;
        }

        public Language languageValue() {
            try {
                return language == null || language.isBlank() ? null : Language.of(language);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        public boolean accepted() {
            return "true".equals(terms) || "on".equals(terms);
        }
    }

    private final Invitations invitations;
    private final MessageSource messages;
    private final LocaleResolver localeResolver;

    RegistrationPages(Invitations invitations, MessageSource messages, LocaleResolver localeResolver) {
        this.localeResolver = localeResolver;
        this.invitations = invitations;
        this.messages = messages;
    }

    @GetMapping("/invitations/accept")
    String open(@RequestParam(required = false) String token, Locale locale, Model model, HttpServletResponse response) {
        Optional<Invitations.Opened> opened = invitations.open(token);
        if (opened.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "invitations/link-invalid";
        }
        Language language = shown(locale).orElse(opened.get().language());
        return form(model, opened.get(), new RegistrationForm(token, opened.get().firstName(), opened.get().lastName(), "", language.code(), null), Map.of());
    }

    @PostMapping("/invitations/accept")
    String register(@ModelAttribute RegistrationForm form, Locale locale, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<Invitations.Opened> opened = invitations.open(form.token());
        if (opened.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "invitations/link-invalid";
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        try {
            invitations.register(form.token(), new Accounts.Registration(form.firstName(), form.lastName(), form.password(),
                    form.languageValue(), form.accepted()));
            // The sign-in page that follows speaks the language just chosen, not the browser's.
            if (form.languageValue() != null) {
                localeResolver.setLocale(request, response, form.languageValue().locale());
            }
            return "redirect:/signin?registered";
        } catch (InvalidInputException e) {
            for (FieldError error : e.errors()) {
                Object[] arguments = error.arguments().isEmpty() ? null : error.arguments().toArray();
                errors.computeIfAbsent(error.field(), f -> new ArrayList<>())
                        .add(messages.getMessage(error.messageCode(), arguments, error.messageCode(), locale));
            }
        } catch (ConflictException | NotFoundException e) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "invitations/link-invalid";
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return form(model, opened.get(), new RegistrationForm(form.token(), form.firstName(), form.lastName(), "",
                form.language(), form.terms()), errors);
    }

    private String form(Model model, Invitations.Opened opened, RegistrationForm form, Map<String, List<String>> errors) {
        model.addAttribute("opened", opened);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("languages", Language.values());
        return "invitations/register";
    }

    /** The language the page is shown in, when it is one of the portal's. */
    private static Optional<Language> shown(Locale locale) {
        try {
            return Optional.of(Language.of(locale.getLanguage()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
