package io.gatehouse.access;

import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serializes the changes that could leave an organization without an active Manager, or let an
 * admin hand out what they no longer hold: each one locks its organizations' rows first, in the
 * transaction that makes the change, and only then reads the facts it decides on. Two such changes
 * to one organization therefore run one after the other, and the second sees what the first did.
 * Organizations are always locked in the same order, so two changes spanning several of them
 * cannot deadlock each other.
 */
@Component
public class OrganizationLock {

    private static final Comparator<OrganizationId> ORDER = Comparator.comparing(id -> id.value().toString());

    private final JdbcClient jdbc;
    private final Actors actors;
    private final String lockSql;
    private final boolean postgres;

    OrganizationLock(JdbcClient jdbc, Actors actors, DataSource dataSource) {
        this.jdbc = jdbc;
        this.actors = actors;
        // PostgreSQL: a lock that still lets rows referring to the organization be inserted meanwhile.
        this.postgres = postgres(dataSource);
        this.lockSql = "select id from organization where id = ? for " + (postgres ? "no key update" : "update");
    }

    /**
     * Locks the organization until the current transaction ends and reads the actor again under the
     * lock: what they hold now, not what they held when their request began.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Actor lock(Actor actor, OrganizationId organization) {
        return lock(actor, List.of(organization));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Actor lock(Actor actor, Collection<OrganizationId> organizations) {
        lock(organizations);
        // Read again, under the name the caller acts by (a SCIM token names itself in the audit trail).
        return actors.current(actor.userId()).map(now -> now.labelled(actor.label()))
                .orElseThrow(() -> new ForbiddenException("policy.accountDisabled"));
    }

    /**
     * Locks the organization alone, for a rule checked deep inside a change: a caller that already
     * holds the lock keeps it, one that does not waits its turn here.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void hold(OrganizationId organization) {
        lock(List.of(organization));
    }

    /**
     * Locks every organization the person belongs to, for a change of the account itself (disable,
     * delete). Read again after locking until nothing new turns up, so an organization the person
     * joined meanwhile is locked too.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Actor lockOrganizationsOf(Actor actor, UserId person) {
        Set<OrganizationId> locked = new HashSet<>();
        while (true) {
            Set<OrganizationId> current = new HashSet<>(organizationsOf(person));
            current.removeAll(locked);
            if (current.isEmpty()) {
                break;
            }
            lock(current);
            locked.addAll(current);
        }
        return actors.current(actor.userId()).map(now -> now.labelled(actor.label()))
                .orElseThrow(() -> new ForbiddenException("policy.accountDisabled"));
    }

    private void lock(Collection<OrganizationId> organizations) {
        if (!postgres) {
            // H2 gives up waiting for a row lock after a second by default; a change waits its turn longer.
            jdbc.sql("set lock_timeout 10000").update();
        }
        organizations.stream().distinct().sorted(ORDER)
                .forEach(organization -> jdbc.sql(lockSql).param(organization.value()).query(UUID.class).optional());
    }

    private List<OrganizationId> organizationsOf(UserId person) {
        return jdbc.sql("select organization_id from membership where user_id = ?").param(person.value())
                .query((rs, n) -> new OrganizationId(rs.getObject(1, UUID.class))).list();
    }

    private static boolean postgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }
}
