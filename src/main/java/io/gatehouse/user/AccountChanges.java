package io.gatehouse.user;

/** A partial change to an account; a null field stays as it is. */
public record AccountChanges(String firstName, String lastName, String email, String position, Boolean disabled,
        Language language, DateFormat dateFormat, String timeZone) {

    /** The same change, leaving the email as it is. */
    public AccountChanges withoutEmail() {
        return new AccountChanges(firstName, lastName, null, position, disabled, language, dateFormat, timeZone);
    }

    public boolean touchesIdentity() {
        return firstName != null || lastName != null || email != null || position != null;
    }
}
