package io.gatehouse.scim;

import io.gatehouse.scim.ScimFilter.AttrPath;
import io.gatehouse.scim.ScimFilter.Operator;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser of SCIM filters: {@code or} binds loosest, then {@code and}, then
 * {@code not} and parentheses. Keywords and operators are case-insensitive. Whatever the input,
 * the only failure is a {@link ScimException} with scimType invalidFilter.
 */
final class FilterParser {

    static final int MAX_LENGTH = 4096;
    private static final int MAX_DEPTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_$-]*");

    private final String text;
    private int position;
    private int depth;

    private FilterParser(String text) {
        this.text = text;
    }

    static ScimFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw ScimException.invalidFilter("empty");
        }
        if (filter.length() > MAX_LENGTH) {
            throw ScimException.invalidFilter("too long");
        }
        FilterParser parser = new FilterParser(filter);
        ScimFilter parsed = parser.or();
        parser.skipSpaces();
        if (parser.position < filter.length()) {
            throw parser.error("unexpected text");
        }
        return parsed;
    }

    /** A path as PATCH names its target: an attribute path, with a value filter where it has one. */
    static AttrPath path(String path) {
        if (path == null || path.isBlank() || path.length() > MAX_LENGTH) {
            throw ScimException.invalidPath(String.valueOf(path));
        }
        try {
            FilterParser parser = new FilterParser(path.strip());
            AttrPath parsed = parser.attrPath(true);
            if (parser.position < parser.text.length()) {
                throw parser.error("unexpected text");
            }
            return parsed;
        } catch (ScimException e) {
            throw ScimException.invalidPath(path);
        }
    }

    private ScimFilter or() {
        ScimFilter left = and();
        while (keyword("or")) {
            left = new ScimFilter.Or(left, and());
        }
        return left;
    }

    private ScimFilter and() {
        ScimFilter left = unary();
        while (keyword("and")) {
            left = new ScimFilter.And(left, unary());
        }
        return left;
    }

    private ScimFilter unary() {
        if (++depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
        try {
            skipSpaces();
            if (keyword("not")) {
                skipSpaces();
                expect('(');
                ScimFilter inner = or();
                expect(')');
                return new ScimFilter.Not(inner);
            }
            if (peek() == '(') {
                position++;
                ScimFilter inner = or();
                expect(')');
                return inner;
            }
            return comparison();
        } finally {
            depth--;
        }
    }

    private ScimFilter comparison() {
        AttrPath path = attrPath(true);
        int before = position;
        skipSpaces();
        String word = word();
        Operator operator = Operator.of(word);
        if ("pr".equalsIgnoreCase(word)) {
            return new ScimFilter.Present(path);
        }
        if (operator == null) {
            position = before;
            if (path.valueFilter() != null && path.subAttribute() == null) {
                return new ScimFilter.ValuePath(path);
            }
            throw error(word.isEmpty() ? "operator expected" : "unknown operator " + word);
        }
        skipSpaces();
        return new ScimFilter.Compare(path, operator, value());
    }

    private AttrPath attrPath(boolean valueFilterAllowed) {
        skipSpaces();
        String word = word();
        if (word.isEmpty()) {
            throw error("attribute expected");
        }
        String schema = null;
        String rest = word;
        int colon = word.lastIndexOf(':');
        if (colon >= 0) {
            schema = word.substring(0, colon);
            rest = word.substring(colon + 1);
            if (!schema.regionMatches(true, 0, "urn:", 0, 4) || schema.length() <= 4) {
                throw error("schema URN expected");
            }
        }
        String attribute = rest;
        String sub = null;
        int dot = rest.indexOf('.');
        if (dot >= 0) {
            attribute = rest.substring(0, dot);
            sub = rest.substring(dot + 1);
        }
        if (!NAME.matcher(attribute).matches()) {
            throw error("attribute name expected");
        }
        ScimFilter valueFilter = null;
        if (sub == null && peek() == '[') {
            if (!valueFilterAllowed) {
                throw error("value filters do not nest");
            }
            position++;
            valueFilter = valueFilter();
            expect(']');
            if (peek() == '.') {
                sub = word().substring(1);
            }
        }
        if (sub != null && !NAME.matcher(sub).matches()) {
            throw error("sub-attribute name expected");
        }
        return new AttrPath(schema, attribute, valueFilter, sub);
    }

    /** Inside brackets: a filter whose attribute paths have no brackets of their own. */
    private ScimFilter valueFilter() {
        int saved = depth;
        ScimFilter inner = or();
        depth = saved;
        if (nested(inner)) {
            throw error("value filters do not nest");
        }
        return inner;
    }

    private static boolean nested(ScimFilter filter) {
        if (filter instanceof ScimFilter.Compare c) {
            return c.path().valueFilter() != null;
        }
        if (filter instanceof ScimFilter.Present p) {
            return p.path().valueFilter() != null;
        }
        if (filter instanceof ScimFilter.And a) {
            return nested(a.left()) || nested(a.right());
        }
        if (filter instanceof ScimFilter.Or o) {
            return nested(o.left()) || nested(o.right());
        }
        if (filter instanceof ScimFilter.Not n) {
            return nested(n.inner());
        }
        return true;
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        String word = word();
        if ("true".equalsIgnoreCase(word)) {
            return Boolean.TRUE;
        }
        if ("false".equalsIgnoreCase(word)) {
            return Boolean.FALSE;
        }
        if ("null".equalsIgnoreCase(word)) {
            return null;
        }
        throw error("value expected");
    }

    private String string() {
        position++;
        StringBuilder out = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (position >= text.length()) {
                break;
            }
            char escaped = text.charAt(position++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (position + 4 > text.length()) {
                        throw error("bad escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                    } catch (NumberFormatException e) {
                        throw error("bad escape");
                    }
                    position += 4;
                }
                default -> throw error("bad escape");
            }
        }
        throw error("unterminated string");
    }

    private BigDecimal number() {
        int start = position;
        while (position < text.length() && "+-.0123456789eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        String number = text.substring(start, position);
        if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            throw error("bad number");
        }
        try {
            return new BigDecimal(number);
        } catch (NumberFormatException | ArithmeticException e) {
            throw error("bad number");
        }
    }

    /** A run of the characters that make up names, URNs and keywords. */
    private String word() {
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isLetterOrDigit(c) && c < 128 || c == ':' || c == '.' || c == '_' || c == '-' || c == '$') {
                position++;
            } else {
                break;
            }
        }
        return text.substring(start, position);
    }

    private boolean keyword(String keyword) {
        skipSpaces();
        int end = position + keyword.length();
        if (end <= text.length() && text.regionMatches(true, position, keyword, 0, keyword.length())
                && (end == text.length() || text.charAt(end) == ' ' || text.charAt(end) == '(')) {
            position = end;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpaces();
        if (peek() != c) {
            throw error("'" + c + "' expected");
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private ScimException error(String what) {
        return ScimException.invalidFilter(what + " at " + (position + 1));
    }
}
