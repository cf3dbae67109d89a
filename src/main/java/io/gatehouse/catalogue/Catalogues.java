package io.gatehouse.catalogue;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.OrganizationLock;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.Organizations;
import io.gatehouse.request.RequestType;
import io.gatehouse.request.Requests;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogues the vendor defines, and which of them are on each organization's account. */
@Service
@Transactional
public class Catalogues {

    /** What a person typed to narrow the selection; blank parts narrow nothing. */
    public record Filter(String query, String supplier, String language) {

        public static final Filter NONE = new Filter(null, null, null);

        boolean admits(CatalogueView catalogue) {
            boolean matchesQuery = contains(catalogue.name(), query) || contains(catalogue.supplier(), query)
                    || contains(catalogue.description(), query);
            return matchesQuery && sameAs(catalogue.supplier(), supplier)
                    && (blank(language) || catalogue.languages().contains(language.strip().toLowerCase(Locale.ROOT)));
        }

        private static boolean contains(String text, String part) {
            return blank(part) || text.toLowerCase(Locale.ROOT).contains(part.strip().toLowerCase(Locale.ROOT));
        }

        private static boolean sameAs(String text, String wanted) {
            return blank(wanted) || text.equalsIgnoreCase(wanted.strip());
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    private final CatalogueRepository catalogues;
    private final CatalogueAccounts accounts;
    private final Organizations organizations;
    private final AccessPolicy policy;
    private final OrganizationLock lock;
    private final ApplicationEventPublisher events;
    private final Requests requests;
    private final Clock clock;

    Catalogues(CatalogueRepository catalogues, CatalogueAccounts accounts, Organizations organizations, AccessPolicy policy,
            OrganizationLock lock, ApplicationEventPublisher events, Requests requests, Clock clock) {
        this.requests = requests;
        this.catalogues = catalogues;
        this.accounts = accounts;
        this.organizations = organizations;
        this.policy = policy;
        this.lock = lock;
        this.events = events;
        this.clock = clock;
    }

    public CatalogueView define(Actor actor, String name, String supplier, String description, String version, LocalDate publishedOn,
            List<String> regions, List<String> languages) {
        policy.defineCatalogues(actor).orThrow();
        CatalogueDetails details = CatalogueDetails.read(name, supplier, description, version, publishedOn, regions, languages,
                organizations.regions(), LocalDate.now(clock));
        if (catalogues.existsByNameAndSupplier(details.name(), details.supplier())) {
            throw new ConflictException("name", "conflict.catalogue.name");
        }
        Catalogue catalogue = catalogues.save(Catalogue.define(details, clock.instant()));
        events.publishEvent(new Audited(actor.ref(), null, "catalogue.defined", "catalogue", catalogue.id().toString(), null,
                catalogue.snapshot()));
        return catalogue.view();
    }

    /** Changes what is sent; a field left out (null) keeps its value. */
    public CatalogueView change(Actor actor, String catalogueId, String name, String supplier, String description, String version,
            LocalDate publishedOn, List<String> regions, List<String> languages) {
        policy.defineCatalogues(actor).orThrow();
        Catalogue catalogue = find(catalogueId);
        CatalogueDetails now = catalogue.details();
        CatalogueDetails details = CatalogueDetails.read(
                name == null ? now.name() : name,
                supplier == null ? now.supplier() : supplier,
                description == null ? now.description() : description,
                version == null ? now.version() : version,
                publishedOn == null ? now.publishedOn() : publishedOn,
                regions == null ? List.copyOf(now.regions()) : regions,
                languages == null ? List.copyOf(now.languages()) : languages,
                organizations.regions(), LocalDate.now(clock));
        boolean renamed = !details.name().equals(now.name()) || !details.supplier().equals(now.supplier());
        if (renamed && catalogues.existsByNameAndSupplier(details.name(), details.supplier())) {
            throw new ConflictException("name", "conflict.catalogue.name");
        }
        Map<String, Object> before = catalogue.snapshot();
        catalogue.describe(details);
        catalogue = catalogues.save(catalogue);
        events.publishEvent(new Audited(actor.ref(), null, "catalogue.changed", "catalogue", catalogue.id().toString(), before,
                catalogue.snapshot()));
        return catalogue.view();
    }

    @Transactional(readOnly = true)
    public List<CatalogueView> all(Actor actor) {
        policy.defineCatalogues(actor).orThrow();
        return catalogues.findAll().stream().map(Catalogue::view).sorted(BY_NAME).toList();
    }

    @Transactional(readOnly = true)
    public CatalogueView get(Actor actor, String catalogueId) {
        if (!actor.isVendorStaff()) {
            throw new NotFoundException("catalogue");
        }
        return find(catalogueId).view();
    }

    /**
     * The organization's catalogue selection: those on its account, then those offered in its region,
     * each by name. A catalogue on the account stays listed even once the vendor stops offering it there.
     */
    @Transactional(readOnly = true)
    public List<OfferedCatalogue> selection(Actor actor, OrganizationId organization, Filter filter) {
        OrganizationView seen = organizations.get(actor, organization);
        policy.seeCatalogues(actor, organization).orThrow();
        Map<UUID, Instant> onAccount = accounts.of(organization);
        Map<String, Long> asked = requests.open(organization, RequestType.CATALOGUE);
        return catalogues.findAll().stream()
                .filter(c -> onAccount.containsKey(c.id()) || c.offeredIn(seen.region()))
                .map(c -> new OfferedCatalogue(c.view(), onAccount.containsKey(c.id()), onAccount.get(c.id()),
                        asked.get(c.id().toString())))
                .filter(offered -> filter.admits(offered.catalogue()))
                .sorted(Comparator.comparing((OfferedCatalogue o) -> !o.onAccount()).thenComparing(OfferedCatalogue::catalogue, BY_NAME))
                .toList();
    }

    /** One catalogue as the organization sees it: 404 unless it is offered in its region or on its account. */
    @Transactional(readOnly = true)
    public OfferedCatalogue offered(Actor actor, OrganizationId organization, String catalogueId) {
        OrganizationView seen = organizations.get(actor, organization);
        policy.seeCatalogues(actor, organization).orThrow();
        Catalogue catalogue = find(catalogueId);
        Map<UUID, Instant> onAccount = accounts.of(organization);
        if (!onAccount.containsKey(catalogue.id()) && !catalogue.offeredIn(seen.region())) {
            throw new NotFoundException("catalogue");
        }
        return new OfferedCatalogue(catalogue.view(), onAccount.containsKey(catalogue.id()), onAccount.get(catalogue.id()),
                requests.open(organization, RequestType.CATALOGUE).get(catalogue.id().toString()));
    }

    /** Vendor staff put a catalogue on the account directly. False when it was there already. */
    public boolean addToAccount(Actor actor, OrganizationId organization, String catalogueId) {
        organizations.requireVisible(actor, organization);
        policy.changeCatalogueAccount(actor).orThrow();
        Catalogue catalogue = find(catalogueId);
        lock.lock(actor, organization);
        boolean added = accounts.add(organization, catalogue.id(), clock.instant());
        if (added) {
            events.publishEvent(new Audited(actor.ref(), organization, "catalogue.addedToAccount", "catalogue",
                    catalogue.id().toString(), null, Map.of("name", catalogue.details().name())));
        }
        return added;
    }

    public boolean removeFromAccount(Actor actor, OrganizationId organization, String catalogueId) {
        organizations.requireVisible(actor, organization);
        policy.changeCatalogueAccount(actor).orThrow();
        Catalogue catalogue = find(catalogueId);
        lock.lock(actor, organization);
        boolean removed = accounts.remove(organization, catalogue.id());
        if (removed) {
            events.publishEvent(new Audited(actor.ref(), organization, "catalogue.removedFromAccount", "catalogue",
                    catalogue.id().toString(), Map.of("name", catalogue.details().name()), null));
        }
        return removed;
    }

    /** The catalogue's name, for a ticket or a message; empty when there is no such catalogue. */
    @Transactional(readOnly = true)
    public Optional<String> name(UUID catalogueId) {
        return catalogues.findById(catalogueId).map(c -> c.details().name());
    }

    private Catalogue find(String catalogueId) {
        return parse(catalogueId).flatMap(catalogues::findById).orElseThrow(() -> new NotFoundException("catalogue"));
    }

    private static Optional<UUID> parse(String id) {
        if (id == null || id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static final Comparator<CatalogueView> BY_NAME = Comparator.comparing(CatalogueView::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(CatalogueView::supplier, String.CASE_INSENSITIVE_ORDER);
}
