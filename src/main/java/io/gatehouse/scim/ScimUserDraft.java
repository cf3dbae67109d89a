package io.gatehouse.scim;

import io.gatehouse.scim.ScimFilter.AttrPath;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A User as the directory wants it: read from a resource (POST, PUT) or from the member as they are
 * and then changed by PATCH operations. userName is the email address; emails are shown from it.
 */
final class ScimUserDraft {

    /** Attributes of the standard that Gatehouse does not keep: accepted, and let go. */
    private static final Set<String> NOT_KEPT = Set.of("displayname", "nickname", "name.formatted", "name.middlename",
            "name.honorificprefix", "name.honorificsuffix", "preferredlanguage", "locale", "timezone", "usertype",
            "profileurl", "phonenumbers", "addresses", "photos", "ims", "x509certificates", "entitlements", "roles",
            "password", "emails", "emails.value", "emails.type", "emails.primary", "emails.display");
    private static final Set<String> ENTERPRISE_NOT_KEPT = Set.of("employeenumber", "costcenter", "organization", "division",
            "manager.displayname", "manager.$ref");
    private static final Set<String> READ_ONLY = Set.of("id", "meta", "groups", "schemas");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    String userName;
    String givenName;
    String familyName;
    String title;
    Boolean active;
    String externalId;
    String department;
    String manager;

    static ScimUserDraft of(ScimUserStore.UserRow row) {
        ScimUserDraft draft = new ScimUserDraft();
        draft.userName = row.email();
        draft.givenName = row.firstName();
        draft.familyName = row.lastName();
        draft.title = row.position();
        draft.active = row.active();
        draft.externalId = row.externalId();
        draft.department = row.department();
        draft.manager = row.manager();
        return draft;
    }

    /** A whole resource, as POST and PUT send it: what it leaves out is unassigned. */
    static ScimUserDraft from(JsonNode resource) {
        if (resource == null || !resource.isObject()) {
            throw ScimException.invalidSyntax("a User object");
        }
        ScimUserDraft draft = new ScimUserDraft();
        draft.active = Boolean.TRUE;
        draft.setAll(resource, false);
        return draft;
    }

    /** Every attribute of an object value, as "replace" without a path and a whole resource carry them. */
    void setAll(JsonNode object, boolean strict) {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String key = entry.getKey();
            if (key.equalsIgnoreCase(UserFilterSql.ENTERPRISE) && entry.getValue().isObject()) {
                for (Map.Entry<String, JsonNode> extension : entry.getValue().properties()) {
                    set(new AttrPath(UserFilterSql.ENTERPRISE, extension.getKey(), null, null), extension.getValue());
                }
            } else if (READ_ONLY.contains(key.toLowerCase(Locale.ROOT))) {
                if (strict && !key.equalsIgnoreCase("schemas") && !key.equalsIgnoreCase("id")) {
                    throw ScimException.mutability(key);
                }
            } else {
                set(FilterParser.path(key), entry.getValue());
            }
        }
    }

    void set(AttrPath path, JsonNode value) {
        String name = path.name();
        if (isEnterprise(path)) {
            switch (name) {
                case "department" -> department = Json.text(value, "department");
                case "manager" -> manager = value != null && value.isObject()
                        ? Json.text(Json.field(value, "value"), "manager") : Json.text(value, "manager");
                case "manager.value" -> manager = Json.text(value, "manager");
                default -> {
                    if (!ENTERPRISE_NOT_KEPT.contains(name)) {
                        throw ScimException.invalidPath(path.print());
                    }
                }
            }
            return;
        }
        requireCore(path);
        if (path.valueFilter() != null) {
            // emails[type eq "work"].value, phoneNumbers[type eq "mobile"].value, addresses[…]: shown or not kept.
            if (!notKept(path)) {
                throw ScimException.invalidPath(path.print());
            }
            return;
        }
        switch (name) {
            case "username" -> userName = Json.text(value, "userName");
            case "name" -> {
                if (value == null || !value.isObject()) {
                    throw ScimException.invalidValue("name");
                }
                JsonNode given = Json.field(value, "givenName");
                JsonNode family = Json.field(value, "familyName");
                givenName = given == null ? givenName : Json.text(given, "name.givenName");
                familyName = family == null ? familyName : Json.text(family, "name.familyName");
            }
            case "name.givenname" -> givenName = Json.text(value, "name.givenName");
            case "name.familyname" -> familyName = Json.text(value, "name.familyName");
            case "title" -> title = Json.text(value, "title");
            case "active" -> active = Json.bool(value, "active");
            case "externalid" -> externalId = Json.text(value, "externalId");
            default -> {
                if (READ_ONLY.contains(path.attribute().toLowerCase(Locale.ROOT))) {
                    throw ScimException.mutability(path.print());
                }
                if (!notKept(path)) {
                    throw ScimException.invalidPath(path.print());
                }
            }
        }
    }

    void remove(AttrPath path) {
        String name = path.name();
        if (isEnterprise(path)) {
            switch (name) {
                case "department" -> department = null;
                case "manager", "manager.value" -> manager = null;
                default -> {
                    if (!ENTERPRISE_NOT_KEPT.contains(name)) {
                        throw ScimException.invalidPath(path.print());
                    }
                }
            }
            return;
        }
        requireCore(path);
        switch (name) {
            case "title" -> title = null;
            case "externalid" -> externalId = null;
            case "username", "name", "name.givenname", "name.familyname", "active" -> throw ScimException.invalidValue(path.print());
            default -> {
                if (READ_ONLY.contains(path.attribute().toLowerCase(Locale.ROOT))) {
                    throw ScimException.mutability(path.print());
                }
                if (!notKept(path)) {
                    throw ScimException.invalidPath(path.print());
                }
            }
        }
    }

    /** Checks what the member's account and the directory's columns accept; blanks count as unassigned. */
    ScimUserDraft validated() {
        userName = strip(userName);
        givenName = strip(givenName);
        familyName = strip(familyName);
        title = strip(title);
        externalId = strip(externalId);
        department = strip(department);
        manager = strip(manager);
        if (userName == null || userName.length() > 254 || !EMAIL.matcher(userName).matches()) {
            throw ScimException.invalidValue("userName (an email address)");
        }
        if (givenName == null || givenName.length() > 100) {
            throw ScimException.invalidValue("name.givenName");
        }
        if (familyName == null || familyName.length() > 100) {
            throw ScimException.invalidValue("name.familyName");
        }
        limit(title, 200, "title");
        limit(externalId, 254, "externalId");
        limit(department, 200, "department");
        limit(manager, 254, "manager");
        if (active == null) {
            active = Boolean.TRUE;
        }
        return this;
    }

    boolean sameExtension(ScimUserStore.UserRow row) {
        return Objects.equals(externalId, row.externalId()) && Objects.equals(department, row.department())
                && Objects.equals(manager, row.manager());
    }

    private static boolean notKept(AttrPath path) {
        return NOT_KEPT.contains(path.name()) || NOT_KEPT.contains(path.attribute().toLowerCase(Locale.ROOT));
    }

    private static boolean isEnterprise(AttrPath path) {
        return UserFilterSql.ENTERPRISE.equals(path.schemaLowerCase());
    }

    private static void requireCore(AttrPath path) {
        if (path.schema() != null && !UserFilterSql.CORE.equals(path.schemaLowerCase())) {
            throw ScimException.invalidPath(path.print());
        }
    }

    private static void limit(String value, int max, String attribute) {
        if (value != null && value.length() > max) {
            throw ScimException.invalidValue(attribute);
        }
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
