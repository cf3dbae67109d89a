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

    /** "Any status" in the queue, whose default is the open tickets. */
    static final String ANY = "ANY";

    /** The ages the queue offers, in days. */
    static final List<Integer> AGES = List.of(1, 3, 7, 30);

    TicketFilter {
        status = blankToNull(status);
        org = blankToNull(org);
        type = blankToNull(type);
        age = blankToNull(age);
        page = blankToNull(page);
    }

    /** The status asked for; in the queue, no choice means the open tickets, waiting for someone to take them on. */
    RequestStatus statusValue(boolean queue) {
        if (status == null) {
            return queue ? RequestStatus.OPEN : null;
        }
        return choice(RequestStatus.class, status);
    }

    /** What the status select shows as chosen: a status name, ANY, or "" for "all" in My tickets. */
    public String statusChoice(boolean queue) {
        RequestStatus value = statusValue(queue);
        return value != null ? value.name() : (queue ? ANY : "");
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
        RequestStatus value = statusValue(queue);
        if (value != null && !(queue && value == RequestStatus.OPEN)) {
            url.queryParam("status", value.name());
        } else if (queue && value == null) {
            url.queryParam("status", ANY);
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
