package io.gatehouse.invitation;

/** What became of one address: invited (a new person), added (an existing account), or why not. */
public enum InviteOutcome {
    INVITED, ADDED, INVALID, DUPLICATE, ALREADY_MEMBER
}
