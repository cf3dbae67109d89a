package io.gatehouse.scim;

import io.gatehouse.access.Role;
import io.gatehouse.scim.ScimGroupCatalog.Group;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A group as a SCIM Group resource (RFC 7643 §4.2). */
final class ScimGroupResource {

    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private ScimGroupResource() {
    }

    /** Who is in which group in one organization, read once per request. */
    record Members(Map<UUID, List<UUID>> rightHolders, Map<Role, List<UUID>> roleHolders, Map<UUID, String> names) {

        List<UUID> ids(Group group) {
            return group.role() != null ? roleHolders.getOrDefault(group.role(), List.of())
                    : rightHolders.getOrDefault(group.right().id(), List.of());
        }
    }

    static Map<String, Object> of(Group group, Members members, boolean withMembers, String base) {
        Map<String, Object> resource = new LinkedHashMap<>();
        List<UUID> ids = members.ids(group);
        resource.put("schemas", List.of(SCHEMA));
        resource.put("id", group.id());
        resource.put("displayName", group.displayName());
        if (withMembers) {
            List<Map<String, Object>> listed = new ArrayList<>();
            for (UUID id : ids) {
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("value", id.toString());
                member.put("display", members.names().getOrDefault(id, ""));
                member.put("$ref", base + "/Users/" + id);
                member.put("type", "User");
                listed.add(member);
            }
            resource.put("members", listed);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceType", "Group");
        meta.put("version", etag(ids));
        meta.put("location", base + "/Groups/" + group.id());
        resource.put("meta", meta);
        return resource;
    }

    /** A group changes when its members do: its version is a digest of who they are. */
    static String etag(List<UUID> members) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            members.stream().map(UUID::toString).sorted().forEach(id -> digest.update(id.getBytes(StandardCharsets.US_ASCII)));
            return "W/\"" + HexFormat.of().formatHex(digest.digest()).substring(0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
