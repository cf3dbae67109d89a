package io.gatehouse.member;

import io.gatehouse.access.MemberIdentity;
import io.gatehouse.access.Memberships;
import io.gatehouse.user.AccountEvents.AccountIdentityChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps each membership's search copy of a person's name, email and login in the same transaction as the change. */
@Component
class AccountIdentityListener {

    private final Memberships memberships;

    AccountIdentityListener(Memberships memberships) {
        this.memberships = memberships;
    }

    @EventListener
    void on(AccountIdentityChanged changed) {
        memberships.identify(changed.userId(),
                new MemberIdentity(changed.firstName(), changed.lastName(), changed.email(), changed.login()));
    }
}
