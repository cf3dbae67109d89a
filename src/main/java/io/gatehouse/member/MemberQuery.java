package io.gatehouse.member;

import io.gatehouse.access.Role;
import io.gatehouse.shared.SiteId;
import java.util.Set;

/** Filters of the User Management list; null (no status: empty) means "any"; several statuses mean any of them. */
public record MemberQuery(String q, Role role, String application, String right, SiteId site, Set<MemberStatus> statuses,
        boolean onlyWithApplication, MemberSort.Order sort) {

    public MemberQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        q = q == null || q.isBlank() ? null : q.strip();
        application = application == null || application.isBlank() ? null : application.strip();
        right = right == null || right.isBlank() ? null : right.strip();
        sort = sort == null ? new MemberSort.Order(MemberSort.NAME, false) : sort;
    }

    /** One status, or any when null: as the API and the CSV export ask. */
    public static Set<MemberStatus> status(MemberStatus status) {
        return status == null ? Set.of() : Set.of(status);
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
        return new MemberQuery(null, null, null, null, null, Set.of(), false, null);
    }
}
