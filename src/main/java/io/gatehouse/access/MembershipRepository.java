package io.gatehouse.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface MembershipRepository extends Repository<Membership, UUID> {

    Membership save(Membership membership);

    void delete(Membership membership);

    Optional<Membership> findByOrganizationIdAndUserId(UUID organizationId, UUID userId);

    List<Membership> findByUserId(UUID userId);

    @Modifying
    @Query("""
            update membership set first_name_key = :firstName, last_name_key = :lastName, email_key = :email,
                login_key = :login where user_id = :userId""")
    int updateIdentity(UUID userId, String firstName, String lastName, String email, String login);
}
