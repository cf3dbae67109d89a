package io.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Actor.OrganizationAccess;
import io.gatehouse.access.Actors;
import io.gatehouse.access.Role;
import io.gatehouse.access.Staff;
import io.gatehouse.access.StaffRole;
import io.gatehouse.member.MemberView;
import io.gatehouse.member.Members;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.TestDatabase;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.NewAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Random sequences of User Management actions by random actors (Managers, User Management holders,
 * plain users, vendor staff) against the real services on the real database. Whatever was allowed
 * or refused, after every action: nobody gained from an actor more than that actor held, every
 * organization still has an active Manager, and every change has its audit entry.
 */
@Tag("database")
class AccessInvariantsPropertyTest {

    private static final List<String> RIGHTS = List.of("User Management", "Licenses", "Showcase 360 Administrator",
            "Contacts Viewer");
    private static final String PASSWORD = "Correct-Horse-Battery-9";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static ConfigurableApplicationContext context;
    private static Members members;
    private static Accounts accounts;
    private static Actors actors;
    private static Organizations organizations;
    private static JdbcClient jdbc;
    private static UserId vendorAdmin;
    private static UserId vendorSupport;

    @BeforeContainer
    static void start() {
        context = new SpringApplicationBuilder(GatehouseApplication.class)
                .profiles("test")
                .initializers(new TestDatabase())
                .properties("server.port=0")
                .run();
        members = context.getBean(Members.class);
        accounts = context.getBean(Accounts.class);
        actors = context.getBean(Actors.class);
        organizations = context.getBean(Organizations.class);
        jdbc = context.getBean(JdbcClient.class);
        vendorAdmin = accounts.findByEmail("admin@gatehouse.test").orElseThrow().id();
        vendorSupport = account("support");
        context.getBean(Staff.class).appoint(vendorSupport, StaffRole.VENDOR_SUPPORT);
    }

    @AfterContainer
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Property(tries = 20)
    void delegationInvariantsHoldAfterEveryAction(@ForAll("sequences") List<Action> sequence) {
        World world = new World();
        for (Action action : sequence) {
            world.run(action);
        }
    }

    @Provide
    Arbitrary<List<Action>> sequences() {
        Arbitrary<Integer> who = Arbitraries.integers().between(0, 63);
        Arbitrary<Role> role = Arbitraries.of(Role.class);
        Arbitrary<Set<String>> rights = Arbitraries.of(RIGHTS).set().ofMaxSize(3);
        Arbitrary<Set<Integer>> sites = Arbitraries.integers().between(0, 1).set();
        Arbitrary<Action> action = Arbitraries.oneOf(
                Combinators.combine(who, role, rights, sites).as(Add::new),
                Combinators.combine(who, who, role).as(ChangeRole::new),
                Combinators.combine(who, who, rights).as(ChangeRights::new),
                Combinators.combine(who, who, sites).as(ChangeSites::new),
                Combinators.combine(who, who, Arbitraries.of(true, false)).as(Block::new),
                Combinators.combine(who, who).as(Remove::new),
                Combinators.combine(who, who, Arbitraries.of(true, false)).as(Disable::new));
        return action.list().ofMinSize(10).ofMaxSize(15);
    }

    // ---- the actions: who acts is an index into the actors, whom into the people

    sealed interface Action permits Add, ChangeRole, ChangeRights, ChangeSites, Block, Remove, Disable {
        int actor();
    }

    record Add(int actor, Role role, Set<String> rights, Set<Integer> sites) implements Action {
    }

    record ChangeRole(int actor, int target, Role role) implements Action {
    }

    record ChangeRights(int actor, int target, Set<String> rights) implements Action {
    }

    record ChangeSites(int actor, int target, Set<Integer> sites) implements Action {
    }

    record Block(int actor, int target, boolean block) implements Action {
    }

    record Remove(int actor, int target) implements Action {
    }

    record Disable(int actor, int target, boolean disable) implements Action {
    }

    /**
     * One organization with two Managers, two User Management holders (one also holding Licenses),
     * a plain user and two sites; one of its Managers also manages a second organization, so that
     * disabling that account reaches beyond the first.
     */
    private static final class World {

        final OrganizationId organization;
        final OrganizationId other;
        final List<String> siteIds = new ArrayList<>();
        final List<UserId> people = new ArrayList<>();
        final List<UserId> actorPool = new ArrayList<>();

        World() {
            Actor admin = actors.load(vendorAdmin);
            organization = OrganizationId.parse(organizations.create(admin, unique("Org"), "EU", ManagementMode.SELF_MANAGED).id());
            other = OrganizationId.parse(organizations.create(admin, unique("Other"), "EU", ManagementMode.SELF_MANAGED).id());
            siteIds.add(organizations.addSite(admin, organization, unique("Site")).id());
            siteIds.add(organizations.addSite(admin, organization, unique("Site")).id());
            UserId manager = add(admin, organization, Role.MANAGER, List.of("User Management"), List.of());
            add(admin, organization, Role.MANAGER, List.of(), List.of());
            add(admin, organization, Role.USER, List.of("User Management", "Licenses"), List.of(siteIds.get(0)));
            add(admin, organization, Role.OPERATOR, List.of("User Management"), List.of(siteIds.get(1)));
            add(admin, organization, Role.USER, List.of("Licenses"), List.of(siteIds.get(0)));
            add(admin, other, Role.MANAGER, List.of(), List.of());
            members.add(admin, other, newMember(email(manager), Role.MANAGER, List.of(), List.of()));
            actorPool.add(vendorAdmin);
            actorPool.add(vendorSupport);
        }

        void run(Action action) {
            UserId actorId = pick(actorPool, action.actor());
            Actor actor = actors.load(actorId);
            State before = State.read(List.of(organization, other));
            Map<String, Long> auditBefore = auditCounts(actorId);
            String outcome;
            try {
                apply(actor, action);
                outcome = "done";
            } catch (ForbiddenException | ConflictException | NotFoundException | InvalidInputException refused) {
                outcome = "refused: " + refused.getMessage();
            }
            State after = State.read(List.of(organization, other));
            String context = action + " by " + describe(actor) + " -> " + outcome;

            assertThat(activeManagers(organization)).as("an active Manager remains after %s", context).isPositive();
            assertThat(activeManagers(other)).as("an active Manager remains after %s", context).isPositive();
            neverMoreThanHeld(actor, before, after, context);
            everyChangeAudited(actorId, before, after, auditBefore, context);
        }

        private void apply(Actor actor, Action action) {
            if (action instanceof Add add) {
                MemberView added = members.add(actor, organization, newMember(unique("person").toLowerCase() + "@example.test",
                        add.role(), List.copyOf(add.rights()), sites(add.sites())));
                people.add(UserId.parse(added.userId()));
                actorPool.add(UserId.parse(added.userId()));
            } else if (action instanceof ChangeRole change) {
                members.change(actor, organization, target(change.target()), new Members.MemberChange(change.role(), null, null, null));
            } else if (action instanceof ChangeRights change) {
                members.change(actor, organization, target(change.target()),
                        new Members.MemberChange(null, List.copyOf(change.rights()), null, null));
            } else if (action instanceof ChangeSites change) {
                members.change(actor, organization, target(change.target()),
                        new Members.MemberChange(null, null, sites(change.sites()), null));
            } else if (action instanceof Block block) {
                members.change(actor, organization, target(block.target()), new Members.MemberChange(null, null, null, block.block()));
            } else if (action instanceof Remove remove) {
                members.remove(actor, organization, target(remove.target()));
            } else if (action instanceof Disable disable) {
                accounts.update(actor, target(disable.target()),
                        new AccountChanges(null, null, null, null, disable.disable(), null, null, null));
            } else {
                throw new IllegalArgumentException(String.valueOf(action));
            }
        }

        private UserId add(Actor admin, OrganizationId into, Role role, List<String> rights, List<String> sites) {
            UserId id = UserId.parse(members.add(admin, into, newMember(unique("person").toLowerCase() + "@example.test", role,
                    rights, sites)).userId());
            if (into.equals(organization)) {
                people.add(id);
                actorPool.add(id);
            }
            return id;
        }

        private UserId target(int index) {
            return pick(people, index);
        }

        private List<String> sites(Set<Integer> indexes) {
            return indexes.stream().map(siteIds::get).toList();
        }

        private static UserId pick(List<UserId> from, int index) {
            return from.get(index % from.size());
        }
    }

    // ---- the invariants

    /**
     * Whatever changed for a person, the actor held it: a role no higher than their own, rights
     * and sites they hold (a Manager holds them all), blocking and disabling for Managers only —
     * and nothing at all for someone who manages no one. Vendor staff act for the vendor.
     */
    private static void neverMoreThanHeld(Actor actor, State before, State after, String context) {
        if (actor.isVendorStaff() || before.changedUsers(after).isEmpty()) {
            return;
        }
        assertThat(before.accountActive(actor.userId())).as("a disabled account changed something: %s", context).isTrue();
        for (State.Key key : before.changedMemberships(after)) {
            OrganizationAccess own = actor.activeIn(key.organization()).orElse(null);
            assertThat(own).as("changed %s without an active membership there: %s", key, context).isNotNull();
            boolean manager = own.role() == Role.MANAGER;
            assertThat(manager || own.holds("User Management")).as("changed %s without managing members: %s", key, context).isTrue();
            State.Member was = before.members().get(key);
            State.Member is = after.members().get(key);
            if (is != null) {
                assertThat(is.role().outranks(own.role()) && (was == null || was.role() != is.role()))
                        .as("gave a role above the actor's own: %s", context).isFalse();
            }
            if (was != null) {
                assertThat(was.role().outranks(own.role())).as("changed someone who outranks the actor: %s", context).isFalse();
            }
            if (manager) {
                continue;
            }
            assertThat(was == null ? is.status() : was.status()).as("blocking is for Managers: %s", context)
                    .isEqualTo(is == null ? was.status() : is.status());
            Set<String> rightsTouched = difference(was == null ? Set.of() : was.rights(), is == null ? Set.of() : is.rights());
            if (is != null) {
                assertThat(own.rights()).as("granted or withdrew a right not held: %s", context).containsAll(rightsTouched);
                Set<String> sitesTouched = difference(was == null ? Set.of() : was.sites(), is.sites());
                Set<String> reached = new HashSet<>();
                own.sites().forEach(site -> reached.add(site.toString()));
                assertThat(reached).as("granted or withdrew a site not held: %s", context).containsAll(sitesTouched);
            }
        }
        for (UserId user : before.changedAccounts(after)) {
            for (State.Key key : before.members().keySet()) {
                if (key.user().equals(user)) {
                    assertThat(actor.activeIn(key.organization()).map(OrganizationAccess::role).orElse(null))
                            .as("disabled or enabled an account without managing all its organizations: %s", context)
                            .isEqualTo(Role.MANAGER);
                }
            }
        }
    }

    private static void everyChangeAudited(UserId actor, State before, State after, Map<String, Long> auditBefore,
            String context) {
        Map<String, Long> auditAfter = auditCounts(actor);
        for (UserId user : before.changedUsers(after)) {
            assertThat(auditAfter.getOrDefault(user.toString(), 0L))
                    .as("an audit entry by the actor about %s: %s", user, context)
                    .isGreaterThan(auditBefore.getOrDefault(user.toString(), 0L));
        }
    }

    // ---- what the database holds

    private record State(Map<Key, Member> members, Map<UserId, Boolean> accounts) {

        record Key(OrganizationId organization, UserId user) {
        }

        record Member(Role role, String status, Set<String> rights, Set<String> sites) {
        }

        static State read(List<OrganizationId> organizations) {
            Map<Key, Member> members = new HashMap<>();
            Map<UserId, Boolean> accounts = new HashMap<>();
            for (OrganizationId organization : organizations) {
                Map<UserId, Set<String>> rights = new HashMap<>();
                Map<UserId, Set<String>> sites = new HashMap<>();
                jdbc.sql("""
                                select m.user_id, r.name from membership m join membership_right mr on mr.membership_id = m.id
                                join access_right r on r.id = mr.right_id where m.organization_id = ?""")
                        .param(organization.value())
                        .query((rs, n) -> rights.computeIfAbsent(new UserId(rs.getObject(1, UUID.class)), k -> new HashSet<>())
                                .add(rs.getString(2)))
                        .list();
                jdbc.sql("""
                                select m.user_id, cast(s.site_id as varchar(36)) from membership m
                                join site_access s on s.membership_id = m.id where m.organization_id = ?""")
                        .param(organization.value())
                        .query((rs, n) -> sites.computeIfAbsent(new UserId(rs.getObject(1, UUID.class)), k -> new HashSet<>())
                                .add(rs.getString(2)))
                        .list();
                jdbc.sql("""
                                select m.user_id, m.role, m.status, u.status from membership m
                                join user_account u on u.id = m.user_id where m.organization_id = ?""")
                        .param(organization.value())
                        .query((rs, n) -> {
                            UserId user = new UserId(rs.getObject(1, UUID.class));
                            accounts.put(user, "ACTIVE".equals(rs.getString(4)));
                            return members.put(new Key(organization, user), new Member(Role.valueOf(rs.getString(2)),
                                    rs.getString(3), rights.getOrDefault(user, Set.of()), sites.getOrDefault(user, Set.of())));
                        })
                        .list();
            }
            return new State(members, accounts);
        }

        boolean accountActive(UserId user) {
            return accounts.getOrDefault(user, true);
        }

        Set<Key> changedMemberships(State after) {
            Set<Key> keys = new HashSet<>(members.keySet());
            keys.addAll(after.members.keySet());
            keys.removeIf(key -> Objects.equals(members.get(key), after.members.get(key)));
            return keys;
        }

        Set<UserId> changedAccounts(State after) {
            Set<UserId> changed = new HashSet<>();
            accounts.forEach((user, active) -> {
                if (after.accounts.containsKey(user) && !after.accounts.get(user).equals(active)) {
                    changed.add(user);
                }
            });
            return changed;
        }

        Set<UserId> changedUsers(State after) {
            Set<UserId> changed = new HashSet<>(changedAccounts(after));
            changedMemberships(after).forEach(key -> changed.add(key.user()));
            return changed;
        }
    }

    private static long activeManagers(OrganizationId organization) {
        return jdbc.sql("""
                        select count(*) from membership m join user_account u on u.id = m.user_id
                        where m.organization_id = ? and m.role = 'MANAGER' and m.status = 'ACTIVE' and u.status = 'ACTIVE'""")
                .param(organization.value()).query(Long.class).single();
    }

    private static Map<String, Long> auditCounts(UserId actor) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select target_id, count(*) from audit_entry where actor_id = ? group by target_id")
                .param(actor.value())
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }

    // ---- helpers

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> changed = new HashSet<>(a);
        changed.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        changed.removeAll(both);
        return changed;
    }

    private static Members.NewMember newMember(String email, Role role, List<String> rights, List<String> sites) {
        return new Members.NewMember("Test", unique("Person"), email, null, null, PASSWORD, role, rights, sites);
    }

    private static String email(UserId user) {
        return accounts.find(user).email();
    }

    private static UserId account(String prefix) {
        return accounts.create(ActorRef.SYSTEM, new NewAccount("Vendor", unique("Staff"), unique(prefix).toLowerCase() + "@vendor.test",
                null, null, PASSWORD)).id();
    }

    private static String describe(Actor actor) {
        return actor.isVendorStaff() ? String.valueOf(actor.staffRole()) : actor.label() + " " + actor.organizations().values();
    }

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000_000L + "-" + SEQUENCE.incrementAndGet();
    }
}
