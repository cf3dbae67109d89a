package io.gatehouse.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

interface SiteRepository extends Repository<Site, UUID> {

    Site save(Site site);

    List<Site> findByOrganizationIdOrderByNameKey(UUID organizationId);

    Optional<Site> findByIdAndOrganizationId(UUID id, UUID organizationId);

    boolean existsByOrganizationIdAndNameKey(UUID organizationId, String nameKey);
}
