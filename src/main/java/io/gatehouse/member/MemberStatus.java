package io.gatehouse.member;

/** How a member stands in one organization: blocked here, or disabled everywhere. */
public enum MemberStatus {
    ACTIVE, BLOCKED, DISABLED
}
