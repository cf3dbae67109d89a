package io.gatehouse.audit;

import java.time.Instant;
import java.util.Map;

public record AuditEntryView(String id, Instant occurredAt, String actorId, String actor, String organizationId, String action,
        String targetType, String targetId, Map<String, Object> before, Map<String, Object> after, String clientAddress) {
}
