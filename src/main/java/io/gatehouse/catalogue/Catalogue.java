package io.gatehouse.catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

@Table("catalogue")
class Catalogue {

    @Table("catalogue_region")
    record Region(String region) {
    }

    @Table("catalogue_language")
    record Language(String language) {
    }

    @Id
    private UUID id;

    private String name;

    private String supplier;

    private String description;

    private String version;

    private LocalDate publishedOn;

    private Instant createdAt;

    @MappedCollection(idColumn = "catalogue_id")
    private Set<Region> regions;

    @MappedCollection(idColumn = "catalogue_id")
    private Set<Language> languages;

    @Version
    private long rowVersion;

    protected Catalogue() {
    }

    static Catalogue define(CatalogueDetails details, Instant now) {
        Catalogue catalogue = new Catalogue();
        catalogue.id = UUID.randomUUID();
        catalogue.createdAt = now;
        catalogue.describe(details);
        return catalogue;
    }

    void describe(CatalogueDetails details) {
        this.name = details.name();
        this.supplier = details.supplier();
        this.description = details.description();
        this.version = details.version();
        this.publishedOn = details.publishedOn();
        this.regions = details.regions().stream().map(Region::new).collect(Collectors.toSet());
        this.languages = details.languages().stream().map(Language::new).collect(Collectors.toSet());
    }

    UUID id() {
        return id;
    }

    boolean offeredIn(String region) {
        return regions.contains(new Region(region));
    }

    CatalogueDetails details() {
        return new CatalogueDetails(name, supplier, description, version, publishedOn,
                regions.stream().map(Region::region).collect(Collectors.toCollection(TreeSet::new)),
                languages.stream().map(Language::language).collect(Collectors.toCollection(TreeSet::new)));
    }

    CatalogueView view() {
        return CatalogueView.of(id, details(), createdAt);
    }

    Map<String, Object> snapshot() {
        CatalogueDetails details = details();
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("name", details.name());
        snapshot.put("supplier", details.supplier());
        snapshot.put("version", details.version());
        snapshot.put("publishedOn", details.publishedOn().toString());
        snapshot.put("regions", details.regions().stream().toList());
        snapshot.put("languages", details.languages().stream().toList());
        return snapshot;
    }
}
