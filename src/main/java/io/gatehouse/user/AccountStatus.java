package io.gatehouse.user;

/** INVITED: the account waits for its owner to register through the invitation link; it has no password yet. */
public enum AccountStatus {
    ACTIVE, DISABLED, INVITED
}
