package io.gatehouse.scim;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2). {@link #print()} writes it back in the standard's
 * syntax, fully parenthesized, so that parsing the printed text gives the same filter.
 */
sealed interface ScimFilter {

    String print();

    enum Operator {
        EQ, NE, CO, SW, EW, GT, GE, LT, LE;

        static Operator of(String word) {
            for (Operator op : values()) {
                if (op.name().equalsIgnoreCase(word)) {
                    return op;
                }
            }
            return null;
        }

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An attribute path: an optional schema URN, an attribute, an optional filter on the values of a
     * multi-valued attribute ({@code emails[type eq "work"]}) and an optional sub-attribute.
     */
    record AttrPath(String schema, String attribute, ScimFilter valueFilter, String subAttribute) {

        public AttrPath {
            Objects.requireNonNull(attribute, "attribute");
        }

        static AttrPath of(String attribute) {
            return new AttrPath(null, attribute, null, null);
        }

        String print() {
            return (schema == null ? "" : schema + ":") + attribute
                    + (valueFilter == null ? "" : "[" + valueFilter.print() + "]")
                    + (subAttribute == null ? "" : "." + subAttribute);
        }

        /** The attribute and sub-attribute in lower case, without schema or value filter: what the path names. */
        String name() {
            return (attribute + (subAttribute == null ? "" : "." + subAttribute)).toLowerCase(Locale.ROOT);
        }

        String schemaLowerCase() {
            return schema == null ? null : schema.toLowerCase(Locale.ROOT);
        }
    }

    /** attrPath op value, where value is a String, a Boolean, a BigDecimal or null. */
    record Compare(AttrPath path, Operator operator, Object value) implements ScimFilter {

        public Compare {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(operator, "operator");
            if (value != null && !(value instanceof String || value instanceof Boolean || value instanceof BigDecimal)) {
                throw new IllegalArgumentException("value");
            }
        }

        @Override
        public String print() {
            return path.print() + " " + operator.word() + " " + literal(value);
        }
    }

    record Present(AttrPath path) implements ScimFilter {

        @Override
        public String print() {
            return path.print() + " pr";
        }
    }

    /** A filter on a multi-valued attribute's values on its own: {@code emails[type eq "work"]}. */
    record ValuePath(AttrPath path) implements ScimFilter {

        public ValuePath {
            if (path.valueFilter() == null || path.subAttribute() != null) {
                throw new IllegalArgumentException("a value path has a value filter and no sub-attribute");
            }
        }

        @Override
        public String print() {
            return path.print();
        }
    }

    record And(ScimFilter left, ScimFilter right) implements ScimFilter {

        @Override
        public String print() {
            return "(" + left.print() + " and " + right.print() + ")";
        }
    }

    record Or(ScimFilter left, ScimFilter right) implements ScimFilter {

        @Override
        public String print() {
            return "(" + left.print() + " or " + right.print() + ")";
        }
    }

    record Not(ScimFilter inner) implements ScimFilter {

        @Override
        public String print() {
            return "not (" + inner.print() + ")";
        }
    }

    static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            StringBuilder out = new StringBuilder("\"");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
        if (value instanceof BigDecimal number) {
            return number.toString();
        }
        return value.toString();
    }
}
