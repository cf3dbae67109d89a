package io.gatehouse.scim;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reading SCIM JSON as the standard asks: attribute names case-insensitive, booleans sometimes as strings. */
final class Json {

    private Json() {
    }

    /** The attribute of that name whatever its case; null when absent. */
    static JsonNode field(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** A string, or null for JSON null; anything else is an invalid value of the attribute. */
    static String text(JsonNode node, String attribute) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asString();
        }
        throw ScimException.invalidValue(attribute);
    }

    /** A boolean, also as the strings "True" and "False" that Entra ID sends. */
    static Boolean bool(JsonNode node, String attribute) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString() && ("true".equalsIgnoreCase(node.stringValue()) || "false".equalsIgnoreCase(node.stringValue()))) {
            return Boolean.parseBoolean(node.stringValue().toLowerCase(java.util.Locale.ROOT));
        }
        throw ScimException.invalidValue(attribute);
    }
}
