package io.gatehouse.licence;

import io.gatehouse.access.Memberships;
import io.gatehouse.access.OrganizationLock;
import io.gatehouse.access.SeatLimits;
import io.gatehouse.product.ProductKind;
import io.gatehouse.product.ProductSummary;
import io.gatehouse.product.Products;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Seats of cloud applications. A member uses a seat of an application tied to a product when their
 * membership is active, their account is not disabled (an invited person holds theirs while the
 * invitation waits) and they hold at least one right of it. Seats are counted from those live
 * memberships, never kept in a counter, so disabling, blocking or removing someone frees their seat
 * at once; a list of licences reuses a count only while the organization's access version has not
 * moved. That version is read from the database on each use, so a count kept by one node is never
 * used after a change made on another. The seats on offer are those of the organization's active licences of the product, added
 * up; one without a number makes them unlimited. A product tied to an application needs a licence:
 * with no active one, nobody new gets its rights.
 */
@Component
class Seats implements SeatLimits {

    /** Organizations whose counts are kept at most: beyond, they are all counted afresh. */
    private static final int MAX_COUNTED = 10_000;

    private final Map<OrganizationId, Counted> counted = new ConcurrentHashMap<>();
    private final Products products;
    private final LicenceStore licences;
    private final OrganizationLock lock;
    private final JdbcClient jdbc;
    private final Memberships memberships;
    private final Clock clock;

    // Lazy: Memberships asks every SeatLimits before a grant, this among them.
    Seats(Products products, LicenceStore licences, OrganizationLock lock, @Lazy Memberships memberships, JdbcClient jdbc,
            Clock clock) {
        this.products = products;
        this.memberships = memberships;
        this.licences = licences;
        this.lock = lock;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Checked under the organization's lock, so two grants at once cannot both take the last seat. */
    @Override
    public void admit(OrganizationId organization, UserId person, Set<UUID> applications) {
        for (UUID application : applications) {
            Optional<ProductSummary> product = products.forApplication(application);
            if (product.isEmpty() || product.get().kind() != ProductKind.CLOUD) {
                continue;
            }
            lock.hold(organization);
            Optional<Integer> offered = offered(organization, product.get().id());
            if (offered.isEmpty()) {
                throw SeatsTaken.noLicence("rights", product.get().name());
            }
            if (offered.get() == Integer.MAX_VALUE) {
                continue;
            }
            long used = usedBy(organization, application, person);
            if (used >= offered.get()) {
                throw SeatsTaken.full("rights", product.get().name(), used, offered.get());
            }
        }
    }

    /** The seats of the product's active licences; empty without any, MAX_VALUE when one is unlimited. */
    Optional<Integer> offered(OrganizationId organization, UUID product) {
        LocalDate today = LocalDate.now(clock);
        List<Licence> active = licences.ofOrganizationAndProduct(organization.value(), product).stream()
                .filter(licence -> licence.status(today).active()).toList();
        if (active.isEmpty()) {
            return Optional.empty();
        }
        long total = 0;
        for (Licence licence : active) {
            if (licence.seats() == null) {
                return Optional.of(Integer.MAX_VALUE);
            }
            total += licence.seats();
        }
        return Optional.of((int) Math.min(total, Integer.MAX_VALUE - 1));
    }

    /** How many seats of the application are in use, leaving out one person (null: nobody). */
    long usedBy(OrganizationId organization, UUID application, UserId except) {
        return jdbc.sql("""
                        select count(distinct m.id) from membership m
                        join user_account u on u.id = m.user_id
                        join membership_right mr on mr.membership_id = m.id
                        join access_right r on r.id = mr.right_id
                        where m.organization_id = :org and m.status = 'ACTIVE' and u.status <> 'DISABLED'
                          and r.application_id = :app and m.user_id <> :except""")
                .param("org", organization.value()).param("app", application)
                .param("except", except == null ? new UUID(0, 0) : except.value())
                .query(Long.class).single();
    }

    /**
     * How many seats of each application are in use. Counted in one statement, from the
     * applications' rights to the members holding them, and kept with the organization's access
     * version read before counting: while that version has not moved, no right, membership or account
     * of the organization changed, and the count still holds. Read first, the version can only be
     * older than what was counted, which costs a count more, never a wrong one.
     */
    Map<UUID, Long> usedByEach(OrganizationId organization, Set<UUID> applications) {
        if (applications.isEmpty()) {
            return Map.of();
        }
        long version = memberships.accessVersion(organization);
        Counted known = counted.get(organization);
        if (known != null && known.version() == version && known.used().keySet().containsAll(applications)) {
            return known.used();
        }
        Map<UUID, Long> used = new HashMap<>();
        applications.forEach(application -> used.put(application, 0L));
        jdbc.sql("""
                        select r.application_id, count(distinct m.id) from access_right r
                        join membership_right mr on mr.right_id = r.id
                        join membership m on m.id = mr.membership_id
                        join user_account u on u.id = m.user_id
                        where r.application_id in (:apps) and m.organization_id = :org and m.status = 'ACTIVE'
                          and u.status <> 'DISABLED'
                        group by r.application_id""")
                .param("apps", applications).param("org", organization.value())
                .query(rs -> {
                    used.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        if (counted.size() >= MAX_COUNTED) {
            counted.clear();
        }
        counted.put(organization, new Counted(version, Map.copyOf(used)));
        return Map.copyOf(used);
    }

    /** Seats in use per application, as counted at one access version of the organization. */
    private record Counted(long version, Map<UUID, Long> used) {
    }

    /** Who uses the application's seats, by name. */
    List<SeatHolder> holders(OrganizationId organization, UUID application) {
        return jdbc.sql("""
                        select distinct u.id, u.first_name, u.last_name, u.email from membership m
                        join user_account u on u.id = m.user_id
                        join membership_right mr on mr.membership_id = m.id
                        join access_right r on r.id = mr.right_id
                        where m.organization_id = :org and m.status = 'ACTIVE' and u.status <> 'DISABLED'
                          and r.application_id = :app
                        order by u.last_name, u.first_name, u.email""")
                .param("org", organization.value()).param("app", application)
                .query((rs, n) -> new SeatHolder(rs.getObject("id", UUID.class).toString(), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getString("email")))
                .list();
    }

    record SeatHolder(String userId, String firstName, String lastName, String email) {
    }
}
