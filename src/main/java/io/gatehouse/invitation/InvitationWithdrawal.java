package io.gatehouse.invitation;

import io.gatehouse.member.MemberRemoved;
import io.gatehouse.shared.Audited;
import io.gatehouse.user.Accounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A person removed from an organization loses the invitation that would have brought them in:
 * no link may make an account that belongs to no organization. Runs in the removing transaction.
 */
@Component
class InvitationWithdrawal {

    private final InvitationRepository invitations;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InvitationWithdrawal(InvitationRepository invitations, Accounts accounts, ApplicationEventPublisher events, Clock clock) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(MemberRemoved removed) {
        Instant now = clock.instant();
        for (Invitation invitation : invitations.findByUserId(removed.user().value())) {
            InvitationStatus status = invitation.status(now);
            if (!invitation.organizationId().equals(removed.organization().value()) || invitation.kind() != Invitation.Kind.INVITED
                    || (status != InvitationStatus.PENDING && status != InvitationStatus.EXPIRED)) {
                continue;
            }
            invitation.revoke(now);
            invitations.save(invitation);
            events.publishEvent(new Audited(removed.by(), removed.organization(), "invitation.revoked", "invitation",
                    invitation.id().toString(), Map.of("email", invitation.email()), Map.of("reason", "member.removed")));
        }
        // A waiting account that no organization holds any more goes, as when its invitation is revoked.
        accounts.forgetInvited(removed.by(), removed.user());
    }
}
