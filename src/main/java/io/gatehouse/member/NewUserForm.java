package io.gatehouse.member;

import io.gatehouse.access.Role;
import io.gatehouse.shared.InvalidInputException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the "Create new user" form sends; the note goes with a request to the vendor. */
record NewUserForm(String firstName, String lastName, String email, String login, String position, String password,
        String generatePassword, String role, List<String> rights, List<String> sites, String note) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    static final NewUserForm EMPTY = new NewUserForm("", "", "", "", "", "", null, Role.USER.name(), List.of(), List.of(), "");

    NewUserForm {
        firstName = strip(firstName);
        lastName = strip(lastName);
        email = strip(email);
        login = strip(login);
        position = strip(position);
        password = password == null ? "" : password;
        rights = rights == null ? List.of() : rights.stream().filter(r -> r != null && !r.isBlank()).distinct().toList();
        sites = sites == null ? List.of() : sites.stream().filter(s -> s != null && !s.isBlank()).distinct().toList();
        note = strip(note);
    }

    public boolean generate() {
        return "true".equalsIgnoreCase(generatePassword) || "on".equalsIgnoreCase(generatePassword);
    }

    public Role roleValue() {
        try {
            return role == null ? null : Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean ticked(String right) {
        return rights.contains(right);
    }

    public boolean reaches(String siteId) {
        return sites.contains(siteId);
    }

    /** The form as it is re-shown after an error: never with the password typed. */
    NewUserForm withoutPassword() {
        return new NewUserForm(firstName, lastName, email, login, position, "", generatePassword, role, rights, sites, note);
    }

    /** Field rules checked before anything is stored; the services check the rest (password policy, conflicts, policy). */
    List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        required("firstName", firstName, 100, errors);
        required("lastName", lastName, 100, errors);
        if (required("email", email, 254, errors) && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "validation.email"));
        }
        maxLength("login", login, 254, errors);
        maxLength("position", position, 200, errors);
        if (!generate() && password.isEmpty()) {
            errors.add(new FieldError("password", "validation.required"));
        }
        if (roleValue() == null) {
            errors.add(new FieldError("role", "members.validation.role"));
        }
        return errors;
    }

    /** The rules of "Send request": no login and no password, the vendor creates the account; a note is optional. */
    List<FieldError> requestErrors() {
        List<FieldError> errors = new ArrayList<>();
        required("firstName", firstName, 100, errors);
        required("lastName", lastName, 100, errors);
        if (required("email", email, 254, errors) && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "validation.email"));
        }
        maxLength("position", position, 200, errors);
        maxLength("note", note, 2000, errors);
        if (roleValue() == null) {
            errors.add(new FieldError("role", "members.validation.role"));
        }
        return errors;
    }

    private static boolean required(String field, String value, int max, List<FieldError> errors) {
        if (value.isEmpty()) {
            errors.add(new FieldError(field, "validation.required"));
            return false;
        }
        return maxLength(field, value, max, errors);
    }

    private static boolean maxLength(String field, String value, int max, List<FieldError> errors) {
        if (value.length() > max) {
            errors.add(new FieldError(field, "members.validation.tooLong", List.of(max)));
            return false;
        }
        return true;
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
