package io.gatehouse.scim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The attributes and excludedAttributes parameters (RFC 7644 §3.4.2.5), on top-level attributes. */
final class Projection {

    private static final Set<String> ALWAYS = Set.of("schemas", "id");

    private Projection() {
    }

    static Map<String, Object> apply(Map<String, Object> resource, String attributes, String excluded) {
        if (attributes != null && !attributes.isBlank()) {
            Set<String> kept = topLevel(attributes);
            resource.keySet().removeIf(key -> !ALWAYS.contains(key) && !kept.contains(key.toLowerCase(Locale.ROOT)));
        }
        if (excluded != null && !excluded.isBlank()) {
            Set<String> dropped = topLevel(excluded);
            resource.keySet().removeIf(key -> !ALWAYS.contains(key) && dropped.contains(key.toLowerCase(Locale.ROOT)));
        }
        return resource;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> applyToList(Map<String, Object> list, String attributes, String excluded) {
        if ((attributes == null || attributes.isBlank()) && (excluded == null || excluded.isBlank())) {
            return list;
        }
        List<Map<String, Object>> resources = (List<Map<String, Object>>) list.get("Resources");
        resources.forEach(r -> apply(r, attributes, excluded));
        return list;
    }

    /** Whether a list of attribute names leaves this one out, for what is costly to read (a group's members). */
    static boolean leavesOut(String name, String attributes, String excluded) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (excluded != null && topLevel(excluded).contains(lower)) {
            return true;
        }
        return attributes != null && !attributes.isBlank() && !topLevel(attributes).contains(lower);
    }

    /** "name.givenName" keeps "name"; "urn:…:User:department" keeps the extension object. */
    private static Set<String> topLevel(String names) {
        return Arrays.stream(names.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .map(s -> s.startsWith(UserFilterSql.ENTERPRISE + ":") ? UserFilterSql.ENTERPRISE
                        : s.startsWith(UserFilterSql.CORE + ":") ? s.substring(UserFilterSql.CORE.length() + 1) : s)
                .map(s -> s.startsWith("urn:") ? s : s.split("\\.")[0])
                .collect(Collectors.toSet());
    }
}
