package io.gatehouse.licence;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.OrganizationId;
import java.util.UUID;

/**
 * Raises a request for more seats in the request flow (tickets, support queue, My tickets); the
 * request feature provides it and, on approval, calls {@link Licences#raiseSeats}.
 */
public interface SeatTickets {

    record Receipt(String requestId, long number) {
    }

    Receipt raise(Actor actor, OrganizationId organization, UUID licenceId, String label, int seatsNow, int seatsWanted, String note);
}
