package io.gatehouse.scim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A member as a SCIM User resource (RFC 7643 §4.1, with the enterprise extension §4.3). */
final class ScimUserResource {

    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private ScimUserResource() {
    }

    static Map<String, Object> of(ScimUserStore.UserRow row, Map<String, ScimGroupCatalog.Group> groupsByRight, String base) {
        Map<String, Object> user = new LinkedHashMap<>();
        boolean extended = row.department() != null || row.manager() != null;
        user.put("schemas", extended ? List.of(SCHEMA, ENTERPRISE) : List.of(SCHEMA));
        user.put("id", row.id().toString());
        if (row.externalId() != null) {
            user.put("externalId", row.externalId());
        }
        user.put("userName", row.email());
        Map<String, Object> name = new LinkedHashMap<>();
        name.put("formatted", row.firstName() + " " + row.lastName());
        name.put("givenName", row.firstName());
        name.put("familyName", row.lastName());
        user.put("name", name);
        user.put("displayName", row.firstName() + " " + row.lastName());
        if (row.position() != null) {
            user.put("title", row.position());
        }
        user.put("emails", List.of(Map.of("value", row.email(), "type", "work", "primary", true)));
        user.put("active", row.active());
        List<Map<String, Object>> groups = new ArrayList<>();
        for (UUID right : row.rights()) {
            ScimGroupCatalog.Group group = groupsByRight.get(right.toString());
            if (group != null) {
                groups.add(groupRef(group, base));
            }
        }
        groups.add(groupRef(ScimGroupCatalog.of(row.role()), base));
        user.put("groups", groups);
        if (extended) {
            Map<String, Object> enterprise = new LinkedHashMap<>();
            if (row.department() != null) {
                enterprise.put("department", row.department());
            }
            if (row.manager() != null) {
                enterprise.put("manager", Map.of("value", row.manager()));
            }
            user.put(ENTERPRISE, enterprise);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceType", "User");
        meta.put("created", row.created().toString());
        meta.put("lastModified", row.lastModified().toString());
        meta.put("version", row.etag());
        meta.put("location", base + "/Users/" + row.id());
        user.put("meta", meta);
        return user;
    }

    private static Map<String, Object> groupRef(ScimGroupCatalog.Group group, String base) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("value", group.id());
        ref.put("display", group.displayName());
        ref.put("$ref", base + "/Groups/" + group.id());
        ref.put("type", "direct");
        return ref;
    }

    /** A list response (RFC 7644 §3.4.2). */
    static Map<String, Object> list(List<Map<String, Object>> resources, long total, int startIndex) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse"));
        list.put("totalResults", total);
        list.put("startIndex", startIndex);
        list.put("itemsPerPage", resources.size());
        list.put("Resources", resources);
        return list;
    }
}
