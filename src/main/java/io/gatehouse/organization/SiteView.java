package io.gatehouse.organization;

import io.gatehouse.shared.SiteId;
import java.time.Instant;

public record SiteView(String id, String name, Instant createdAt) {

    static SiteView of(Site site) {
        return new SiteView(site.id().toString(), site.name(), site.createdAt());
    }

    public SiteId siteId() {
        return SiteId.parse(id);
    }
}
