package io.gatehouse.access;

import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to the vendor's catalogue: new applications, new rights, renamed rights, which
 * applications are managed outside the portal, and which rights the vendor approves itself. The
 * catalogue is the vendor's, shared by every organization, so its audit entries belong to no
 * organization.
 */
@Service
@Transactional
class CatalogAdmin {

    static final int MAX_NAME = 100;

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;

    CatalogAdmin(JdbcClient jdbc, AccessPolicy policy, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.events = events;
    }

    void requireVendorAdmin(Actor actor) {
        policy.editCatalog(actor).orThrow();
    }

    UUID addApplication(Actor actor, String name, boolean managedExternally) {
        requireVendorAdmin(actor);
        String checked = name(name);
        if (taken("application", checked, null)) {
            throw new ConflictException("name", "admin.catalog.applicationExists");
        }
        UUID id = UUID.randomUUID();
        int position = jdbc.sql("select coalesce(max(position), 0) + 1 from application").query(Integer.class).single();
        insert(() -> jdbc.sql("insert into application (id, name, managed_externally, position) values (?, ?, ?, ?)")
                .params(id, checked, managedExternally, position).update(), "admin.catalog.applicationExists");
        Catalog.changedInTransaction();
        events.publishEvent(new Audited(actor.ref(), null, "catalog.applicationAdded", "application", id.toString(), null,
                applicationState(checked, managedExternally)));
        return id;
    }

    record NewRight(String name, boolean externallyManaged, boolean needsApproval) {
    }

    /**
     * An application with its rights in one step, as the API creates it. Whether an application is
     * managed outside the portal is one setting for all its rights, so they must agree on it.
     */
    UUID createApplication(Actor actor, String name, List<NewRight> rights) {
        requireVendorAdmin(actor);
        List<NewRight> given = rights == null ? List.of() : rights.stream().filter(java.util.Objects::nonNull).toList();
        long external = given.stream().filter(NewRight::externallyManaged).count();
        if (external != 0 && external != given.size()) {
            throw io.gatehouse.shared.InvalidInputException.of("rights", "validation.application.managedExternallyMixed");
        }
        if (given.stream().map(r -> r.name() == null ? "" : r.name().strip()).distinct().count() != given.size()) {
            throw io.gatehouse.shared.InvalidInputException.of("rights", "validation.application.rightTwice");
        }
        UUID application = addApplication(actor, name, !given.isEmpty() && external == given.size());
        for (NewRight right : given) {
            UUID id = addRight(actor, application, right.name());
            if (right.needsApproval()) {
                markNeedsApproval(actor, application, id, true);
            }
        }
        return application;
    }

    UUID addRight(Actor actor, UUID application, String name) {
        requireVendorAdmin(actor);
        String applicationName = applicationName(application);
        String checked = name(name);
        if (taken("access_right", checked, null)) {
            throw new ConflictException("name", "admin.catalog.rightExists");
        }
        UUID id = UUID.randomUUID();
        int position = jdbc.sql("select coalesce(max(position), 0) + 1 from access_right where application_id = ?")
                .param(application).query(Integer.class).single();
        insert(() -> jdbc.sql("insert into access_right (id, application_id, name, position) values (?, ?, ?, ?)")
                .params(id, application, checked, position).update(), "admin.catalog.rightExists");
        Catalog.changedInTransaction();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", checked);
        after.put("application", applicationName);
        events.publishEvent(new Audited(actor.ref(), null, "catalog.rightAdded", "right", id.toString(), null, after));
        return id;
    }

    /**
     * Members hold rights by name, so a rename carries over to everyone who holds it.
     */
    void renameRight(Actor actor, UUID application, UUID right, String name) {
        requireVendorAdmin(actor);
        String current = jdbc.sql("select name from access_right where id = ? and application_id = ?")
                .params(right, application).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("right"));
        String checked = name(name);
        if (checked.equals(current)) {
            return;
        }
        if (!renamable(current)) {
            throw InvalidInputException.of("name", "admin.catalog.rightReserved", current);
        }
        if (taken("access_right", checked, right)) {
            throw new ConflictException("name", "admin.catalog.rightExists");
        }
        insert(() -> jdbc.sql("update access_right set name = ? where id = ?").params(checked, right).update(),
                "admin.catalog.rightExists");
        Catalog.changedInTransaction();
        events.publishEvent(new Audited(actor.ref(), null, "catalog.rightRenamed", "right", right.toString(),
                Map.of("name", current), Map.of("name", checked)));
    }

    /** The right the portal itself checks for User Management keeps its name. */
    boolean renamable(String right) {
        return !AccessPolicy.USER_MANAGEMENT.equals(right);
    }

    /** Rights of an application managed externally are granted outside the portal and only viewed here. */
    void markManagedExternally(Actor actor, UUID application, boolean managedExternally) {
        requireVendorAdmin(actor);
        String name = applicationName(application);
        boolean before = jdbc.sql("select managed_externally from application where id = ?").param(application)
                .query(Boolean.class).single();
        if (before == managedExternally) {
            return;
        }
        jdbc.sql("update application set managed_externally = ? where id = ?").params(managedExternally, application).update();
        Catalog.changedInTransaction();
        events.publishEvent(new Audited(actor.ref(), null, "catalog.applicationUpdated", "application", application.toString(),
                applicationState(name, before), applicationState(name, managedExternally)));
    }

    /**
     * The vendor approves every grant or withdrawal of a right marked so, even in self-managed
     * organizations: an organization admin's change of it becomes a request.
     */
    void markNeedsApproval(Actor actor, UUID application, UUID right, boolean needsApproval) {
        requireVendorAdmin(actor);
        applicationName(application);
        RightState current = rightsOf(application).stream().filter(r -> r.id().equals(right)).findFirst()
                .orElseThrow(() -> new NotFoundException("right"));
        mark(actor, current, needsApproval);
    }

    /** One application's rights at once, as its form sends them: the ticked ones need approval, the others not. */
    void markNeedsApproval(Actor actor, UUID application, Set<UUID> ticked) {
        requireVendorAdmin(actor);
        applicationName(application);
        List<RightState> rights = rightsOf(application);
        Set<UUID> known = rights.stream().map(RightState::id).collect(Collectors.toSet());
        if (!known.containsAll(ticked)) {
            throw new NotFoundException("right");
        }
        for (RightState right : rights) {
            mark(actor, right, ticked.contains(right.id()));
        }
    }

    private void mark(Actor actor, RightState right, boolean needsApproval) {
        if (right.needsApproval() == needsApproval) {
            return;
        }
        jdbc.sql("update access_right set needs_approval = ? where id = ?").params(needsApproval, right.id()).update();
        Catalog.changedInTransaction();
        events.publishEvent(new Audited(actor.ref(), null, "catalog.rightUpdated", "right", right.id().toString(),
                approvalState(right.name(), right.needsApproval()), approvalState(right.name(), needsApproval)));
    }

    private record RightState(UUID id, String name, boolean needsApproval) {
    }

    private List<RightState> rightsOf(UUID application) {
        return jdbc.sql("select id, name, needs_approval from access_right where application_id = ? order by position, name")
                .param(application)
                .query((rs, n) -> new RightState(rs.getObject("id", UUID.class), rs.getString("name"), rs.getBoolean("needs_approval")))
                .list();
    }

    private static Map<String, Object> approvalState(String name, boolean needsApproval) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", name);
        state.put("needsApproval", needsApproval);
        return state;
    }

    private String applicationName(UUID application) {
        return jdbc.sql("select name from application where id = ?").param(application).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("application"));
    }

    private static String name(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            throw InvalidInputException.of("name", "validation.required");
        }
        if (stripped.length() > MAX_NAME) {
            throw InvalidInputException.of("name", "admin.catalog.nameTooLong", MAX_NAME);
        }
        return stripped;
    }

    /** Names differing only in case would read as the same right to the people choosing them. */
    private boolean taken(String table, String name, UUID except) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", name);
        if (except != null) {
            params.put("id", except);
        }
        return jdbc.sql("select count(*) from " + table + " where lower(name) = lower(:name)"
                        + (except == null ? "" : " and id <> :id"))
                .params(params)
                .query(Long.class).single() > 0;
    }

    /** Two admins adding the same name at once: the database's unique name decides, reported like any taken name. */
    private static void insert(Runnable statement, String conflictCode) {
        try {
            statement.run();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("name", conflictCode);
        }
    }

    private static Map<String, Object> applicationState(String name, boolean managedExternally) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", name);
        state.put("managedExternally", managedExternally);
        return state;
    }
}
