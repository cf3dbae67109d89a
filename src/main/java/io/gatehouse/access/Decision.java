package io.gatehouse.access;

import io.gatehouse.shared.ForbiddenException;

/** A policy's answer: allowed, or denied with a reason a person can read (a message code). */
public record Decision(boolean allowed, String reason) {

    private static final Decision ALLOW = new Decision(true, null);

    public Decision {
        if (!allowed && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a denial needs a reason");
        }
    }

    public static Decision allow() {
        return ALLOW;
    }

    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }

    public boolean denied() {
        return !allowed;
    }

    /** Continues with the next rule only while this one allows. */
    public Decision and(java.util.function.Supplier<Decision> next) {
        return allowed ? next.get() : this;
    }

    public void orThrow() {
        if (!allowed) {
            throw new ForbiddenException(reason);
        }
    }
}
