package io.gatehouse.catalogue;

import io.gatehouse.shared.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which catalogues are on which organization's account. */
@Repository
class CatalogueAccounts {

    private final JdbcClient jdbc;

    CatalogueAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Catalogue id → when it was added. */
    Map<UUID, Instant> of(OrganizationId organization) {
        Map<UUID, Instant> onAccount = new HashMap<>();
        jdbc.sql("select catalogue_id, added_at from organization_catalogue where organization_id = ?")
                .param(organization.value())
                .query(rs -> {
                    onAccount.put(rs.getObject("catalogue_id", UUID.class), rs.getTimestamp("added_at").toInstant());
                });
        return onAccount;
    }

    boolean has(OrganizationId organization, UUID catalogue) {
        return jdbc.sql("select count(*) from organization_catalogue where organization_id = ? and catalogue_id = ?")
                .param(organization.value()).param(catalogue).query(Integer.class).single() > 0;
    }

    /** False when it was already there; callers hold the organization's lock, so two adds cannot race. */
    boolean add(OrganizationId organization, UUID catalogue, Instant now) {
        if (has(organization, catalogue)) {
            return false;
        }
        jdbc.sql("insert into organization_catalogue (organization_id, catalogue_id, added_at) values (?, ?, ?)")
                .param(organization.value()).param(catalogue).param(Timestamp.from(now)).update();
        return true;
    }

    boolean remove(OrganizationId organization, UUID catalogue) {
        return jdbc.sql("delete from organization_catalogue where organization_id = ? and catalogue_id = ?")
                .param(organization.value()).param(catalogue).update() > 0;
    }
}
