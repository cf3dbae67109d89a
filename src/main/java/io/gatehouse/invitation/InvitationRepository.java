package io.gatehouse.invitation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.CrudRepository;

interface InvitationRepository extends CrudRepository<Invitation, UUID> {

    Optional<Invitation> findByIdAndOrganizationId(UUID id, UUID organizationId);

    List<Invitation> findByTokenHash(String tokenHash);

    List<Invitation> findByUserId(UUID userId);
}
