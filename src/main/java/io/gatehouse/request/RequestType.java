package io.gatehouse.request;

/** What a request asks for; SEATS: more seats of a licence. */
public enum RequestType {
    NEW_USER, RIGHTS_CHANGE, DEACTIVATION, CATALOGUE, SEATS;

    /** Raised and applied by the member feature; the others by the feature that owns their subject ({@link RequestKind}). */
    public boolean aboutAPerson() {
        return this == NEW_USER || this == RIGHTS_CHANGE || this == DEACTIVATION;
    }
}
