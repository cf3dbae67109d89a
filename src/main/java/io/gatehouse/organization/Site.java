package io.gatehouse.organization;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;
import java.util.UUID;

@Table("site")
class Site {

    @Id
    private UUID id;

    private UUID organizationId;

    private String name;

    private String nameKey;

    private Instant createdAt;

    @Version
    private long version;

    protected Site() {
    }

    Site(UUID organizationId, String name, Instant now) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.name = name.strip();
        this.nameKey = Organization.key(name);
        this.createdAt = now;
    }

    UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    String name() {
        return name;
    }

    Instant createdAt() {
        return createdAt;
    }
}
