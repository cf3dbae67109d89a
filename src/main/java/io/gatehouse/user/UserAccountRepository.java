package io.gatehouse.user;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

interface UserAccountRepository extends Repository<UserAccount, UUID> {

    UserAccount save(UserAccount account);

    void delete(UserAccount account);

    Optional<UserAccount> findById(UUID id);

    Optional<UserAccount> findByEmailKey(String emailKey);

    boolean existsByEmailKey(String emailKey);

    boolean existsByLoginKey(String loginKey);

    boolean existsByEmailKeyAndIdNot(String emailKey, UUID id);

    boolean existsByLoginKeyAndIdNot(String loginKey, UUID id);
}
