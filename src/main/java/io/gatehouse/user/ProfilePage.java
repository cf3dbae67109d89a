package io.gatehouse.user;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.PortalPage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "User profile": a person's own name, position and preferences, and their password. */
@PortalPage
class ProfilePage {

    /** Zones offered in the list; a person's own zone is added when it is not one of them. */
    static final List<String> COMMON_ZONES = List.of("UTC",
            "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Brussels", "Europe/Amsterdam",
            "Europe/Berlin", "Europe/Zurich", "Europe/Madrid", "Europe/Rome", "Europe/Vienna", "Europe/Stockholm",
            "Europe/Oslo", "Europe/Copenhagen", "Europe/Warsaw", "Europe/Prague", "Europe/Athens", "Europe/Helsinki",
            "Europe/Istanbul", "Europe/Moscow", "Africa/Casablanca", "Africa/Lagos", "Africa/Cairo", "Africa/Johannesburg",
            "Africa/Nairobi", "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Bangkok", "Asia/Singapore",
            "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Seoul", "Asia/Tokyo", "Australia/Perth", "Australia/Adelaide",
            "Australia/Darwin", "Australia/Brisbane", "Australia/Sydney", "Australia/Melbourne", "Australia/Hobart",
            "Pacific/Auckland", "America/St_Johns", "America/Halifax", "America/Sao_Paulo",
            "America/Argentina/Buenos_Aires", "America/Santiago", "America/Bogota", "America/Lima", "America/New_York",
            "America/Toronto", "America/Chicago", "America/Mexico_City", "America/Denver", "America/Phoenix",
            "America/Los_Angeles", "America/Vancouver", "America/Anchorage", "Pacific/Honolulu");

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final Accounts accounts;
    private final MessageSource messages;
    private final Clock clock;

    private final AccountPasswords passwords;

    ProfilePage(Accounts accounts, AccountPasswords passwords, MessageSource messages, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.messages = messages;
        this.clock = clock;
    }

    record ProfileForm(
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.size.max}") String firstName,
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.size.max}") String lastName,
            @Size(max = 200, message = "{validation.size.max}") String position,
            String language,
            String dateFormat,
            String timeZone) {

        static ProfileForm of(AccountView account) {
            return new ProfileForm(account.firstName(), account.lastName(), account.position() == null ? "" : account.position(),
                    account.language().code(), account.dateFormat().pattern(), account.timeZone());
        }
    }

    /**
     * Passwords are never sent back to the page, so this record is only read. An unticked box sends
     * nothing: {@code apiTokensChoice} says the form offered it, so only then does its absence keep the tokens.
     */
    record PasswordForm(String currentPassword, String newPassword, String confirmPassword, String revokeApiTokens,
            String apiTokensChoice) {

        boolean revokesApiTokens() {
            return !"offered".equals(apiTokensChoice) || "true".equals(revokeApiTokens);
        }
    }

    record Choice(String value, String label) {
    }

    @GetMapping("/profile")
    String profile(Actor actor, Model model) {
        AccountView me = accounts.find(actor.userId());
        return page(me, ProfileForm.of(me), Map.of(), Map.of(), model);
    }

    @PostMapping("/profile")
    String save(Actor actor, @Valid ProfileForm form, BindingResult binding, Locale locale, Model model,
            RedirectAttributes redirect) {
        AccountView me = accounts.find(actor.userId());
        Map<String, List<String>> errors = errors(binding);
        Language language = parse(form.language(), Language::of, "language", errors, locale);
        DateFormat dateFormat = parse(form.dateFormat(), DateFormat::of, "dateFormat", errors, locale);
        if (!errors.isEmpty()) {
            return page(me, form, errors, Map.of(), model);
        }
        try {
            accounts.updateOwn(actor, new AccountChanges(form.firstName(), form.lastName(), null,
                    form.position() == null ? "" : form.position(), null, language, dateFormat, form.timeZone()));
        } catch (InvalidInputException | ConflictException e) {
            return page(me, form, errors(e, locale), Map.of(), model);
        }
        redirect.addFlashAttribute("flash", "profile.saved");
        return "redirect:/profile";
    }

    /** A new address for oneself: it becomes the account's once a link sent to it is opened and confirmed. */
    @PostMapping("/profile/email")
    String changeEmail(Actor actor, @RequestParam(required = false) String email, Locale locale, Model model) {
        AccountView me = accounts.find(actor.userId());
        String typed = email == null ? "" : email.strip();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (typed.isEmpty()) {
            add(errors, "email", message("validation.required", locale));
        } else if (typed.length() > 254 || !EMAIL.matcher(typed).matches()) {
            add(errors, "email", message("validation.email", locale));
        }
        if (errors.isEmpty()) {
            try {
                // The page says where the link went for as long as the change waits for it.
                accounts.updateOwn(actor, new AccountChanges(null, null, typed, null, null, null, null, null));
                return "redirect:/profile";
            } catch (InvalidInputException | ConflictException e) {
                errors = errors(e, locale);
            } catch (ForbiddenException e) {
                add(errors, "email", message(e.reasonCode(), locale));
            }
        }
        model.addAttribute("emailErrors", errors);
        model.addAttribute("newEmail", typed);
        return page(me, ProfileForm.of(me), Map.of(), Map.of(), model);
    }

    @PostMapping("/profile/password")
    String changePassword(Actor actor, PasswordForm form, Locale locale, Model model, RedirectAttributes redirect) {
        AccountView me = accounts.find(actor.userId());
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (form.currentPassword() == null || form.currentPassword().isEmpty()) {
            add(errors, "currentPassword", message("validation.required", locale));
        }
        if (form.newPassword() == null || form.newPassword().isEmpty()) {
            add(errors, "newPassword", message("validation.required", locale));
        } else if (!form.newPassword().equals(form.confirmPassword())) {
            add(errors, "confirmPassword", message("profile.password.mismatch", locale));
        }
        if (errors.isEmpty()) {
            try {
                passwords.changeOwn(actor, form.currentPassword(), form.newPassword(), form.revokesApiTokens());
            } catch (InvalidInputException | ConflictException e) {
                errors = errors(e, locale);
            }
        }
        if (!errors.isEmpty()) {
            // The choice stays as the person left it; the passwords are typed again.
            model.addAttribute("revokeApiTokens", form.revokesApiTokens());
            return page(me, ProfileForm.of(me), Map.of(), errors, model);
        }
        redirect.addFlashAttribute("flash", "profile.password.changed");
        // Said beside what was saved: what the change did to the person's other ways in.
        redirect.addFlashAttribute("passwordEffect", form.revokesApiTokens() ? "sessions.passwordChanged.tokensRevoked"
                : "sessions.passwordChanged.tokensKept");
        return "redirect:/profile";
    }

    private String page(AccountView me, ProfileForm form, Map<String, List<String>> profileErrors,
            Map<String, List<String>> passwordErrors, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("pendingEmail", accounts.pendingEmail(me.id()).orElse(null));
        model.addAttribute("form", form);
        model.addAttribute("errors", profileErrors);
        model.addAttribute("passwordErrors", passwordErrors);
        if (!model.containsAttribute("emailErrors")) {
            model.addAttribute("emailErrors", Map.of());
        }
        model.addAttribute("languages", List.of(new Choice("en", "English"), new Choice("fr", "Français"),
                new Choice("es", "Español"), new Choice("ja", "日本語")));
        LocalDate today = LocalDate.now(clock);
        List<Choice> formats = new ArrayList<>();
        for (DateFormat format : DateFormat.values()) {
            formats.add(new Choice(format.pattern(),
                    format.pattern() + " (" + DateTimeFormatter.ofPattern(format.pattern()).format(today) + ")"));
        }
        model.addAttribute("dateFormats", formats);
        model.addAttribute("zones", zones(form.timeZone()));
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        return "profile";
    }

    /** Common zones with their offset today, plus the person's own zone if it is not among them. */
    private List<Choice> zones(String own) {
        List<String> ids = new ArrayList<>(COMMON_ZONES);
        if (own != null && !own.isBlank() && !ids.contains(own.strip())) {
            ids.add(0, own.strip());
        }
        Instant now = clock.instant();
        List<Choice> zones = new ArrayList<>();
        for (String id : ids) {
            String label = id;
            try {
                String offset = ZoneId.of(id).getRules().getOffset(now).getId();
                label = "UTC".equals(id) ? id : id.replace('_', ' ') + " (UTC" + ("Z".equals(offset) ? "" : offset) + ")";
            } catch (DateTimeException e) {
                // a zone typed in by hand and refused stays listed as typed, next to its error
            }
            zones.add(new Choice(id, label));
        }
        return zones;
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private <T> T parse(String text, Parser<T> parser, String field, Map<String, List<String>> errors, Locale locale) {
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            add(errors, field, message("validation.invalid", locale));
            return null;
        }
    }

    // ---- messages next to the fields they concern

    private static Map<String, List<String>> errors(BindingResult binding) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(e -> add(errors, e.getField(), e.getDefaultMessage()));
        return errors;
    }

    private Map<String, List<String>> errors(RuntimeException e, Locale locale) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (e instanceof ConflictException conflict) {
            add(errors, conflict.field(), message(conflict.messageCode(), locale));
        } else if (e instanceof InvalidInputException invalid) {
            invalid.errors().forEach(error -> add(errors, error.field(),
                    messages.getMessage(error.messageCode(), error.arguments().toArray(), locale)));
        }
        return errors;
    }

    private String message(String code, Locale locale) {
        return messages.getMessage(code, null, locale);
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }
}
