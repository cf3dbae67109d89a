package io.gatehouse.product;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

@Table("product")
class Product {

    @Id
    private UUID id;

    private String name;

    private String description;

    private ProductKind kind;

    private UUID applicationId;

    private Instant createdAt;

    @Version
    private long version;

    protected Product() {
    }

    private Product(String name, String description, ProductKind kind, UUID applicationId, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.description = description == null ? "" : description;
        this.kind = kind;
        this.applicationId = applicationId;
        this.createdAt = now;
    }

    static Product define(String name, String description, ProductKind kind, UUID applicationId, Instant now) {
        return new Product(name, description, kind, applicationId, now);
    }

    void describe(String name, String description) {
        this.name = name;
        this.description = description == null ? "" : description;
    }

    UUID id() {
        return id;
    }

    ProductSummary summary() {
        return new ProductSummary(id, name, description, kind, applicationId);
    }
}
