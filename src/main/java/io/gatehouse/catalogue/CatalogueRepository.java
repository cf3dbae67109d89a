package io.gatehouse.catalogue;

import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;

interface CatalogueRepository extends ListCrudRepository<Catalogue, UUID> {

    boolean existsByNameAndSupplier(String name, String supplier);
}
