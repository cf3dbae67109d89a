package io.gatehouse.shared;

/** Who did something, as the audit trail remembers it even after the account is gone. */
public record ActorRef(UserId userId, String label) {

    public static final ActorRef SYSTEM = new ActorRef(null, "system");

    public ActorRef {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label");
        }
    }
}
