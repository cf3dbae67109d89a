package io.gatehouse.request;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.OrganizationId;
import java.util.Map;

/**
 * A kind of request that another feature raises (through {@link Requests}) and applies: the request
 * flow keeps the ticket, the queue, the decision and the mail; the feature knows what approving does.
 */
public interface RequestKind {

    RequestType type();

    /**
     * Applies the ticket's change as the approver, inside the approval's transaction and under the
     * organization's lock. {@code requesterToday} is the requester as they are now, or null when their
     * account is gone or disabled. Throwing a 4xx exception leaves the ticket open, with the reason.
     *
     * @return what the ticket shows once applied
     */
    Map<String, Object> apply(Actor approver, Actor requesterToday, OrganizationId organization, Map<String, Object> change);
}
