package io.gatehouse.oidc;

import io.gatehouse.access.Decision;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.MembershipStatus;
import java.util.Set;

/**
 * Whether a person is sent to an application with a token, for one organization: an active
 * account, an active membership, and at least one right of that application there. Asked at each
 * sign-in and again at each refresh, so a withdrawn right closes the application at once.
 */
final class SignOnPolicy {

    static final String ACCOUNT_DISABLED = "oidc.denied.accountDisabled";
    static final String NOT_A_MEMBER = "oidc.denied.notMember";
    static final String BLOCKED = "oidc.denied.blocked";
    static final String NO_RIGHT = "oidc.denied.noRight";

    private SignOnPolicy() {
    }

    /** membership: null when the person is not a member of the organization; rightsOfApplication: the application's right names. */
    static Decision signOn(boolean accountActive, MemberFacts membership, Set<String> rightsOfApplication) {
        if (!accountActive) {
            return Decision.deny(ACCOUNT_DISABLED);
        }
        if (membership == null) {
            return Decision.deny(NOT_A_MEMBER);
        }
        if (membership.status() == MembershipStatus.BLOCKED) {
            return Decision.deny(BLOCKED);
        }
        boolean holdsOne = membership.rights().stream().anyMatch(rightsOfApplication::contains);
        return holdsOne ? Decision.allow() : Decision.deny(NO_RIGHT);
    }
}
