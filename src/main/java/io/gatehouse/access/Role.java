package io.gatehouse.access;

/**
 * A member's role in one organization, ordered by reach: nobody assigns a role that ranks above
 * their own. A Manager reaches every site of the organization, future ones too.
 */
public enum Role {
    USER(1), OPERATOR(2), CONTRIBUTOR(3), MANAGER(4);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    public boolean outranks(Role other) {
        return rank > other.rank;
    }

    public boolean reachesAllSites() {
        return this == MANAGER;
    }
}
