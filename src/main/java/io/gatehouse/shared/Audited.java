package io.gatehouse.shared;

import java.util.Collection;
import java.util.List;
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

    /**
     * One entry for each organization a person belongs to, so that each one's trail shows a change to
     * the person's account; a single entry without an organization for someone who belongs to none
     * (vendor staff).
     */
    public static List<Audited> inEach(Collection<OrganizationId> organizations, ActorRef actor, String action,
            String targetType, String targetId, Map<String, Object> before, Map<String, Object> after) {
        if (organizations.isEmpty()) {
            return List.of(new Audited(actor, null, action, targetType, targetId, before, after));
        }
        return organizations.stream()
                .map(organization -> new Audited(actor, organization, action, targetType, targetId, before, after))
                .toList();
    }
}
