package io.gatehouse.invitation;

import io.gatehouse.access.Role;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One address invited into one organization. INVITED: a new person, who registers through the
 * link; ADDED: an existing account, let in at once and told by mail. The role, rights and sites
 * live on the membership created with it.
 */
@Table("invitation")
class Invitation {

    enum Kind { INVITED, ADDED }

    enum State { PENDING, ACCEPTED, REVOKED }

    @Id
    private UUID id;

    private UUID organizationId;

    private UUID userId;

    private String email;

    private Role role;

    private Kind kind;

    private State status;

    private UUID invitedBy;

    private String invitedByLabel;

    private String tokenHash;

    private Instant createdAt;

    private Instant sentAt;

    private Instant expiresAt;

    private Instant acceptedAt;

    private Instant revokedAt;

    @Version
    private long version;

    protected Invitation() {
    }

    private Invitation(UUID organizationId, UUID userId, String email, Role role, Kind kind, UUID invitedBy, String invitedByLabel,
            Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.userId = userId;
        this.email = email;
        this.role = role;
        this.kind = kind;
        this.invitedBy = invitedBy;
        this.invitedByLabel = invitedByLabel;
        this.createdAt = now;
        this.sentAt = now;
        this.expiresAt = expiresAt;
        this.status = kind == Kind.ADDED ? State.ACCEPTED : State.PENDING;
        this.acceptedAt = kind == Kind.ADDED ? now : null;
    }

    static Invitation invite(UUID organizationId, UUID userId, String email, Role role, UUID invitedBy, String invitedByLabel,
            String tokenHash, Instant now, Instant expiresAt) {
        Invitation invitation = new Invitation(organizationId, userId, email, role, Kind.INVITED, invitedBy, invitedByLabel, now, expiresAt);
        invitation.tokenHash = tokenHash;
        return invitation;
    }

    static Invitation added(UUID organizationId, UUID userId, String email, Role role, UUID invitedBy, String invitedByLabel, Instant now) {
        return new Invitation(organizationId, userId, email, role, Kind.ADDED, invitedBy, invitedByLabel, now, now);
    }

    /** What the pending list shows: a pending invitation past its date is expired. */
    InvitationStatus status(Instant now) {
        return switch (status) {
            case ACCEPTED -> InvitationStatus.ACCEPTED;
            case REVOKED -> InvitationStatus.REVOKED;
            case PENDING -> now.isBefore(expiresAt) ? InvitationStatus.PENDING : InvitationStatus.EXPIRED;
        };
    }

    boolean openable(Instant now) {
        return status == State.PENDING && now.isBefore(expiresAt);
    }

    /** A new link, a new date: the old link stops working. */
    void resend(String newTokenHash, Instant now, Instant newExpiry) {
        if (status != State.PENDING || kind != Kind.INVITED) {
            throw new IllegalStateException("only a pending invitation is sent again");
        }
        this.tokenHash = newTokenHash;
        this.sentAt = now;
        this.expiresAt = newExpiry;
    }

    void revoke(Instant now) {
        if (status != State.PENDING) {
            throw new IllegalStateException("only a pending invitation is revoked");
        }
        this.status = State.REVOKED;
        this.revokedAt = now;
        this.tokenHash = null;
    }

    void accept(Instant now) {
        if (status == State.PENDING) {
            this.status = State.ACCEPTED;
            this.acceptedAt = now;
            this.tokenHash = null;
        }
    }

    UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    UUID userId() {
        return userId;
    }

    String email() {
        return email;
    }

    Role role() {
        return role;
    }

    Kind kind() {
        return kind;
    }

    String invitedByLabel() {
        return invitedByLabel;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant sentAt() {
        return sentAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant acceptedAt() {
        return acceptedAt;
    }
}
