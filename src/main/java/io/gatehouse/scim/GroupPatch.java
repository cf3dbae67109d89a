package io.gatehouse.scim;

import io.gatehouse.scim.ScimFilter.AttrPath;
import io.gatehouse.scim.ScimGroupCatalog.Group;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A group PATCH applied to the set of member ids it should end with, in the shapes Entra ID and Okta
 * send: "add"/"remove" of "members" with a list of {value}, "remove" of {@code members[value eq "…"]},
 * and "replace" with or without a path. A group's name is the catalogue's: it does not change here.
 */
final class GroupPatch {

    private GroupPatch() {
    }

    static void apply(PatchOperation operation, Group group, Set<UUID> wanted) {
        if (operation.path() == null) {
            for (Map.Entry<String, JsonNode> entry : operation.value().properties()) {
                String key = entry.getKey();
                if (key.equalsIgnoreCase("members")) {
                    members(operation.op(), entry.getValue(), wanted);
                } else if (key.equalsIgnoreCase("displayName")) {
                    sameName(group, entry.getValue());
                } else if (!key.equalsIgnoreCase("id") && !key.equalsIgnoreCase("schemas") && !key.equalsIgnoreCase("externalId")) {
                    throw ScimException.invalidPath(key);
                }
            }
            return;
        }
        AttrPath path = FilterParser.path(operation.path());
        if (path.schema() != null && !path.schemaLowerCase().equals(ScimGroupResource.SCHEMA.toLowerCase(java.util.Locale.ROOT))) {
            throw ScimException.invalidPath(operation.path());
        }
        if (path.attribute().equalsIgnoreCase("displayName") && path.valueFilter() == null && path.subAttribute() == null) {
            if (operation.remove()) {
                throw ScimException.mutability("displayName");
            }
            sameName(group, operation.value());
            return;
        }
        if (!path.attribute().equalsIgnoreCase("members") || path.subAttribute() != null && path.valueFilter() == null) {
            throw ScimException.invalidPath(operation.path());
        }
        if (path.valueFilter() != null) {
            if (!operation.remove()) {
                throw ScimException.invalidPath(operation.path());
            }
            wanted.removeIf(id -> GroupFilter.matchesMember(path.valueFilter(), id));
            return;
        }
        if (operation.remove() && (operation.value() == null || operation.value().isNull())) {
            wanted.clear();
            return;
        }
        members(operation.op(), operation.value(), wanted);
    }

    private static void members(String op, JsonNode value, Set<UUID> wanted) {
        Set<UUID> ids = memberIds(value);
        switch (op) {
            case "add" -> wanted.addAll(ids);
            case "remove" -> wanted.removeAll(ids);
            default -> {
                wanted.clear();
                wanted.addAll(ids);
            }
        }
    }

    /** The ids of a members value: a list of {"value": id}, or one such object. */
    static Set<UUID> memberIds(JsonNode value) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        if (value.isObject()) {
            ids.add(id(value));
            return ids;
        }
        if (!value.isArray()) {
            throw ScimException.invalidValue("members");
        }
        for (JsonNode member : value) {
            ids.add(id(member));
        }
        return ids;
    }

    private static UUID id(JsonNode member) {
        String text = Json.text(Json.field(member, "value"), "members.value");
        try {
            return UUID.fromString(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue("members.value");
        }
    }

    private static void sameName(Group group, JsonNode value) {
        String name = Json.text(value, "displayName");
        if (name == null || !name.strip().equalsIgnoreCase(group.displayName())) {
            throw ScimException.mutability("displayName");
        }
    }
}
