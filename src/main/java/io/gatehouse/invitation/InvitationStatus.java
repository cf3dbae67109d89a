package io.gatehouse.invitation;

/** As the pending invitations list shows it. */
public enum InvitationStatus {
    PENDING, ACCEPTED, EXPIRED, REVOKED
}
