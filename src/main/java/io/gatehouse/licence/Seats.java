package io.gatehouse.licence;

import io.gatehouse.access.OrganizationLock;
import io.gatehouse.access.SeatLimits;
import io.gatehouse.product.ProductKind;
import io.gatehouse.product.ProductSummary;
import io.gatehouse.product.Products;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Seats of cloud applications. A member uses a seat of an application tied to a product when their
 * membership is active, their account is not disabled (an invited person holds theirs while the
 * invitation waits) and they hold at least one right of it. Seats are counted from those live
 * memberships, never kept in a counter, so disabling, blocking or removing someone frees their seat
 * at once. The seats on offer are those of the organization's active licences of the product,
 * added up; one without a number makes them unlimited. A product tied to an application needs a
 * licence: with no active one, nobody new gets its rights.
 */
@Component
class Seats implements SeatLimits {

    private final Products products;
    private final LicenceStore licences;
    private final OrganizationLock lock;
    private final JdbcClient jdbc;
    private final Clock clock;

    Seats(Products products, LicenceStore licences, OrganizationLock lock, JdbcClient jdbc, Clock clock) {
        this.products = products;
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
