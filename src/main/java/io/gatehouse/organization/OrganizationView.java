package io.gatehouse.organization;

import java.time.Instant;

public record OrganizationView(String id, String name, String region, ManagementMode managementMode, Instant createdAt) {

    static OrganizationView of(Organization o) {
        return new OrganizationView(o.id().toString(), o.name(), o.region(), o.managementMode(), o.createdAt());
    }
}
