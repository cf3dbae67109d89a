package io.gatehouse.member;

import io.gatehouse.shared.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Account facts the export needs beyond the list's: language, creation date and the product version
 * last used in the organization, read a batch at a time and only for members of the given organization.
 */
@Component
@Transactional(readOnly = true)
class MemberAccounts {

    /** {@code versionUsed} is "Showcase 360 4.2.1", or empty when the person never used a product of the organization. */
    record Facts(String language, Instant createdAt, String versionUsed) {
    }

    private final JdbcClient jdbc;

    MemberAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Facts> of(OrganizationId organization, Collection<String> userIds) {
        Map<String, Facts> facts = new HashMap<>();
        if (userIds.isEmpty()) {
            return facts;
        }
        jdbc.sql("""
                        select u.id, u.language, u.created_at, p.product_name, p.version from user_account u
                        left join product_use p on p.organization_id = :org and p.user_id = u.id
                        where u.id in (:ids)
                          and exists (select 1 from membership m where m.user_id = u.id and m.organization_id = :org)""")
                .param("org", organization.value())
                .param("ids", userIds.stream().map(UUID::fromString).toList())
                .query((rs, n) -> {
                    Timestamp created = rs.getTimestamp("created_at");
                    return Map.entry(rs.getObject("id", UUID.class).toString(),
                            new Facts(rs.getString("language"), created == null ? null : created.toInstant(),
                                    ProductUses.label(rs.getString("product_name"), rs.getString("version"))));
                })
                .list()
                .forEach(e -> facts.put(e.getKey(), e.getValue()));
        return facts;
    }
}
