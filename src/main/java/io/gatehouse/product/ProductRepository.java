package io.gatehouse.product;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;

interface ProductRepository extends ListCrudRepository<Product, UUID> {

    Optional<Product> findByApplicationId(UUID applicationId);
}
