package io.gatehouse.member;

import io.gatehouse.access.Role;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.InvalidInputException.FieldError;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.DateFormat;
import io.gatehouse.user.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** What the forms of a person's page send, bound from request parameters. */
final class MemberDetailForms {

    private MemberDetailForms() {
    }

    /** "Properties & Preferences" in edit mode. */
    record PropertiesForm(String firstName, String lastName, String email, String position, String language, String dateFormat) {

        private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

        static PropertiesForm of(AccountView account) {
            return new PropertiesForm(account.firstName(), account.lastName(), account.email(),
                    account.position() == null ? "" : account.position(), account.language().code(),
                    account.dateFormat().pattern());
        }

        /** The same limits as the account API; every problem at once, so the form shows them all. */
        AccountChanges changes() {
            List<FieldError> errors = new ArrayList<>();
            required(errors, "firstName", firstName, 100);
            required(errors, "lastName", lastName, 100);
            required(errors, "email", email, 254);
            if (!blank(email) && !EMAIL.matcher(email.strip()).matches()) {
                errors.add(new FieldError("email", "validation.email"));
            }
            if (position != null && position.strip().length() > 200) {
                errors.add(new FieldError("position", "memberDetail.validation.tooLong", List.of(200)));
            }
            Language chosenLanguage = choice(errors, "language", () -> Language.of(language));
            DateFormat chosenFormat = choice(errors, "dateFormat", () -> DateFormat.of(dateFormat));
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            return new AccountChanges(firstName.strip(), lastName.strip(), email.strip(), position == null ? "" : position.strip(),
                    null, chosenLanguage, chosenFormat, null);
        }

        private static void required(List<FieldError> errors, String field, String value, int max) {
            if (blank(value)) {
                errors.add(new FieldError(field, "validation.required"));
            } else if (value.strip().length() > max) {
                errors.add(new FieldError(field, "memberDetail.validation.tooLong", List.of(max)));
            }
        }

        private static <T> T choice(List<FieldError> errors, String field, java.util.function.Supplier<T> parse) {
            try {
                return parse.get();
            } catch (RuntimeException e) {
                errors.add(new FieldError(field, "validation.invalid"));
                return null;
            }
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    /** The "Disabled" box: an unticked box sends nothing. */
    record DisabledForm(Boolean disabled) {

        boolean ticked() {
            return Boolean.TRUE.equals(disabled);
        }
    }

    /**
     * The access rights of this organization: the whole set from the Save button, or, when one box
     * saves itself, the box that changed ({@code changed}) with its state read from the set.
     */
    record RightsForm(List<String> rights, String changed) {

        RightsForm {
            rights = rights == null ? List.of() : List.copyOf(rights);
            changed = changed == null || changed.isBlank() ? null : changed;
        }
    }

    record RoleForm(String role) {

        Role parsed() {
            return MemberDetailForms.role(role);
        }
    }

    record SitesForm(List<String> sites) {

        SitesForm {
            sites = sites == null ? List.of() : List.copyOf(sites);
        }
    }

    /** "Add": another organization, with a role. */
    record JoinForm(String organizationId, String role) {

        Role parsed() {
            return MemberDetailForms.role(role);
        }
    }

    /** "Remove from": the organizations ticked. */
    record RemoveForm(List<String> organizations) {

        RemoveForm {
            organizations = organizations == null ? List.of() : List.copyOf(organizations);
        }
    }

    private static Role role(String role) {
        try {
            return Role.valueOf(role == null ? "" : role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("role", "validation.invalid");
        }
    }

    /** Messages next to the fields they concern, already in the reader's language, plus one for the whole form. */
    public record FieldMessages(Map<String, List<String>> fields, String general) {

        static FieldMessages none() {
            return new FieldMessages(Map.of(), null);
        }

        static FieldMessages general(String message) {
            return new FieldMessages(Map.of(), message);
        }

        static FieldMessages of(List<FieldError> errors, java.util.function.Function<FieldError, String> text) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (FieldError error : errors) {
                fields.computeIfAbsent(error.field(), f -> new ArrayList<>()).add(text.apply(error));
            }
            return new FieldMessages(fields, null);
        }

        public boolean has(String field) {
            return fields.containsKey(field);
        }

        public List<String> of(String field) {
            return fields.getOrDefault(field, List.of());
        }

        public boolean any() {
            return !fields.isEmpty() || general != null;
        }
    }
}
