package io.gatehouse.access;

public enum MembershipStatus {
    ACTIVE, BLOCKED
}
