package io.gatehouse.access;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.util.Set;
import java.util.UUID;

/**
 * A limit on how many people of an organization may hold an application's rights at once (the seats
 * of a licence). {@link Memberships} asks it whenever a person would newly take a seat, inside the
 * transaction that makes the change, so every way of granting a right is held to it.
 */
public interface SeatLimits {

    /**
     * @param applications the applications whose rights the person is about to hold while they held none before
     * @throws io.gatehouse.shared.ConflictException when a seat is not to be had, saying how many are used of how many
     */
    void admit(OrganizationId organization, UserId person, Set<UUID> applications);
}
