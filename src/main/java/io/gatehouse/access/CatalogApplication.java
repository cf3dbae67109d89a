package io.gatehouse.access;

import java.util.List;
import java.util.UUID;

public record CatalogApplication(UUID id, String name, boolean managedExternally, List<CatalogRight> rights) {

    public CatalogApplication {
        rights = List.copyOf(rights);
    }
}
