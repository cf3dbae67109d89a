package io.gatehouse.shared;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * What each log line of a request carries (the logging context), under these keys: the request's
 * id, which the customer can quote from an error page or a problem, who acts, and in which organization.
 */
public final class RequestIds {

    public static final String REQUEST_ID = "requestId";
    public static final String ACTOR_ID = "actorId";
    public static final String ORGANIZATION_ID = "organizationId";
    public static final String HEADER = "X-Request-Id";

    private RequestIds() {
    }

    /** The id of the request this thread serves, if it serves one. */
    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(REQUEST_ID));
    }
}
