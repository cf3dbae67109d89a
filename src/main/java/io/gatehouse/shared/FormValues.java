package io.gatehouse.shared;

import java.util.Locale;

/** Reading what a form or a query string sends: an empty field is no value, an unknown choice is none. */
public final class FormValues {

    private FormValues() {
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The constant named by {@code value} in any letter case, or null when there is none. */
    public static <E extends Enum<E>> E choice(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
