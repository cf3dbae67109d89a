package io.gatehouse.request;

import static io.gatehouse.shared.FormValues.blankToNull;
import static io.gatehouse.shared.FormValues.choice;

import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import java.time.Duration;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The filters of "My tickets" and of the support queue as they arrive in the address. Read
 * leniently: a value that does not parse (an old bookmark, a hand-edited address) counts as its
 * default instead of failing.
 */
record TicketFilter(String status, String org, String type, String age, String page) {

    /** "Any status" in the queue, whose default is every ticket still to decide. */
    static final String ANY = "ANY";

    /** What the queue shows when no status is chosen: everything still waiting for a decision. */
    static final List<RequestStatus> TO_DECIDE = List.of(RequestStatus.OPEN, RequestStatus.IN_PROGRESS);

    /** The ages the queue offers, in days. */
    static final List<Integer> AGES = List.of(1, 3, 7, 30);

    TicketFilter {
        status = blankToNull(status);
        org = blankToNull(org);
        type = blankToNull(type);
        age = blankToNull(age);
        page = blankToNull(page);
    }

    /** The one status asked for, or null: none chosen, ANY, or a value that does not parse. */
    RequestStatus statusValue() {
        return status == null ? null : choice(RequestStatus.class, status);
    }

    /**
     * The statuses to show; empty means any. In the queue no choice means everything still to
     * decide: a ticket someone took on stays in view until it is decided.
     */
    List<RequestStatus> statuses(boolean queue) {
        RequestStatus value = statusValue();
        if (value != null) {
            return List.of(value);
        }
        return queue && !any() ? TO_DECIDE : List.of();
    }

    private boolean any() {
        return ANY.equalsIgnoreCase(status);
    }

    /** What the status select shows as chosen: a status name, ANY, or "" for the default (to decide in the queue, all in My tickets). */
    public String statusChoice(boolean queue) {
        RequestStatus value = statusValue();
        if (value != null) {
            return value.name();
        }
        return queue && any() ? ANY : "";
    }

    public RequestType typeValue() {
        return choice(RequestType.class, type);
    }

    OrganizationId organizationValue() {
        if (org == null) {
            return null;
        }
        try {
            return OrganizationId.parse(org);
        } catch (NotFoundException e) {
            return null;
        }
    }

    public Integer ageValue() {
        try {
            Integer days = age == null ? null : Integer.valueOf(age.strip());
            return days != null && AGES.contains(days) ? days : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    Duration olderThan() {
        Integer days = ageValue();
        return days == null ? null : Duration.ofDays(days);
    }

    /** One-based in the address, as people count pages. */
    int pageNumber() {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The address of another page with the same filters. */
    String url(String base, boolean queue, int pageNumber) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(base);
        String choice = statusChoice(queue);
        if (!choice.isEmpty()) {
            url.queryParam("status", choice);
        }
        if (queue && organizationValue() != null) {
            url.queryParam("org", organizationValue().toString());
        }
        if (queue && typeValue() != null) {
            url.queryParam("type", typeValue().name());
        }
        if (queue && ageValue() != null) {
            url.queryParam("age", ageValue());
        }
        if (pageNumber > 1) {
            url.queryParam("page", pageNumber);
        }
        return url.encode().toUriString();
    }
}
