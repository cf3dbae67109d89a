package io.gatehouse.user;

import io.gatehouse.shared.UserId;

/** What other features hear about accounts. Published inside the transaction that made the change. */
public final class AccountEvents {

    private AccountEvents() {
    }

    /** Name, email or login changed: copies kept elsewhere for search must follow. */
    public record AccountIdentityChanged(UserId userId, String firstName, String lastName, String email, String login) {
    }

    /** The account may no longer act anywhere; its sessions and tokens end at once. */
    public record AccountDisabled(UserId userId) {
    }

    /** The account is gone for good: what other features keep for it (passkeys) goes with it. */
    public record AccountDeleted(UserId userId) {
    }

    /**
     * The password changed; other sessions end, the session that changed it may stay. Every API token
     * ends too unless the person, changing their own password, chose to keep them.
     */
    public record PasswordChanged(UserId userId, boolean apiTokensRevoked) {

        public PasswordChanged(UserId userId) {
            this(userId, true);
        }
    }
}
