package io.gatehouse.request;

/** OPEN until someone takes it on (IN_PROGRESS); then APPLIED, REJECTED or CANCELLED, for good. */
public enum RequestStatus {
    OPEN, IN_PROGRESS, APPLIED, REJECTED, CANCELLED;

    public boolean decided() {
        return this == APPLIED || this == REJECTED || this == CANCELLED;
    }
}
