package io.gatehouse.scim;

import io.gatehouse.scim.ScimFilter.AttrPath;
import io.gatehouse.scim.ScimFilter.Operator;
import io.gatehouse.scim.ScimGroupCatalog.Group;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Filters on Groups, evaluated in memory: there are only as many groups as rights and roles. */
final class GroupFilter {

    private GroupFilter() {
    }

    static boolean matches(ScimFilter filter, Group group, List<UUID> members) {
        if (filter instanceof ScimFilter.And and) {
            return matches(and.left(), group, members) && matches(and.right(), group, members);
        }
        if (filter instanceof ScimFilter.Or or) {
            return matches(or.left(), group, members) || matches(or.right(), group, members);
        }
        if (filter instanceof ScimFilter.Not not) {
            return !matches(not.inner(), group, members);
        }
        if (filter instanceof ScimFilter.ValuePath value) {
            requireMembers(value.path());
            return members.stream().anyMatch(id -> matchesMember(value.path().valueFilter(), id));
        }
        AttrPath path = filter instanceof ScimFilter.Present p ? p.path() : ((ScimFilter.Compare) filter).path();
        if (path.schema() != null && !path.schemaLowerCase().equals(ScimGroupResource.SCHEMA.toLowerCase(Locale.ROOT))) {
            throw ScimException.invalidFilter("unknown schema " + path.schema());
        }
        if (path.valueFilter() != null) {
            requireMembers(path);
            List<UUID> chosen = members.stream().filter(id -> matchesMember(path.valueFilter(), id)).toList();
            return chosen.stream().anyMatch(id -> test(filter, id.toString(), false));
        }
        return switch (path.name()) {
            case "id" -> test(filter, group.id(), false);
            case "displayname" -> test(filter, group.displayName(), true);
            case "externalid" -> test(filter, null, false);
            case "members", "members.value" -> members.isEmpty() ? test(filter, null, false)
                    : members.stream().anyMatch(id -> test(filter, id.toString(), false));
            default -> throw ScimException.invalidFilter("unknown attribute " + path.print());
        };
    }

    /** A filter on one member of a group: {@code value eq "…"}, as Entra ID removes members. */
    static boolean matchesMember(ScimFilter filter, UUID member) {
        if (filter instanceof ScimFilter.And and) {
            return matchesMember(and.left(), member) && matchesMember(and.right(), member);
        }
        if (filter instanceof ScimFilter.Or or) {
            return matchesMember(or.left(), member) || matchesMember(or.right(), member);
        }
        if (filter instanceof ScimFilter.Not not) {
            return !matchesMember(not.inner(), member);
        }
        if (filter instanceof ScimFilter.ValuePath) {
            throw ScimException.invalidFilter("value filters do not nest");
        }
        AttrPath path = filter instanceof ScimFilter.Present p ? p.path() : ((ScimFilter.Compare) filter).path();
        if (!path.name().equals("value") || path.schema() != null) {
            throw ScimException.invalidFilter("unknown attribute " + path.print());
        }
        return test(filter, member.toString(), false);
    }

    private static void requireMembers(AttrPath path) {
        if (!path.attribute().equalsIgnoreCase("members")) {
            throw ScimException.invalidFilter("no value filter on " + path.attribute());
        }
    }

    private static boolean test(ScimFilter filter, String actual, boolean caseInsensitive) {
        if (filter instanceof ScimFilter.Present) {
            return actual != null && !actual.isEmpty();
        }
        ScimFilter.Compare compare = (ScimFilter.Compare) filter;
        Object expected = compare.value();
        if (expected == null) {
            return compare.operator() == Operator.EQ ? actual == null : compare.operator() == Operator.NE && actual != null;
        }
        if (!(expected instanceof String text)) {
            throw ScimException.invalidFilter("a string attribute compares with a quoted string");
        }
        if (actual == null) {
            return compare.operator() == Operator.NE;
        }
        String a = caseInsensitive ? actual.toLowerCase(Locale.ROOT) : actual;
        String b = caseInsensitive ? text.toLowerCase(Locale.ROOT) : text;
        if (!caseInsensitive && isUuid(a) && isUuid(b)) {
            a = a.toLowerCase(Locale.ROOT);
            b = b.toLowerCase(Locale.ROOT);
        }
        return switch (compare.operator()) {
            case EQ -> a.equals(b);
            case NE -> !a.equals(b);
            case CO -> a.contains(b);
            case SW -> a.startsWith(b);
            case EW -> a.endsWith(b);
            case GT -> a.compareTo(b) > 0;
            case GE -> a.compareTo(b) >= 0;
            case LT -> a.compareTo(b) < 0;
            case LE -> a.compareTo(b) <= 0;
        };
    }

    private static boolean isUuid(String text) {
        return text.length() == 36 && text.charAt(8) == '-';
    }
}
