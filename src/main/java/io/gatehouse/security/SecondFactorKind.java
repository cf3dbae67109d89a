package io.gatehouse.security;

import io.gatehouse.shared.UserId;

/**
 * A kind of second factor an account may hold (authenticator app, passkeys), kept by the part of
 * the portal that verifies it. The second sign-in step and the rules ask every kind.
 */
public interface SecondFactorKind {

    /** Short stable name: "totp", "passkey". */
    String name();

    /** How many factors of this kind the account holds (recovery codes do not count). */
    int enrolled(UserId account);

    /** Removes every factor of this kind the account holds (a reset); the caller audits and mails. */
    void removeAll(UserId account);
}
