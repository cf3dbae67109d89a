package io.gatehouse.licence;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.member.ApprovalRequests;
import io.gatehouse.request.RequestKind;
import io.gatehouse.request.RequestType;
import io.gatehouse.request.Requests;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Request more seats": a ticket the vendor approves in the support queue; approval raises the
 * licence's seats, exactly once (the ticket's status moves first). One open request per licence.
 */
@Service
@Transactional
class SeatRequests implements RequestKind {

    private final Licences licences;
    private final AccessPolicy policy;
    private final Requests requests;

    SeatRequests(Licences licences, AccessPolicy policy, Requests requests) {
        this.licences = licences;
        this.policy = policy;
        this.requests = requests;
    }

    record Receipt(String requestId, long number) {
    }

    @Override
    public RequestType type() {
        return RequestType.SEATS;
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
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("licenceId", licenceId.toString());
        change.put("seats", seats);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("licence", label);
        before.put("seats", licence.seats());
        Map<String, Object> after = new LinkedHashMap<>(before);
        after.put("seats", seats);
        ApprovalRequests.Receipt receipt = requests.raise(actor, organization, new Requests.NewRequest(RequestType.SEATS,
                licenceId.toString(), label, change, before, after, note == null || note.isBlank() ? null : note.strip()));
        return new Receipt(receipt.requestId(), receipt.number());
    }

    /** Approved: the requester, as they are today, must still be one who may ask; the licence then gets the seats asked for. */
    @Override
    public Map<String, Object> apply(Actor approver, Actor requesterToday, OrganizationId organization, Map<String, Object> change) {
        if (requesterToday == null) {
            throw new ForbiddenException("policy.accountDisabled");
        }
        policy.requestSeats(requesterToday, organization).orThrow();
        UUID licenceId = UUID.fromString(String.valueOf(change.get("licenceId")));
        int wanted = ((Number) change.get("seats")).intValue();
        Integer seats = licences.raiseSeats(approver, organization, licenceId, wanted);
        Map<String, Object> applied = new LinkedHashMap<>();
        applied.put("seats", seats == null ? "∞" : seats);
        return applied;
    }
}
