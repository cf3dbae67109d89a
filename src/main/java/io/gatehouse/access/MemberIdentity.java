package io.gatehouse.access;

import java.util.Locale;

/** The account fields a member search looks at, copied onto each membership in lower case. */
public record MemberIdentity(String firstName, String lastName, String email, String login) {

    public MemberIdentity {
        firstName = key(firstName);
        lastName = key(lastName);
        email = key(email);
        login = key(login);
    }

    private static String key(String value) {
        if (value == null) {
            throw new IllegalArgumentException("identity fields are required");
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
