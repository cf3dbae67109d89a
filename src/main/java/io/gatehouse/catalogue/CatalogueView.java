package io.gatehouse.catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A catalogue as the API and the pages show it. */
public record CatalogueView(String id, String name, String supplier, String description, String version, LocalDate publishedOn,
        List<String> regions, List<String> languages, Instant createdAt) {

    public CatalogueView {
        regions = List.copyOf(regions);
        languages = List.copyOf(languages);
    }

    static CatalogueView of(UUID id, CatalogueDetails details, Instant createdAt) {
        return new CatalogueView(id.toString(), details.name(), details.supplier(), details.description(), details.version(),
                details.publishedOn(), details.regions().stream().sorted().toList(), details.languages().stream().sorted().toList(),
                createdAt);
    }
}
