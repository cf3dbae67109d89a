package io.gatehouse.staff;

import io.gatehouse.access.Actor;
import io.gatehouse.access.StaffRole;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.InvalidInputException.FieldError;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.PasswordGenerator;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The vendor admin's Staff page: who works for the vendor, in which role; adding, changing and removing them. */
@PortalPage
class StaffPages {

    private final StaffMembers staff;
    private final PasswordGenerator passwords;
    private final MessageSource messages;

    StaffPages(StaffMembers staff, PasswordGenerator passwords, MessageSource messages) {
        this.staff = staff;
        this.passwords = passwords;
        this.messages = messages;
    }

    record RoleForm(String role) {
    }

    /** Shown once after adding someone: who, in which role, and the password when it was generated. */
    record Added(String name, StaffRole role, String password) implements Serializable {
    }

    /** Shown once after a role change or a removal. */
    record Done(String message, String name, StaffRole role) implements Serializable {
    }

    @GetMapping("/admin/staff")
    String list(Actor actor, Model model) {
        return page(actor, StaffForm.EMPTY, Map.of(), model);
    }

    @PostMapping("/admin/staff")
    String add(Actor actor, StaffForm form, Locale locale, Model model, RedirectAttributes redirect) {
        String password = form.generate() ? passwords.generate(form.email()) : form.password();
        StaffView added;
        try {
            added = staff.appoint(actor, new StaffMembers.NewStaff(form.firstName(), form.lastName(), form.email(), password,
                    form.roleValue()));
        } catch (InvalidInputException | ConflictException e) {
            return page(actor, form.withoutPassword(), errors(e, locale), model);
        }
        redirect.addFlashAttribute("added", new Added(added.name(), added.role(), form.generate() ? password : null));
        return "redirect:/admin/staff";
    }

    @PostMapping("/admin/staff/{userId}/role")
    String changeRole(Actor actor, @PathVariable String userId, RoleForm form, RedirectAttributes redirect) {
        StaffRole role = StaffForm.role(form.role());
        if (role == null) {
            // Only a hand-made request sends no role: nothing to change.
            return "redirect:/admin/staff";
        }
        StaffView changed = staff.changeRole(actor, UserId.parse(userId), role);
        redirect.addFlashAttribute("done", new Done("staff.roleChanged", changed.name(), changed.role()));
        return "redirect:/admin/staff";
    }

    /** Removing asks first, naming the person and their role; a removal the policy refuses says why at once. */
    @PostMapping("/admin/staff/{userId}/remove")
    String remove(Actor actor, @PathVariable String userId,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        UserId user = UserId.parse(userId);
        StaffView removed = staff.get(actor, user);
        boolean allowed = staff.overview(actor).stream()
                .anyMatch(listed -> listed.member().id().equals(removed.id()) && listed.removal().allowed());
        if (allowed && !Confirmation.given(confirmed)) {
            model.addAttribute("confirmation", new Confirmation(text(locale, "staff.removeConfirm.title", removed.name()),
                    text(locale, "staff.removeConfirm", removed.name(), text(locale, "staff.role." + removed.role())),
                    "/admin/staff/" + removed.id() + "/remove", List.of(), text(locale, "staff.removeConfirm.yes"), "/admin/staff",
                    List.of(new Confirmation.Field(text(locale, "staff.title"), "/admin/staff"))));
            return "confirm";
        }
        staff.remove(actor, user);
        redirect.addFlashAttribute("done", new Done("staff.removed", removed.name(), removed.role()));
        return "redirect:/admin/staff";
    }

    private String page(Actor actor, StaffForm form, Map<String, List<String>> errors, Model model) {
        model.addAttribute("members", staff.overview(actor));
        model.addAttribute("roles", StaffRole.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "admin/staff";
    }

    private String text(Locale locale, String code, Object... arguments) {
        return messages.getMessage(code, arguments, code, locale);
    }

    /** Each message next to the field it concerns; the form has no login field, so a taken login is the email's. */
    private Map<String, List<String>> errors(RuntimeException e, Locale locale) {
        List<FieldError> fieldErrors = new ArrayList<>();
        if (e instanceof ConflictException conflict) {
            fieldErrors.add(new FieldError(conflict.field(), conflict.messageCode()));
        } else if (e instanceof InvalidInputException invalid) {
            fieldErrors.addAll(invalid.errors());
        }
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (FieldError error : fieldErrors) {
            String field = "login".equals(error.field()) ? "email" : error.field();
            Object[] arguments = error.arguments().isEmpty() ? null : error.arguments().toArray();
            byField.computeIfAbsent(field, f -> new ArrayList<>())
                    .add(messages.getMessage(error.messageCode(), arguments, error.messageCode(), locale));
        }
        return byField;
    }
}
