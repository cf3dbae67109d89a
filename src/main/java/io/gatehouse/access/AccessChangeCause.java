package io.gatehouse.access;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Names the approved change request on whose behalf access is being changed, so that the
 * {@link MemberAccessChanged} events published meanwhile carry it. Bound to the calling thread for
 * the duration of the work, which runs inside the approval's transaction.
 */
public final class AccessChangeCause {

    private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

    private AccessChangeCause() {
    }

    /** Runs the work with access changes attributed to the change request. */
    public static <T> T changeRequest(UUID changeRequestId, Supplier<T> work) {
        UUID outer = CURRENT.get();
        CURRENT.set(changeRequestId);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    static UUID current() {
        return CURRENT.get();
    }
}
