package io.gatehouse.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A ticket as people read it: what was asked (before and after), by whom, for whom, where it
 * stands, and everything that happened to it, oldest first.
 */
public record RequestView(String id, long number, RequestType type, RequestStatus status, String organizationId,
        String organizationName, String requesterId, String requester, String targetUserId, String target,
        Map<String, Object> before, Map<String, Object> after, String reason, String note, String assignee,
        Instant createdAt, Instant updatedAt, List<Event> timeline) {

    /** One line of the timeline: created, taken on, commented, applied, rejected, cancelled, conflict. */
    public record Event(Instant at, String actor, String kind, String text) {
    }
}
