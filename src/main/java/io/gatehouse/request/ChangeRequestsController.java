package io.gatehouse.request;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Requests", description = "Change requests (tickets): My tickets, the vendor support queue, approve, reject, comment, cancel")
class ChangeRequestsController {

    private final ChangeRequests requests;
    private final MessageSource messages;

    ChangeRequestsController(ChangeRequests requests, MessageSource messages) {
        this.requests = requests;
        this.messages = messages;
    }

    record Reason(String reason) {
    }

    record Comment(String text) {
    }

    @GetMapping("/api/v1/organizations/{orgId}/requests")
    @Operation(summary = "My tickets: the organization's requests, newest first")
    PageResult<RequestView> forOrganization(Actor actor, @PathVariable String orgId, @RequestParam(required = false) RequestStatus status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return requests.forOrganization(actor, OrganizationId.parse(orgId), status, PageRequest.of(page, size));
    }

    @GetMapping("/api/v1/requests")
    @Operation(summary = "The vendor support queue across organizations, oldest first; "
            + "filter by status, organization (org), type, and age in days (olderThanDays)")
    PageResult<RequestView> queue(Actor actor, @RequestParam(required = false) RequestStatus status,
            @RequestParam(required = false) String org, @RequestParam(required = false) RequestType type,
            @RequestParam(required = false) Integer olderThanDays, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        if (olderThanDays != null && (olderThanDays < 0 || olderThanDays > 3650)) {
            throw InvalidInputException.of("olderThanDays", "validation.range", 0, 3650);
        }
        return requests.queue(actor, new ChangeRequests.QueueQuery(status, org == null || org.isBlank() ? null : OrganizationId.parse(org),
                type, olderThanDays == null ? null : Duration.ofDays(olderThanDays)), PageRequest.of(page, size));
    }

    @GetMapping("/api/v1/requests/{id}")
    @Operation(summary = "One request: the change as before and after, reason, note, status and timeline")
    RequestView get(Actor actor, @PathVariable String id) {
        return requests.get(actor, requestId(id));
    }

    @PostMapping("/api/v1/requests/{id}/assign")
    @Operation(summary = "Take the request on (vendor staff): it is then in progress")
    RequestView assign(Actor actor, @PathVariable String id) {
        return requests.assignToSelf(actor, requestId(id));
    }

    @PostMapping("/api/v1/requests/{id}/approve")
    @Operation(summary = "Approve (vendor staff, never one's own request): the change is checked against today's state and "
            + "applied at once; 409 with the reason when it no longer fits, or when the requester could no longer make it themselves")
    RequestView approve(Actor actor, @PathVariable String id) {
        UUID request = requestId(id);
        try {
            return requests.approve(actor, request);
        } catch (RequestConflictException e) {
            requests.noteConflict(actor, request, text(e.messageCode(), e.arguments().toArray()));
            throw e;
        } catch (ConflictException e) {
            if (!"conflict.request.decided".equals(e.messageCode())) {
                requests.noteConflict(actor, request, text(e.messageCode(), null));
            }
            throw e;
        }
    }

    @PostMapping("/api/v1/requests/{id}/reject")
    @Operation(summary = "Reject (vendor staff) with a reason, which the requester reads")
    RequestView reject(Actor actor, @PathVariable String id, @RequestBody Reason body) {
        return requests.reject(actor, requestId(id), body == null ? null : body.reason());
    }

    @PostMapping("/api/v1/requests/{id}/comments")
    @Operation(summary = "Add a comment to the timeline")
    RequestView comment(Actor actor, @PathVariable String id, @RequestBody Comment body) {
        return requests.comment(actor, requestId(id), body == null ? null : body.text());
    }

    @PostMapping("/api/v1/requests/{id}/cancel")
    @Operation(summary = "Cancel a request while it is still open")
    RequestView cancel(Actor actor, @PathVariable String id) {
        return requests.cancel(actor, requestId(id));
    }

    private String text(String code, Object[] arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(code, arguments, code, locale);
    }

    static UUID requestId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("request");
        }
    }
}
