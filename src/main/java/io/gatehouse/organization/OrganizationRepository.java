package io.gatehouse.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

interface OrganizationRepository extends Repository<Organization, UUID> {

    Organization save(Organization organization);

    Optional<Organization> findById(UUID id);

    boolean existsByNameKey(String nameKey);

    boolean existsByNameKeyAndIdNot(String nameKey, UUID id);

    List<Organization> findByNameKeyStartingWithOrderByNameKey(String prefix, Pageable page);

    long countByNameKeyStartingWith(String prefix);
}
