package io.gatehouse.member;

import io.gatehouse.access.Role;
import io.gatehouse.shared.SiteId;

/** Filters of the User Management list; null means "any". */
public record MemberQuery(String q, Role role, String application, String right, SiteId site, MemberStatus status,
        boolean onlyWithApplication, MemberSort.Order sort) {

    public MemberQuery {
        q = q == null || q.isBlank() ? null : q.strip();
        application = application == null || application.isBlank() ? null : application.strip();
        right = right == null || right.isBlank() ? null : right.strip();
        sort = sort == null ? new MemberSort.Order(MemberSort.NAME, false) : sort;
    }

    /** The site filter as a client wrote it; an id that names no site is a field error, not an empty list. */
    public static SiteId site(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return SiteId.parse(text.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (io.gatehouse.shared.NotFoundException e) {
            throw io.gatehouse.shared.InvalidInputException.of("site", "validation.site.unknown", text);
        }
    }

    public static MemberQuery all() {
        return new MemberQuery(null, null, null, null, null, null, false, null);
    }
}
