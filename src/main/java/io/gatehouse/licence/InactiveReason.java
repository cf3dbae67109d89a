package io.gatehouse.licence;

/** Why a licence does not count today. */
public enum InactiveReason {
    SUSPENDED, EXPIRED, NOT_YET_VALID
}
