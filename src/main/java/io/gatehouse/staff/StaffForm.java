package io.gatehouse.staff;

import io.gatehouse.access.StaffRole;
import java.util.Locale;

/** What the "Add staff member" form sends. */
record StaffForm(String firstName, String lastName, String email, String password, String generatePassword, String role) {

    static final StaffForm EMPTY = new StaffForm("", "", "", "", null, StaffRole.VENDOR_SUPPORT.name());

    StaffForm {
        firstName = firstName == null ? "" : firstName.strip();
        lastName = lastName == null ? "" : lastName.strip();
        email = email == null ? "" : email.strip();
        password = password == null ? "" : password;
    }

    public boolean generate() {
        return "true".equalsIgnoreCase(generatePassword) || "on".equalsIgnoreCase(generatePassword);
    }

    public StaffRole roleValue() {
        return role(role);
    }

    /** A role as a form sends it; anything else is no role, which the service reports as required. */
    static StaffRole role(String text) {
        try {
            return text == null || text.isBlank() ? null : StaffRole.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The form as it is shown again after an error: never with the password typed. */
    StaffForm withoutPassword() {
        return new StaffForm(firstName, lastName, email, "", generatePassword, role);
    }
}
