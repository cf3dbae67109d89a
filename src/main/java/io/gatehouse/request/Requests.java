package io.gatehouse.request;

import io.gatehouse.access.Actor;
import io.gatehouse.access.OrganizationLock;
import io.gatehouse.member.ApprovalRequests.Receipt;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raising requests about things rather than people (a catalogue, more seats). The caller has decided
 * that the actor may ask; this keeps one open ticket per subject and writes the ticket and its audit.
 */
@Service
@Transactional
public class Requests {

    /**
     * What is asked: {@code subjectKey} names the thing (one open ticket per type and subject),
     * {@code subjectLabel} is how people read it, {@code change} what approving applies, and
     * {@code before} (null when there was nothing) and {@code after} what the ticket shows.
     */
    public record NewRequest(RequestType type, String subjectKey, String subjectLabel, Map<String, Object> change,
            Map<String, Object> before, Map<String, Object> after, String note) {

        public NewRequest {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(subjectKey, "subjectKey");
            Objects.requireNonNull(subjectLabel, "subjectLabel");
            if (type.aboutAPerson()) {
                throw new IllegalArgumentException("requests about people are raised by the member feature");
            }
            change = Map.copyOf(change);
            before = before == null ? null : new LinkedHashMap<>(before);
            after = new LinkedHashMap<>(after);
        }
    }

    private final TicketStore store;
    private final OrganizationLock lock;
    private final ApplicationEventPublisher events;

    Requests(TicketStore store, OrganizationLock lock, ApplicationEventPublisher events) {
        this.store = store;
        this.lock = lock;
        this.events = events;
    }

    public Receipt raise(Actor actor, OrganizationId organization, NewRequest request) {
        if (request.note() != null && request.note().length() > 2000) {
            throw InvalidInputException.of("note", "validation.tooLong", 2000);
        }
        // Under the organization's lock two identical requests sent at once are raised one after the other,
        // and the second finds the first still open.
        lock.lock(actor, organization);
        TicketStore.Pending open = store.undecidedSubjects(organization, request.type()).get(request.subjectKey());
        if (open != null) {
            throw new RequestAlreadyOpen(request.type(), open.requestId(), open.number());
        }
        Receipt receipt = store.insert(new TicketStore.NewTicket(organization, request.type(), actor.ref(), null, request.subjectLabel(),
                request.change(), request.before(), request.after(), null, request.note(), request.subjectKey()));
        events.publishEvent(new Audited(actor.ref(), organization, "request.raised", "request", receipt.requestId(), null,
                Map.of("number", receipt.number(), "type", request.type().name(), "after", request.after())));
        return receipt;
    }

    /** The tickets of this type still to decide in the organization: subject key → ticket number. */
    @Transactional(readOnly = true)
    public Map<String, Long> open(OrganizationId organization, RequestType type) {
        Map<String, Long> open = new LinkedHashMap<>();
        store.undecidedSubjects(organization, type).forEach((subject, pending) -> open.put(subject, pending.number()));
        return open;
    }
}
