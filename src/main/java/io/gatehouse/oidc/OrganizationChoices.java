package io.gatehouse.oidc;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The organization a person last signed in to each application for, offered without asking next time. */
@Component
class OrganizationChoices {

    private final JdbcClient jdbc;
    private final Clock clock;

    OrganizationChoices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<OrganizationId> remembered(UserId user, UUID application) {
        return jdbc.sql("select organization_id from oidc_organization_choice where user_id = ? and application_id = ?")
                .params(user.value(), application)
                .query((rs, n) -> new OrganizationId(rs.getObject(1, UUID.class)))
                .optional();
    }

    /** Statement by statement: a choice made twice at the same moment must not fail the sign-in. */
    void remember(UserId user, UUID application, OrganizationId organization) {
        if (remembered(user, application).filter(organization::equals).isPresent()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("update oidc_organization_choice set organization_id = ?, chosen_at = ? where user_id = ? and application_id = ?")
                .params(organization.value(), now, user.value(), application).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into oidc_organization_choice (user_id, application_id, organization_id, chosen_at) values (?, ?, ?, ?)")
                        .params(user.value(), application, organization.value(), now).update();
            } catch (org.springframework.dao.DuplicateKeyException sameMomentElsewhere) {
                // the same person chose in another tab at the same moment: either choice will do
            }
        }
    }
}
