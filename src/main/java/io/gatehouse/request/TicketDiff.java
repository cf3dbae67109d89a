package io.gatehouse.request;

import io.gatehouse.access.Catalog;
import io.gatehouse.access.Role;
import io.gatehouse.organization.Organizations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The change a ticket carries, as a table people read: one row per field, what it was and what it
 * is to be, in words (role names, access right names, site names) instead of stored codes.
 */
@Component
class TicketDiff {

    /** The fields of a member a request can show, in the order a person reads them. */
    private static final List<String> FIELDS = List.of("firstName", "lastName", "email", "position", "role", "rights", "sites",
            "status", "catalogue", "licence", "seats");

    /** One line of the table; before is null for a new user, who had nothing before. */
    record Row(String field, String before, String after, boolean changed) {
    }

    private final Organizations organizations;
    private final Catalog catalog;
    private final MessageSource messages;

    TicketDiff(Organizations organizations, Catalog catalog, MessageSource messages) {
        this.organizations = organizations;
        this.catalog = catalog;
        this.messages = messages;
    }

    List<Row> rows(RequestView request, Locale locale) {
        Map<String, Object> before = request.before();
        Map<String, Object> after = request.after() == null ? Map.of() : request.after();
        Map<String, String> siteNames = organizations.sites(OrganizationId.parse(request.organizationId())).stream()
                .collect(Collectors.toMap(SiteView::id, SiteView::name, (a, b) -> a));
        List<Row> rows = new ArrayList<>();
        for (String field : FIELDS) {
            boolean inBefore = before != null && before.containsKey(field);
            if (!inBefore && !after.containsKey(field)) {
                continue;
            }
            String was = before == null ? null : show(field, before, siteNames, locale);
            String will = show(field, after, siteNames, locale);
            boolean changed = before == null ? after.get(field) != null && !isEmpty(after.get(field))
                    : !same(before.get(field), after.get(field));
            rows.add(new Row(field, was, will, changed));
        }
        return rows;
    }

    private String show(String field, Map<String, Object> state, Map<String, String> siteNames, Locale locale) {
        Object value = state.get(field);
        return switch (field) {
            case "role" -> value == null ? none(locale) : text(locale, "members.role." + value);
            case "status" -> value == null ? none(locale) : text(locale, "members.status." + value);
            case "rights" -> list(names(value).stream().map(right -> messages.getMessage("members.right." + right, null, right, locale))
                    .toList(), locale);
            case "sites" -> reachesAllSites(state.get("role")) ? text(locale, "members.allSites")
                    : list(names(value).stream().map(id -> siteNames.getOrDefault(id, id)).sorted(String.CASE_INSENSITIVE_ORDER)
                            .toList(), locale);
            default -> value == null || value.toString().isBlank() ? none(locale) : value.toString();
        };
    }

    /** Rights in catalogue order, whatever order the request stored them in. */
    private List<String> names(Object value) {
        if (!(value instanceof Collection<?> values)) {
            return List.of();
        }
        List<String> names = values.stream().filter(Objects::nonNull).map(Object::toString).toList();
        List<String> ordered = new ArrayList<>(catalog.rightsByName().keySet().stream().filter(names::contains).toList());
        names.stream().filter(name -> !ordered.contains(name)).forEach(ordered::add);
        return ordered;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Collection<?> x && b instanceof Collection<?> y) {
            return Set.copyOf(x).equals(Set.copyOf(y));
        }
        return Objects.equals(a, b);
    }

    private static boolean isEmpty(Object value) {
        return value instanceof Collection<?> values ? values.isEmpty() : value.toString().isBlank();
    }

    private static boolean reachesAllSites(Object role) {
        try {
            return role != null && Role.valueOf(role.toString()).reachesAllSites();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String list(List<String> values, Locale locale) {
        return values.isEmpty() ? none(locale) : String.join(", ", values);
    }

    private String none(Locale locale) {
        return text(locale, "requests.value.none");
    }

    private String text(Locale locale, String code) {
        return messages.getMessage(code, null, code, locale);
    }
}
