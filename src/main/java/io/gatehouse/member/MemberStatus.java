package io.gatehouse.member;

/**
 * How a member stands in one organization. NOTIFIED: invited, and not signed in since (or not
 * registered yet); CONNECTED: invited, and has signed in since; ACTIVE: added directly. BLOCKED
 * here, or DISABLED everywhere, whatever came before.
 */
public enum MemberStatus {
    ACTIVE, NOTIFIED, CONNECTED, BLOCKED, DISABLED
}
