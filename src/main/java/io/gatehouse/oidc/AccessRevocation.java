package io.gatehouse.oidc;

import io.gatehouse.access.MemberAccessChanged;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.webhook.Deliveries;
import io.gatehouse.webhook.NewDelivery;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ends a person's sign-in to an application the moment their access there ends. Every change of a
 * person's access is announced in its own transaction; each asks the sign-on policy again for every
 * application the person is signed in to in that organization, and where it now says no, revokes
 * everything the application holds for them (and so does a right of the application withdrawn) — the change and the revocation commit together, so
 * the next refresh is refused and introspection says inactive from the very commit — and queues a
 * back-channel logout to the application, sent once the change has committed.
 */
@Component
class AccessRevocation {

    static final String BACKCHANNEL_LOGOUT = "BACKCHANNEL_LOGOUT";

    private final JdbcClient jdbc;
    private final SignOns signOns;
    private final ClientRegistrations clients;
    private final Deliveries deliveries;

    AccessRevocation(JdbcClient jdbc, SignOns signOns, ClientRegistrations clients, Deliveries deliveries) {
        this.jdbc = jdbc;
        this.signOns = signOns;
        this.clients = clients;
        this.deliveries = deliveries;
    }

    /** What one application holds for the person in one organization, and the issuer it knows. */
    record Held(String client, UUID organization, String issuer) {
    }

    @EventListener
    void on(MemberAccessChanged change) {
        // A right of an application withdrawn ends the sign-in there too, even when others remain:
        // the application signs the person in again and learns their rights as they are now.
        java.util.Set<UUID> rightsWithdrawn = change.changes().contains(MemberAccessChanged.Change.RIGHTS_WITHDRAWN)
                ? change.applicationIds() : java.util.Set.of();
        for (Held revoked : revokeWhereDenied(change.userId(), change.organizationId(), rightsWithdrawn)) {
            UUID application = UUID.fromString(revoked.client());
            if (revoked.issuer() != null && clients.backchannelLogoutUri(application).filter(uri -> !uri.isBlank()).isPresent()) {
                deliveries.enqueue(new NewDelivery(application, BACKCHANNEL_LOGOUT, change.organizationId(), change.userId(),
                        change.changeRequestId(), BackchannelLogouts.payload(revoked.issuer(), change.userId())));
            }
        }
    }

    /**
     * Revokes the person's authorizations in the organization that the policy no longer allows, and
     * those of the applications named; answers what it revoked.
     */
    List<Held> revokeWhereDenied(UserId user, OrganizationId organization, java.util.Set<UUID> endedAnyway) {
        List<Held> held = jdbc.sql("""
                        select registered_client_id, organization_id, max(issuer) from oauth2_authorization
                        where principal_name = ? and organization_id = ?
                        group by registered_client_id, organization_id""")
                .params(user.toString(), organization.value())
                .query((rs, n) -> new Held(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)))
                .list();
        List<Held> revoked = new ArrayList<>();
        for (Held h : held) {
            UUID application = UUID.fromString(h.client());
            boolean allowed = !endedAnyway.contains(application) && signOns.person(user, organization, application)
                    .map(p -> p.decision().allowed()).orElse(false);
            if (!allowed) {
                revoke(user, h);
                revoked.add(h);
            }
        }
        return revoked;
    }

    private void revoke(UserId user, Held held) {
        String where = "principal_name = ? and registered_client_id = ? and organization_id = ?";
        jdbc.sql("delete from oauth2_spent_refresh_token where authorization_id in (select id from oauth2_authorization where "
                        + where + ")")
                .params(user.toString(), held.client(), held.organization()).update();
        jdbc.sql("delete from oauth2_authorization where " + where)
                .params(user.toString(), held.client(), held.organization()).update();
    }
}
