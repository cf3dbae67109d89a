package io.gatehouse.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The schemas Gatehouse serves (RFC 7643 §7): what it keeps of Users, the enterprise extension and Groups. */
final class ScimSchemas {

    private ScimSchemas() {
    }

    static List<Map<String, Object>> all(String base) {
        return List.of(user(base), enterprise(base), group(base));
    }

    static Map<String, Object> user(String base) {
        return schema(ScimUserResource.SCHEMA, "User", "A member of the organization", base, List.of(
                string("userName", "The email address, unique in Gatehouse", true, false, "readWrite", "server"),
                complex("name", "The person's name", false, false, "readWrite", List.of(
                        string("formatted", "Given and family name", false, false, "readOnly", "none"),
                        string("givenName", "Given name", true, false, "readWrite", "none"),
                        string("familyName", "Family name", true, false, "readWrite", "none"))),
                string("displayName", "Given and family name", false, false, "readOnly", "none"),
                string("title", "Position", false, false, "readWrite", "none"),
                string("externalId", "The directory's own id", false, true, "readWrite", "none"),
                bool("active", "False: the account is disabled"),
                complex("emails", "The email address, from userName", true, false, "readOnly", List.of(
                        string("value", "Email address", false, false, "readOnly", "none"),
                        string("type", "Always work", false, false, "readOnly", "none"),
                        bool("primary", "Always true"))),
                complex("groups", "The right and role groups the member is in", true, false, "readOnly", List.of(
                        string("value", "Group id", false, false, "readOnly", "none"),
                        string("display", "Group name", false, false, "readOnly", "none"),
                        reference("$ref", "The group", List.of("Group")),
                        string("type", "direct", false, false, "readOnly", "none")))));
    }

    static Map<String, Object> enterprise(String base) {
        return schema(ScimUserResource.ENTERPRISE, "EnterpriseUser", "What the directory says of a member's place", base, List.of(
                string("department", "Department", false, false, "readWrite", "none"),
                complex("manager", "The member's manager in the directory", false, false, "readWrite", List.of(
                        string("value", "The manager's id in the directory", false, true, "readWrite", "none")))));
    }

    static Map<String, Object> group(String base) {
        return schema(ScimGroupResource.SCHEMA, "Group", "An access right of an application, or a role", base, List.of(
                string("displayName", "\"Application Right\" or the role", true, false, "readOnly", "server"),
                complex("members", "Members holding the right or the role", true, false, "readWrite", List.of(
                        string("value", "User id", false, false, "immutable", "none"),
                        string("display", "The member's name", false, false, "readOnly", "none"),
                        reference("$ref", "The user", List.of("User")),
                        string("type", "User", false, false, "immutable", "none")))));
    }

    private static Map<String, Object> schema(String id, String name, String description, String base,
            List<Map<String, Object>> attributes) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Schema"));
        schema.put("id", id);
        schema.put("name", name);
        schema.put("description", description);
        schema.put("attributes", attributes);
        schema.put("meta", Map.of("resourceType", "Schema", "location", base + "/Schemas/" + id));
        return schema;
    }

    private static Map<String, Object> string(String name, String description, boolean required, boolean caseExact,
            String mutability, String uniqueness) {
        Map<String, Object> attribute = attribute(name, "string", description, false, required, mutability);
        attribute.put("caseExact", caseExact);
        attribute.put("uniqueness", uniqueness);
        return attribute;
    }

    private static Map<String, Object> bool(String name, String description) {
        return attribute(name, "boolean", description, false, false, "readWrite");
    }

    private static Map<String, Object> reference(String name, String description, List<String> types) {
        Map<String, Object> attribute = attribute(name, "reference", description, false, false, "readOnly");
        attribute.put("referenceTypes", types);
        attribute.put("caseExact", true);
        attribute.put("uniqueness", "none");
        return attribute;
    }

    private static Map<String, Object> complex(String name, String description, boolean multiValued, boolean required,
            String mutability, List<Map<String, Object>> subAttributes) {
        Map<String, Object> attribute = attribute(name, "complex", description, multiValued, required, mutability);
        attribute.put("subAttributes", subAttributes);
        return attribute;
    }

    private static Map<String, Object> attribute(String name, String type, String description, boolean multiValued,
            boolean required, String mutability) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("name", name);
        attribute.put("type", type);
        attribute.put("multiValued", multiValued);
        attribute.put("description", description);
        attribute.put("required", required);
        attribute.put("mutability", mutability);
        attribute.put("returned", "default");
        return attribute;
    }
}
