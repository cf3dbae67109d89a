package io.gatehouse.scim;

import io.gatehouse.member.MemberRemoved;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A member removed in the portal leaves nothing behind here: re-added later, they start without the old external id. */
@Component
class ScimMemberRemovals {

    private final ScimUserStore store;

    ScimMemberRemovals(ScimUserStore store) {
        this.store = store;
    }

    @EventListener
    void removed(MemberRemoved event) {
        store.forget(event.organization(), event.user());
    }
}
