package io.gatehouse.catalogue;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Decision;
import io.gatehouse.member.ApprovalRequests.Receipt;
import io.gatehouse.request.RequestKind;
import io.gatehouse.request.RequestType;
import io.gatehouse.request.Requests;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Request a catalogue": a Manager asks for a catalogue offered in the organization's region; vendor
 * support approves it in the queue, which puts it on the account.
 */
@Component
@Transactional
class CatalogueRequests implements RequestKind {

    private final Catalogues catalogues;
    private final CatalogueRepository repository;
    private final CatalogueAccounts accounts;
    private final Requests requests;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CatalogueRequests(Catalogues catalogues, CatalogueRepository repository, CatalogueAccounts accounts, Requests requests,
            AccessPolicy policy, ApplicationEventPublisher events, Clock clock) {
        this.catalogues = catalogues;
        this.repository = repository;
        this.accounts = accounts;
        this.requests = requests;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public RequestType type() {
        return RequestType.CATALOGUE;
    }

    Receipt request(Actor actor, OrganizationId organization, String catalogueId, String note) {
        OfferedCatalogue offered = catalogues.offered(actor, organization, catalogueId);
        policy.requestCatalogue(actor, organization).orThrow();
        if (offered.onAccount()) {
            throw new io.gatehouse.shared.ConflictException("catalogue", "conflict.catalogue.onAccount");
        }
        CatalogueView catalogue = offered.catalogue();
        return requests.raise(actor, organization, new Requests.NewRequest(RequestType.CATALOGUE, catalogue.id(), label(catalogue),
                Map.of("catalogueId", catalogue.id()), null, Map.of("catalogue", label(catalogue)), note == null ? null : note.strip()));
    }

    /** Ticket numbers of open requests, by catalogue id. */
    @Transactional(readOnly = true)
    Map<String, Long> open(OrganizationId organization) {
        return requests.open(organization, RequestType.CATALOGUE);
    }

    @Override
    public Map<String, Object> apply(Actor approver, Actor requesterToday, OrganizationId organization, Map<String, Object> change) {
        if (requesterToday == null) {
            throw new ForbiddenException("policy.identity.requesterGone");
        }
        Decision still = policy.requestCatalogue(requesterToday, organization);
        if (still.denied()) {
            throw new ForbiddenException(still.reason());
        }
        UUID catalogueId = UUID.fromString(String.valueOf(change.get("catalogueId")));
        Catalogue catalogue = repository.findById(catalogueId).orElseThrow(() -> new NotFoundException("catalogue"));
        if (accounts.add(organization, catalogue.id(), clock.instant())) {
            events.publishEvent(new Audited(approver.ref(), organization, "catalogue.addedToAccount", "catalogue",
                    catalogue.id().toString(), null, Map.of("name", catalogue.details().name())));
        }
        Map<String, Object> applied = new LinkedHashMap<>();
        applied.put("catalogue", label(catalogue.view()));
        return applied;
    }

    private static String label(CatalogueView catalogue) {
        return catalogue.name() + " — " + catalogue.supplier() + " " + catalogue.version();
    }
}
