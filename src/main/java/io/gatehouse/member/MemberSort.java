package io.gatehouse.member;

import io.gatehouse.shared.InvalidInputException;
import java.util.Locale;

/** The columns a list can be sorted by; a leading "-" in the API reverses the order. */
public enum MemberSort {
    NAME("m.last_name_key %1$s, m.first_name_key %1$s"),
    FIRST_NAME("m.first_name_key %1$s, m.last_name_key %1$s"),
    EMAIL("m.email_key %1$s"),
    LOGIN("m.login_key %1$s"),
    ROLE("case m.role when 'MANAGER' then 4 when 'CONTRIBUTOR' then 3 when 'OPERATOR' then 2 else 1 end %1$s,"
            + " m.last_name_key, m.first_name_key"),
    STATUS("m.status %1$s, m.last_name_key, m.first_name_key"),
    CREATED("m.created_at %1$s");

    private final String columns;

    MemberSort(String columns) {
        this.columns = columns;
    }

    String orderBy(boolean descending) {
        return columns.formatted(descending ? "desc" : "asc") + ", m.id";
    }

    public record Order(MemberSort sort, boolean descending) {

        public String orderBy() {
            return sort.orderBy(descending);
        }
    }

    /** Parses "lastName", "-email", "created"…; anything else is a field error. */
    public static Order parse(String text) {
        if (text == null || text.isBlank()) {
            return new Order(NAME, false);
        }
        boolean descending = text.startsWith("-");
        String name = (descending ? text.substring(1) : text).strip().toLowerCase(Locale.ROOT);
        MemberSort sort = switch (name) {
            case "name", "lastname" -> NAME;
            case "firstname" -> FIRST_NAME;
            case "email" -> EMAIL;
            case "login" -> LOGIN;
            case "role" -> ROLE;
            case "status" -> STATUS;
            case "created", "membersince" -> CREATED;
            default -> throw InvalidInputException.of("sort", "validation.sort.unknown", text);
        };
        return new Order(sort, descending);
    }
}
