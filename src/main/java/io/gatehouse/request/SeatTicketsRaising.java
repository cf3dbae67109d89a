package io.gatehouse.request;

import io.gatehouse.access.Actor;
import io.gatehouse.licence.SeatTickets;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A request for more seats of a licence, raised as a ticket like every other request. */
@Component
class SeatTicketsRaising implements SeatTickets {

    private final TicketStore store;
    private final ApplicationEventPublisher events;

    SeatTicketsRaising(TicketStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public SeatTickets.Receipt raise(Actor actor, OrganizationId organization, UUID licenceId, String label, int seatsNow,
            int seatsWanted, String note) {
        if (note != null && note.length() > 2000) {
            throw InvalidInputException.of("note", "validation.tooLong", 2000);
        }
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("licenceId", licenceId.toString());
        change.put("seats", seatsWanted);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("licence", label);
        before.put("seats", seatsNow);
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("seats", seatsWanted);
        io.gatehouse.member.ApprovalRequests.Receipt receipt = store.insert(new TicketStore.NewTicket(organization, RequestType.SEATS, actor.ref(), null, label, change,
                before, after, null, note));
        events.publishEvent(new Audited(actor.ref(), organization, "request.raised", "request", receipt.requestId(), null,
                Map.of("number", receipt.number(), "type", RequestType.SEATS.name(), "after", after)));
        return new SeatTickets.Receipt(receipt.requestId(), receipt.number());
    }
}
