package io.gatehouse.organization;

import java.time.Instant;

/** defaultLanguage: the language of mail to the organization's people who have not chosen one ("en"). */
public record OrganizationView(String id, String name, String region, ManagementMode managementMode, String defaultLanguage,
        Instant createdAt) {

    static OrganizationView of(Organization o) {
        return new OrganizationView(o.id().toString(), o.name(), o.region(), o.managementMode(), o.defaultLanguage(), o.createdAt());
    }
}
