package io.gatehouse.shared;

import java.util.Map;

/**
 * Published by every change, inside the change's transaction; the audit feature writes it down
 * in that same transaction, so a change without its entry cannot commit.
 */
public record Audited(
        ActorRef actor,
        OrganizationId organizationId,
        String action,
        String targetType,
        String targetId,
        Map<String, Object> before,
        Map<String, Object> after) {

    public Audited {
        if (actor == null || action == null || targetType == null) {
            throw new IllegalArgumentException("actor, action and target type are required");
        }
        before = before == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(before));
        after = after == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
    }
}
