package io.gatehouse.licence;

/** ACTIVE, or INACTIVE with its reason: what a person reads at a glance. */
public record LicenceStatus(State state, InactiveReason reason) {

    public enum State {
        ACTIVE, INACTIVE
    }

    public static final LicenceStatus ACTIVE = new LicenceStatus(State.ACTIVE, null);

    public LicenceStatus {
        if ((state == State.ACTIVE) != (reason == null)) {
            throw new IllegalArgumentException("an inactive licence has a reason, an active one none");
        }
    }

    static LicenceStatus inactive(InactiveReason reason) {
        return new LicenceStatus(State.INACTIVE, reason);
    }

    public boolean active() {
        return state == State.ACTIVE;
    }
}
