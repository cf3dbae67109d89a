package io.gatehouse.licence;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** "Request more seats": a ticket the vendor approves; approval raises the licence's seats. */
@Service
@Transactional
class SeatRequests {

    private final Licences licences;
    private final AccessPolicy policy;
    private final SeatTickets tickets;

    SeatRequests(Licences licences, AccessPolicy policy, SeatTickets tickets) {
        this.licences = licences;
        this.policy = policy;
        this.tickets = tickets;
    }

    record Receipt(String requestId, long number) {
    }

    /** {@code seats}: how many the licence should have in all, more than it has now. */
    Receipt request(Actor actor, OrganizationId organization, UUID licenceId, Integer seats, String note) {
        Licence licence = licences.visible(actor, organization, licenceId);
        policy.requestSeats(actor, organization).orThrow();
        if (licence.seats() == null) {
            throw InvalidInputException.of("seats", "validation.seats.unlimited");
        }
        if (seats == null) {
            throw InvalidInputException.of("seats", "validation.required");
        }
        if (seats <= licence.seats() || seats > Licences.MAX_SEATS) {
            throw InvalidInputException.of("seats", "validation.seats.more", licence.seats(), Licences.MAX_SEATS);
        }
        String label = licences.product(licence).name() + " " + licence.number();
        SeatTickets.Receipt receipt = tickets.raise(actor, organization, licenceId, label, licence.seats(), seats,
                note == null || note.isBlank() ? null : note.strip());
        return new Receipt(receipt.requestId(), receipt.number());
    }
}
