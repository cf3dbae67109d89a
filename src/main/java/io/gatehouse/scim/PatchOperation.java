package io.gatehouse.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** One operation of a PATCH request (RFC 7644 §3.5.2); op is case-insensitive, as Entra ID sends "Replace". */
record PatchOperation(String op, String path, JsonNode value) {

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    static List<PatchOperation> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("a PatchOp object");
        }
        JsonNode operations = Json.field(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("Operations");
        }
        if (operations.size() > 1000) {
            throw ScimException.invalidSyntax("Operations (at most 1000)");
        }
        List<PatchOperation> parsed = new ArrayList<>();
        for (JsonNode operation : operations) {
            String op = Json.text(Json.field(operation, "op"), "op");
            String normalized = op == null ? "" : op.strip().toLowerCase(Locale.ROOT);
            if (!normalized.equals("add") && !normalized.equals("replace") && !normalized.equals("remove")) {
                throw ScimException.invalidSyntax("op " + op);
            }
            String path = Json.text(Json.field(operation, "path"), "path");
            JsonNode value = Json.field(operation, "value");
            if (!normalized.equals("remove") && (value == null || value.isNull())) {
                throw ScimException.invalidSyntax("value");
            }
            if (path == null && !normalized.equals("remove") && !value.isObject()) {
                throw ScimException.invalidSyntax("value (an object when there is no path)");
            }
            if (path == null && normalized.equals("remove")) {
                throw ScimException.noTarget("(none)");
            }
            parsed.add(new PatchOperation(normalized, path == null || path.isBlank() ? null : path.strip(), value));
        }
        return parsed;
    }

    boolean remove() {
        return op.equals("remove");
    }
}
