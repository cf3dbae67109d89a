package io.gatehouse.scim;

import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a SCIM Group is here: one per access right of the catalogue ("Customer Portal Licenses"), and
 * one per role ("Manager"). A right's group id is the right's id; a role's is derived from its name.
 * Both stay the same for as long as the right or role exists.
 */
@Component
class ScimGroupCatalog {

    /** A right group or a role group: exactly one of right and role is set. */
    record Group(String id, String displayName, CatalogRight right, Role role) {
    }

    private final Catalog catalog;

    ScimGroupCatalog(Catalog catalog) {
        this.catalog = catalog;
    }

    List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        for (CatalogRight right : catalog.rights()) {
            groups.add(of(right));
        }
        for (Role role : roleOrder()) {
            groups.add(of(role));
        }
        return groups;
    }

    Optional<Group> find(String id) {
        return groups().stream().filter(g -> g.id().equalsIgnoreCase(id == null ? "" : id.strip())).findFirst();
    }

    static Group of(CatalogRight right) {
        // A right named after its application already says which application it opens.
        String name = right.name().regionMatches(true, 0, right.application(), 0, right.application().length())
                ? right.name() : right.application() + " " + right.name();
        return new Group(right.id().toString(), name, right, null);
    }

    static Group of(Role role) {
        return new Group(roleId(role), roleName(role), null, role);
    }

    static String roleId(Role role) {
        return UUID.nameUUIDFromBytes(("gatehouse-role:" + role.name()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String roleName(Role role) {
        String lower = role.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static List<Role> roleOrder() {
        return List.of(Role.MANAGER, Role.CONTRIBUTOR, Role.OPERATOR, Role.USER);
    }
}
