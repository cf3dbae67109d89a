package io.gatehouse.scim;

/** If-Match as RFC 7644 §3.14 uses it: a change to a resource whose version moved on is refused with 412. */
final class ETags {

    private ETags() {
    }

    static void require(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(opaque(current))) {
                return;
            }
        }
        throw new ScimException(412, null, "scim.error.preconditionFailed");
    }

    /** Weak comparison: W/"3" and "3" name the same version. */
    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
