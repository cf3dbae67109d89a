package io.gatehouse.scim;

import java.util.List;

/**
 * A SCIM error (RFC 7644 §3.12): the HTTP status, the scimType where the standard names one, and
 * the detail as a message code of the bundles with its arguments.
 */
class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;
    private final String messageCode;
    private final List<Object> arguments;

    ScimException(int status, String scimType, String messageCode, Object... arguments) {
        super(messageCode);
        this.status = status;
        this.scimType = scimType;
        this.messageCode = messageCode;
        this.arguments = List.of(arguments);
    }

    static ScimException invalidFilter(String what) {
        return new ScimException(400, "invalidFilter", "scim.error.invalidFilter", what);
    }

    static ScimException invalidValue(String what) {
        return new ScimException(400, "invalidValue", "scim.error.invalidValue", what);
    }

    static ScimException invalidPath(String path) {
        return new ScimException(400, "invalidPath", "scim.error.invalidPath", path);
    }

    static ScimException invalidSyntax(String what) {
        return new ScimException(400, "invalidSyntax", "scim.error.invalidSyntax", what);
    }

    static ScimException mutability(String attribute) {
        return new ScimException(400, "mutability", "scim.error.mutability", attribute);
    }

    static ScimException noTarget(String path) {
        return new ScimException(400, "noTarget", "scim.error.noTarget", path);
    }

    static ScimException notFound(String resource) {
        return new ScimException(404, null, "scim.error.notFound", resource);
    }

    int status() {
        return status;
    }

    String scimType() {
        return scimType;
    }

    String messageCode() {
        return messageCode;
    }

    List<Object> arguments() {
        return arguments;
    }
}
