package io.gatehouse.scim;

import io.gatehouse.scim.ScimFilter.AttrPath;
import io.gatehouse.scim.ScimFilter.Operator;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Translates a filter on Users into SQL on the membership (m), account (u) and SCIM (s) tables.
 * Values only ever travel as bind parameters; the SQL text is built from this class's own
 * fragments. Every fragment is true or false, never null, so {@code not} means what it says.
 */
final class UserFilterSql {

    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:user";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user";

    private enum Kind { TEXT, EXACT_TEXT, BOOLEAN, TIME, ID, CONSTANT }

    /** An attribute the filter may name: its SQL, and how values compare with it. */
    private record Column(String sql, Kind kind) {
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    private UserFilterSql() {
    }

    /** The SQL condition and its parameters. */
    record Condition(String sql, List<Object> parameters) {

        /**
         * Whether the condition compares with a pattern (sw, co, ew): a plan made for any pattern
         * cannot read an index by its prefix, so such statements are planned with their values.
         */
        boolean matchesPatterns() {
            return sql.contains(" like ");
        }

        /** Whether the condition reads the account (u) or the directory's attributes (s), not only the membership (m). */
        boolean readsBeyondMembership() {
            return UserFilterSql.readsBeyondMembership(sql);
        }
    }

    static Condition of(ScimFilter filter) {
        UserFilterSql translation = new UserFilterSql();
        translation.write(filter, false);
        return new Condition(translation.sql.toString(), List.copyOf(translation.parameters));
    }

    /** Whether SQL written by this class names a column of the account (u) or of the directory (s). */
    static boolean readsBeyondMembership(String sql) {
        return BEYOND_MEMBERSHIP.matcher(sql).find();
    }

    private static final java.util.regex.Pattern BEYOND_MEMBERSHIP = java.util.regex.Pattern.compile("\\b[us]\\.");

    /** The column a list is sorted by; unknown attributes are refused. */
    static String sortColumn(String sortBy) {
        AttrPath path = FilterParser.path(sortBy);
        Column column = column(path, false);
        if (column.kind() == Kind.BOOLEAN || column.kind() == Kind.CONSTANT) {
            throw ScimException.invalidValue("sortBy");
        }
        return column.sql();
    }

    private void write(ScimFilter filter, boolean inEmails) {
        if (filter instanceof ScimFilter.And and) {
            binary(and.left(), " and ", and.right(), inEmails);
        } else if (filter instanceof ScimFilter.Or or) {
            binary(or.left(), " or ", or.right(), inEmails);
        } else if (filter instanceof ScimFilter.Not not) {
            sql.append("not (");
            write(not.inner(), inEmails);
            sql.append(')');
        } else if (filter instanceof ScimFilter.ValuePath value) {
            emails(value.path(), () -> sql.append("1 = 1"));
        } else if (filter instanceof ScimFilter.Present present) {
            if (present.path().valueFilter() != null) {
                emails(present.path(), () -> present(column(subPath(present.path()), true)));
            } else {
                present(column(present.path(), inEmails));
            }
        } else if (filter instanceof ScimFilter.Compare compare) {
            if (compare.path().valueFilter() != null) {
                emails(compare.path(), () -> compare(column(subPath(compare.path()), true), compare.operator(), compare.value()));
            } else {
                compare(column(compare.path(), inEmails), compare.operator(), compare.value());
            }
        }
    }

    private void binary(ScimFilter left, String operator, ScimFilter right, boolean inEmails) {
        sql.append('(');
        write(left, inEmails);
        sql.append(operator);
        write(right, inEmails);
        sql.append(')');
    }

    /** emails[…]: a member has one email, of type "work" and primary; the value filter and what follows apply to it. */
    private void emails(AttrPath path, Runnable then) {
        if (!path.attribute().equalsIgnoreCase("emails") || !(path.schema() == null || CORE.equals(path.schemaLowerCase()))) {
            throw ScimException.invalidFilter("no value filter on " + path.attribute());
        }
        sql.append('(');
        write(path.valueFilter(), true);
        sql.append(" and ");
        then.run();
        sql.append(')');
    }

    private static AttrPath subPath(AttrPath path) {
        return AttrPath.of(path.subAttribute() == null ? "value" : path.subAttribute());
    }

    private static Column column(AttrPath path, boolean inEmails) {
        String name = path.name();
        if (inEmails) {
            if (path.schema() != null) {
                throw ScimException.invalidFilter(path.print());
            }
            return switch (name) {
                case "value" -> new Column("m.email_key", Kind.TEXT);
                case "type" -> new Column("'work'", Kind.CONSTANT);
                case "primary" -> new Column("1 = 1", Kind.BOOLEAN);
                default -> throw ScimException.invalidFilter("unknown attribute " + path.print());
            };
        }
        String schema = path.schemaLowerCase();
        if (ENTERPRISE.equals(schema)) {
            return switch (name) {
                case "department" -> new Column("lower(s.department)", Kind.TEXT);
                case "manager", "manager.value" -> new Column("s.manager_id", Kind.EXACT_TEXT);
                default -> throw ScimException.invalidFilter("unknown attribute " + path.print());
            };
        }
        if (schema != null && !CORE.equals(schema)) {
            throw ScimException.invalidFilter("unknown schema " + path.schema());
        }
        return switch (name) {
            case "id" -> new Column("m.user_id", Kind.ID);
            case "username", "emails", "emails.value" -> new Column("m.email_key", Kind.TEXT);
            case "emails.type" -> new Column("'work'", Kind.CONSTANT);
            case "emails.primary" -> new Column("1 = 1", Kind.BOOLEAN);
            case "name.givenname" -> new Column("m.first_name_key", Kind.TEXT);
            case "name.familyname" -> new Column("m.last_name_key", Kind.TEXT);
            case "title" -> new Column("lower(u.position)", Kind.TEXT);
            case "externalid" -> new Column("s.external_id", Kind.EXACT_TEXT);
            case "active" -> new Column("u.status <> 'DISABLED'", Kind.BOOLEAN);
            case "meta.created" -> new Column("m.created_at", Kind.TIME);
            case "meta.lastmodified" -> new Column("coalesce(s.last_modified, m.created_at)", Kind.TIME);
            default -> throw ScimException.invalidFilter("unknown attribute " + path.print());
        };
    }

    private void present(Column column) {
        switch (column.kind()) {
            case BOOLEAN, CONSTANT, ID -> sql.append("1 = 1");
            case TIME -> sql.append('(').append(column.sql()).append(" is not null)");
            default -> sql.append('(').append(column.sql()).append(" is not null and ").append(column.sql()).append(" <> '')");
        }
    }

    private void compare(Column column, Operator operator, Object value) {
        switch (column.kind()) {
            case BOOLEAN -> bool(column, operator, value);
            case TIME -> time(column, operator, value);
            case ID -> id(column, operator, value);
            default -> text(column, operator, value);
        }
    }

    private void bool(Column column, Operator operator, Object value) {
        Boolean wanted = value instanceof Boolean b ? b
                : "true".equalsIgnoreCase(String.valueOf(value)) ? Boolean.TRUE
                : "false".equalsIgnoreCase(String.valueOf(value)) ? Boolean.FALSE : null;
        if (wanted == null || (operator != Operator.EQ && operator != Operator.NE)) {
            throw ScimException.invalidFilter("a boolean compares with eq or ne, true or false");
        }
        boolean holds = wanted == (operator == Operator.EQ);
        sql.append(holds ? "(" : "not (").append(column.sql()).append(')');
    }

    private void time(Column column, Operator operator, Object value) {
        if (!(value instanceof String text) || operator == Operator.CO || operator == Operator.SW || operator == Operator.EW) {
            throw ScimException.invalidFilter("a date compares with eq, ne, gt, ge, lt or le and a quoted date-time");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ScimException.invalidFilter("not a date-time: " + text);
        }
        sql.append('(').append(column.sql()).append(' ').append(symbol(operator)).append(" ?)");
        parameters.add(Timestamp.from(instant));
    }

    private void id(Column column, Operator operator, Object value) {
        if (!(value instanceof String text) || (operator != Operator.EQ && operator != Operator.NE)) {
            throw ScimException.invalidFilter("id compares with eq or ne");
        }
        UUID id;
        try {
            id = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            sql.append(operator == Operator.EQ ? "1 = 0" : "1 = 1");
            return;
        }
        sql.append('(').append(column.sql()).append(' ').append(symbol(operator)).append(" ?)");
        parameters.add(id);
    }

    private void text(Column column, Operator operator, Object value) {
        String target = column.sql();
        if (value == null) {
            if (operator != Operator.EQ && operator != Operator.NE) {
                throw ScimException.invalidFilter("null compares with eq or ne");
            }
            sql.append('(').append(target).append(operator == Operator.EQ ? " is null)" : " is not null)");
            return;
        }
        if (!(value instanceof String text)) {
            throw ScimException.invalidFilter("a string attribute compares with a quoted string");
        }
        String bound = column.kind() == Kind.EXACT_TEXT ? text : text.toLowerCase(Locale.ROOT);
        switch (operator) {
            case NE -> sql.append("(").append(target).append(" is null or ").append(target).append(" <> ?)");
            case CO, SW, EW -> {
                sql.append('(').append(target).append(" is not null and ").append(target).append(" like ? escape '!')");
                String escaped = bound.replace("!", "!!").replace("%", "!%").replace("_", "!_");
                bound = (operator == Operator.SW ? "" : "%") + escaped + (operator == Operator.EW ? "" : "%");
            }
            default -> sql.append('(').append(target).append(" is not null and ").append(target).append(' ')
                    .append(symbol(operator)).append(" ?)");
        }
        parameters.add(bound);
    }

    private static String symbol(Operator operator) {
        return switch (operator) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            default -> throw new IllegalArgumentException(operator.name());
        };
    }
}
