package io.gatehouse.member;

import static io.gatehouse.shared.FormValues.blankToNull;
import static io.gatehouse.shared.FormValues.choice;

import io.gatehouse.access.Role;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.SiteId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The filters of the User Management page as they arrive in the address. Read leniently: a value
 * that does not parse (an old bookmark, a hand-edited address) counts as "any" instead of failing.
 */
public record MemberFilter(String q, String role, String application, String right, String site, String status,
        String hasApplication, String sort, String page) {

    /** The statuses shown as "Active". */
    static final Set<MemberStatus> READ_AS_ACTIVE = Set.of(MemberStatus.ACTIVE, MemberStatus.CONNECTED);

    static final MemberFilter NONE = new MemberFilter(null, null, null, null, null, null, null, null, null);

    public MemberFilter {
        q = blankToNull(q);
        application = blankToNull(application);
        right = blankToNull(right);
        site = blankToNull(site);
        role = blankToNull(role);
        status = blankToNull(status);
        sort = blankToNull(sort);
        page = blankToNull(page);
        hasApplication = blankToNull(hasApplication);
    }

    public Role roleValue() {
        return choice(Role.class, role);
    }

    /**
     * The status as people read it: someone who signed in after an invitation reads "Active" like anyone
     * added directly, so CONNECTED (an older address) is read as ACTIVE.
     */
    public MemberStatus statusValue() {
        MemberStatus value = choice(MemberStatus.class, status);
        return value == MemberStatus.CONNECTED ? MemberStatus.ACTIVE : value;
    }

    /** The statuses a chosen status stands for on the page: "Active" is everyone who reads it. */
    Set<MemberStatus> statuses() {
        MemberStatus value = statusValue();
        return value == null ? Set.of() : value == MemberStatus.ACTIVE ? READ_AS_ACTIVE : Set.of(value);
    }

    SiteId siteValue() {
        if (site == null) {
            return null;
        }
        try {
            return SiteId.parse(site.toLowerCase(Locale.ROOT));
        } catch (NotFoundException e) {
            return null;
        }
    }

    public boolean onlyWithApplication() {
        return "true".equalsIgnoreCase(hasApplication) || "on".equalsIgnoreCase(hasApplication);
    }

    MemberSort.Order order() {
        try {
            return MemberSort.parse(sort);
        } catch (InvalidInputException e) {
            return MemberSort.parse(null);
        }
    }

    /** The sort as written in the address: "name", "-email"… */
    public String sortParam() {
        MemberSort.Order order = order();
        return (order.descending() ? "-" : "") + order.sort().name().toLowerCase(Locale.ROOT).replace("_", "");
    }

    /** One-based in the address, as people count pages. */
    int pageNumber() {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    MemberQuery query() {
        return new MemberQuery(q, roleValue(), application, right, siteValue(), statuses(), onlyWithApplication(), order());
    }

    MemberFilter withSort(String newSort) {
        return new MemberFilter(q, role, application, right, site, status, hasApplication, newSort, null);
    }

    /**
     * The team table of a vendor-managed organization shows only people with at least one cloud
     * application unless the person asked for everyone.
     */
    MemberFilter withApplicationByDefault() {
        return hasApplication != null ? this
                : new MemberFilter(q, role, application, right, site, status, "true", sort, page);
    }

    /** Whether anything differs from what the page shows by default, so "Clear filters" has something to clear. */
    public boolean clearable(boolean applicationByDefault) {
        boolean others = q != null || roleValue() != null || application != null || right != null || siteValue() != null
                || statusValue() != null;
        return applicationByDefault ? others || !onlyWithApplication() : others || onlyWithApplication();
    }

    MemberFilter withPage(int number) {
        return new MemberFilter(q, role, application, right, site, status, hasApplication, sort, String.valueOf(number));
    }

    public boolean filtered() {
        return q != null || roleValue() != null || application != null || right != null || siteValue() != null
                || statusValue() != null || onlyWithApplication();
    }

    /** The filters as a query string ("?q=…&role=…"), or "" when there are none; page 1 and the default sort are left out. */
    String queryString(boolean withSortAndPage) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        params.put("role", roleValue() == null ? null : roleValue().name());
        params.put("application", application);
        params.put("right", right);
        params.put("site", siteValue() == null ? null : siteValue().toString());
        params.put("status", statusValue() == null ? null : statusValue().name());
        // "false" is kept where it was asked for: it overrides the team table's default.
        params.put("hasApplication", onlyWithApplication() ? "true" : "false".equalsIgnoreCase(hasApplication) ? "false" : null);
        if (withSortAndPage) {
            params.put("sort", "name".equals(sortParam()) ? null : sortParam());
            params.put("page", pageNumber() == 1 ? null : String.valueOf(pageNumber()));
        }
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> {
            if (value != null) {
                query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }
}
