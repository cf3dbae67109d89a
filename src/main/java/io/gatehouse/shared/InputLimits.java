package io.gatehouse.shared;

import java.time.Instant;
import java.util.Set;

/**
 * What any text or date typed into Gatehouse may hold, checked once at the edge for every JSON
 * body, form and query string. PostgreSQL refuses a NUL byte and cannot store half of a
 * surrogate pair; H2 would store both and hand them on to exports and mail. Control characters
 * are refused everywhere except in the free-text fields where a line break is legitimate.
 */
public final class InputLimits {

    /** The message every refused text answers with. */
    public static final String TEXT_MESSAGE = "validation.text.characters";

    /** The message every date outside the years 1 to 9999 answers with. */
    public static final String DATE_MESSAGE = "validation.instant.range";

    /** Fields of several lines: notes, reasons, comments and pasted lists of addresses. */
    private static final Set<String> MULTILINE = Set.of("note", "reason", "text", "comment", "entry", "emails", "description",
            "redirectUris", "postLogoutRedirectUris");

    /** Fields holding one text per language ({@code notes.fr}), each of several lines. */
    private static final Set<String> MULTILINE_BY_LANGUAGE = Set.of("notes");

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private InputLimits() {
    }

    /** A field whose value may span lines; {@code field} may be a path such as {@code choices[0].note}. */
    public static boolean multiline(String field) {
        if (field == null) {
            return false;
        }
        int dot = field.lastIndexOf('.');
        if (dot > 0) {
            String parent = field.substring(0, dot);
            if (MULTILINE_BY_LANGUAGE.contains(parent.substring(parent.lastIndexOf('.') + 1))) {
                return true;
            }
        }
        String name = field.substring(dot + 1);
        int bracket = name.indexOf('[');
        return MULTILINE.contains(bracket < 0 ? name : name.substring(0, bracket));
    }

    /** True when {@code value} holds a character no field accepts: a control character, or half of a surrogate pair. */
    public static boolean refused(String value, boolean multiline) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
            if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                return true;
            }
        }
        return false;
    }

    public static void requireText(String field, String value) {
        if (refused(value, multiline(field))) {
            throw InvalidInputException.of(field, TEXT_MESSAGE);
        }
    }

    /** A moment from the year 1 to the year 9999: what both databases store and people mean. */
    public static Instant requireDate(String field, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw InvalidInputException.of(field, DATE_MESSAGE);
        }
        return value;
    }
}
