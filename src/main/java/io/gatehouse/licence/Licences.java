package io.gatehouse.licence;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.product.ProductKind;
import io.gatehouse.product.ProductSummary;
import io.gatehouse.product.Products;
import io.gatehouse.product.ReleaseChannel;
import io.gatehouse.product.ReleaseVersion;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issuing and changing licences (the vendor admin), and reading them (the organization): each change audited. */
@Service
@Transactional
public class Licences {

    static final int MAX_SEATS = 1_000_000;
    static final int MAX_EDITION = 100;
    private static final int ENDS_SOON_DAYS = 30;

    private final LicenceStore store;
    private final Products products;
    private final Organizations organizations;
    private final AccessPolicy policy;
    private final Seats seats;
    private final LicenceVault vault;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Licences(LicenceStore store, Products products, Organizations organizations, AccessPolicy policy, Seats seats,
            LicenceVault vault, ApplicationEventPublisher events, Clock clock, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.store = store;
        this.products = products;
        this.organizations = organizations;
        this.policy = policy;
        this.seats = seats;
        this.vault = vault;
        this.events = events;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** A new licence; {@code seats} null is unlimited, {@code channels} empty is stable only. */
    public record NewLicence(UUID productId, String edition, Integer seats, LocalDate validFrom, LocalDate validUntil,
            List<ReleaseChannel> channels, String maxVersion, LocalDate maintenanceUntil) {
    }

    /** What the vendor changes after issuing: only the fields given ({@code seatsGiven} tells "unlimited" from "unchanged"). */
    public record LicenceChange(boolean seatsGiven, Integer seats, boolean validUntilGiven, LocalDate validUntil, Boolean suspended) {
    }

    public LicenceView issue(Actor actor, OrganizationId organization, NewLicence request) {
        organizations.requireVisible(actor, organization);
        policy.manageLicences(actor).orThrow();
        ProductSummary product = request.productId() == null ? null : products.find(request.productId()).orElse(null);
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        if (request.productId() == null) {
            errors.add(new InvalidInputException.FieldError("productId", "validation.required"));
        } else if (product == null) {
            errors.add(new InvalidInputException.FieldError("productId", "validation.licence.productUnknown"));
        }
        String edition = request.edition() == null ? "" : request.edition().strip();
        if (edition.isEmpty()) {
            errors.add(new InvalidInputException.FieldError("edition", "validation.required"));
        } else if (edition.length() > MAX_EDITION) {
            errors.add(new InvalidInputException.FieldError("edition", "validation.tooLong", List.of(MAX_EDITION)));
        }
        checkSeats(request.seats(), errors);
        LocalDate validFrom = request.validFrom() == null ? LocalDate.now(clock) : request.validFrom();
        checkDates(validFrom, request.validUntil(), errors);
        if (request.maxVersion() != null && !request.maxVersion().isBlank() && !ReleaseVersion.isValid(request.maxVersion().strip())) {
            errors.add(new InvalidInputException.FieldError("maxVersion", "validation.licence.version"));
        }
        if (request.channels() != null && request.channels().stream().anyMatch(java.util.Objects::isNull)) {
            errors.add(new InvalidInputException.FieldError("channels", "validation.required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Set<ReleaseChannel> channels = request.channels() == null || request.channels().isEmpty()
                ? Set.of(ReleaseChannel.STABLE) : Set.copyOf(request.channels());
        LicenceTerms terms = new LicenceTerms(validFrom, request.validUntil(), false, channels,
                request.maxVersion() == null || request.maxVersion().isBlank() ? null : ReleaseVersion.of(request.maxVersion().strip()),
                request.maintenanceUntil());
        String key = LicenceKeys.key();
        Licence licence = new Licence(UUID.randomUUID(), organization.value(), product.id(), freeNumber(), vault.seal(key), edition,
                request.seats(), terms, clock.instant());
        store.insert(licence, LicenceKeys.hash(key));
        LicenceView view = view(actor, licence, product);
        events.publishEvent(new Audited(actor.ref(), organization, "licence.issued", "licence", licence.id().toString(), null,
                snapshot(licence)));
        return view;
    }

    @Transactional(readOnly = true)
    public List<LicenceView> list(Actor actor, OrganizationId organization) {
        return list(actor, organization, true);
    }

    /**
     * The organization's licences, active first. The seats used are counted for all of them at once:
     * machines in one statement, members of every cloud application in another. {@code withKeys}
     * false leaves the secret keys sealed (a list that does not show them need not open 200 of them).
     */
    @Transactional(readOnly = true)
    public List<LicenceView> list(Actor actor, OrganizationId organization, boolean withKeys) {
        organizations.requireVisible(actor, organization);
        policy.viewLicences(actor, organization).orThrow();
        Map<UUID, ProductSummary> byId = new LinkedHashMap<>();
        products.all().forEach(p -> byId.put(p.id(), p));
        List<Licence> held = store.ofOrganization(organization.value());
        Map<UUID, Long> machines = new java.util.HashMap<>();
        jdbc.sql("""
                        select a.licence_id, count(*) from activation a join licence l on l.id = a.licence_id
                        where l.organization_id = ? and a.deactivated_at is null group by a.licence_id""")
                .param(organization.value())
                .query(rs -> {
                    machines.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        Set<UUID> applications = held.stream().map(licence -> byId.get(licence.productId())).filter(Licences::cloudSeats)
                .map(ProductSummary::applicationId).collect(java.util.stream.Collectors.toSet());
        Map<UUID, Long> members = seats.usedByEach(organization, applications);
        boolean keys = withKeys && policy.readLicenceKey(actor, organization).allowed();
        return held.stream()
                .map(licence -> {
                    ProductSummary product = byId.get(licence.productId());
                    long used = cloudSeats(product)
                            ? members.getOrDefault(product.applicationId(), 0L)
                            : machines.getOrDefault(licence.id(), 0L);
                    return view(licence, product, used, keys);
                })
                .sorted(Comparator.comparing((LicenceView v) -> !v.active())
                        .thenComparing(LicenceView::productName, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(LicenceView::number))
                .toList();
    }

    @Transactional(readOnly = true)
    public LicenceView get(Actor actor, OrganizationId organization, UUID licenceId) {
        Licence licence = visible(actor, organization, licenceId);
        return view(actor, licence, product(licence));
    }

    /** Who uses a cloud licence's seats: the members holding a right of its application. */
    @Transactional(readOnly = true)
    public List<Seats.SeatHolder> seatHolders(Actor actor, OrganizationId organization, UUID licenceId) {
        Licence licence = visible(actor, organization, licenceId);
        ProductSummary product = product(licence);
        if (product.kind() != ProductKind.CLOUD || product.applicationId() == null) {
            return List.of();
        }
        return seats.holders(organization, product.applicationId());
    }

    public LicenceView change(Actor actor, OrganizationId organization, UUID licenceId, LicenceChange change) {
        Licence before = visible(actor, organization, licenceId);
        policy.manageLicences(actor).orThrow();
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        Integer newSeats = change.seatsGiven() ? change.seats() : before.seats();
        checkSeats(newSeats, errors);
        LocalDate newUntil = change.validUntilGiven() ? change.validUntil() : before.terms().validUntil();
        checkDates(before.terms().validFrom(), newUntil, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        LicenceTerms terms = before.terms();
        Licence after = new Licence(before.id(), before.organizationId(), before.productId(), before.number(), before.keySealed(),
                before.edition(), newSeats, new LicenceTerms(terms.validFrom(), newUntil,
                        change.suspended() != null ? change.suspended() : terms.suspended(), terms.channels(), terms.maxVersion(),
                        terms.maintenanceUntil()), before.createdAt());
        Map<String, Object> beforeState = snapshot(before);
        Map<String, Object> afterState = snapshot(after);
        if (!beforeState.equals(afterState)) {
            store.update(after);
            String action = before.terms().suspended() != after.terms().suspended()
                    ? (after.terms().suspended() ? "licence.suspended" : "licence.resumed") : "licence.changed";
            events.publishEvent(new Audited(actor.ref(), organization, action, "licence", licenceId.toString(), beforeState,
                    afterState));
        }
        return view(actor, after, product(after));
    }

    /**
     * An approved request for more seats, applied by vendor staff: the licence gets at least the
     * seats asked for (a licence that has more by then, or unlimited, keeps them). Audited as the
     * approver's change.
     */
    public Integer raiseSeats(Actor approver, OrganizationId organization, UUID licenceId, int wanted) {
        Licence licence = store.find(licenceId).filter(l -> l.organizationId().equals(organization.value()))
                .orElseThrow(() -> new NotFoundException("licence"));
        if (!approver.isVendorStaff()) {
            throw new io.gatehouse.shared.ForbiddenException("policy.vendorStaffOnly");
        }
        if (licence.seats() == null || licence.seats() >= wanted) {
            return licence.seats();
        }
        Licence after = new Licence(licence.id(), licence.organizationId(), licence.productId(), licence.number(),
                licence.keySealed(), licence.edition(), wanted, licence.terms(), licence.createdAt());
        store.update(after);
        events.publishEvent(new Audited(approver.ref(), organization, "licence.changed", "licence", licenceId.toString(),
                snapshot(licence), snapshot(after)));
        return wanted;
    }

    /**
     * A new secret key: the old one activates nothing from now on. Machines already activated are
     * unaffected: they renew their licence file with their activation, not the key (deactivate one to stop it).
     */
    public LicenceView regenerateKey(Actor actor, OrganizationId organization, UUID licenceId) {
        Licence licence = visible(actor, organization, licenceId);
        policy.regenerateLicenceKey(actor, organization).orThrow();
        String key = LicenceKeys.key();
        String sealed = vault.seal(key);
        store.rekey(licenceId, LicenceKeys.hash(key), sealed);
        events.publishEvent(new Audited(actor.ref(), organization, "licence.keyRegenerated", "licence", licenceId.toString(),
                null, Map.of("number", licence.number())));
        Licence rekeyed = new Licence(licence.id(), licence.organizationId(), licence.productId(), licence.number(), sealed,
                licence.edition(), licence.seats(), licence.terms(), licence.createdAt());
        return view(actor, rekeyed, product(rekeyed));
    }

    /** The licence of this organization; another organization's, or one the actor may not see, is not found. */
    Licence visible(Actor actor, OrganizationId organization, UUID licenceId) {
        organizations.requireVisible(actor, organization);
        policy.viewLicences(actor, organization).orThrow();
        return store.find(licenceId).filter(l -> l.organizationId().equals(organization.value()))
                .orElseThrow(() -> new NotFoundException("licence"));
    }

    ProductSummary product(Licence licence) {
        return products.find(licence.productId()).orElseThrow(() -> new NotFoundException("licence"));
    }

    LicenceView view(Actor actor, Licence licence, ProductSummary product) {
        return view(licence, product, used(licence, product),
                policy.readLicenceKey(actor, new OrganizationId(licence.organizationId())).allowed());
    }

    private LicenceView view(Licence licence, ProductSummary product, long used, boolean withKey) {
        LocalDate today = LocalDate.now(clock);
        LicenceStatus status = licence.status(today);
        String key = withKey ? vault.open(licence.keySealed()).orElse(null) : null;
        LocalDate until = licence.terms().validUntil();
        boolean endsSoon = status.active() && until != null && !until.isAfter(today.plusDays(ENDS_SOON_DAYS));
        return new LicenceView(licence.id().toString(), licence.organizationId().toString(), product.id().toString(), product.name(),
                product.kind(), licence.number(), key, licence.edition(), licence.seats(), used, licence.terms().validFrom(),
                until, licence.terms().suspended(), status.state(), status.reason(),
                licence.terms().channels().stream().sorted().toList(),
                licence.terms().maxVersion() == null ? null : licence.terms().maxVersion().text(), licence.terms().maintenanceUntil(),
                endsSoon);
    }

    /** Members with the application's rights for a cloud product; machines activated for anything else. */
    private long used(Licence licence, ProductSummary product) {
        if (cloudSeats(product)) {
            return seats.usedBy(new OrganizationId(licence.organizationId()), product.applicationId(), null);
        }
        return jdbc.sql("select count(*) from activation where licence_id = ? and deactivated_at is null")
                .param(licence.id()).query(Long.class).single();
    }

    private static boolean cloudSeats(ProductSummary product) {
        return product != null && product.kind() == ProductKind.CLOUD && product.applicationId() != null;
    }

    private String freeNumber() {
        while (true) {
            String number = LicenceKeys.number();
            if (!store.numberTaken(number)) {
                return number;
            }
        }
    }

    private static void checkSeats(Integer seats, List<InvalidInputException.FieldError> errors) {
        if (seats != null && (seats < 0 || seats > MAX_SEATS)) {
            errors.add(new InvalidInputException.FieldError("seats", "validation.licence.seats", List.of(MAX_SEATS)));
        }
    }

    private static void checkDates(LocalDate from, LocalDate until, List<InvalidInputException.FieldError> errors) {
        if (until != null && until.isBefore(from)) {
            errors.add(new InvalidInputException.FieldError("validUntil", "validation.licence.untilBeforeFrom"));
        }
    }

    private static Map<String, Object> snapshot(Licence licence) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("number", licence.number());
        state.put("productId", licence.productId().toString());
        state.put("edition", licence.edition());
        state.put("seats", licence.seats() == null ? "unlimited" : licence.seats());
        state.put("validFrom", licence.terms().validFrom().toString());
        state.put("validUntil", licence.terms().validUntil() == null ? null : licence.terms().validUntil().toString());
        state.put("suspended", licence.terms().suspended());
        state.put("channels", licence.terms().channels().stream().sorted().map(Enum::name).toList());
        return state;
    }
}
