package io.gatehouse.support;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Actors;
import io.gatehouse.access.Role;
import io.gatehouse.access.Staff;
import io.gatehouse.access.StaffRole;
import io.gatehouse.member.MemberView;
import io.gatehouse.member.Members;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.Organizations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.NewAccount;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds organizations, sites and members through the application's own services, each with
 * unique names so tests sharing a database never see each other's data.
 */
@TestComponent
public class TestData {

    public static final String PASSWORD = "Correct-Horse-Battery-9";
    public static final String ADMIN_EMAIL = "admin@gatehouse.test";
    public static final String ADMIN_PASSWORD = "Gatekeeper-Secret-42-Key";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Organizations organizations;
    private final Members members;
    private final Accounts accounts;
    private final Actors actors;
    private final Staff staff;
    private final JdbcClient jdbc;

    TestData(Organizations organizations, Members members, Accounts accounts, Actors actors, Staff staff, JdbcClient jdbc) {
        this.organizations = organizations;
        this.members = members;
        this.accounts = accounts;
        this.actors = actors;
        this.staff = staff;
        this.jdbc = jdbc;
    }

    /** A person in one organization, with what a test needs to act as them. */
    public record TestMember(UserId userId, String email, String password, OrganizationId organizationId, Role role) {

        public String id() {
            return userId.toString();
        }
    }

    public static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000_000L + "-" + SEQUENCE.incrementAndGet();
    }

    public Actor admin() {
        return actors.load(accounts.findByEmail(ADMIN_EMAIL).orElseThrow().id());
    }

    public Actor actor(UserId user) {
        return actors.load(user);
    }

    public OrganizationView organization() {
        return organization(ManagementMode.SELF_MANAGED);
    }

    public OrganizationView organization(ManagementMode mode) {
        return organizations.create(admin(), unique("Org"), "EU", mode);
    }

    public OrganizationId organizationId() {
        return OrganizationId.parse(organization().id());
    }

    public SiteView site(OrganizationId organization) {
        return organizations.addSite(admin(), organization, unique("Site"));
    }

    public TestMember manager(OrganizationId organization) {
        return member(organization, Role.MANAGER, List.of(), "User Management");
    }

    public TestMember userManager(OrganizationId organization, String... moreRights) {
        String[] rights = Arrays.copyOf(moreRights, moreRights.length + 1);
        rights[moreRights.length] = "User Management";
        return member(organization, Role.USER, List.of(), rights);
    }

    public TestMember user(OrganizationId organization, String... rights) {
        return member(organization, Role.USER, List.of(), rights);
    }

    public TestMember member(OrganizationId organization, Role role, List<String> sites, String... rights) {
        String email = unique("person").toLowerCase() + "@example.test";
        MemberView member = members.add(admin(), organization, new Members.NewMember("Test", unique("Person"), email, null, null,
                PASSWORD, role, List.of(rights), sites));
        return new TestMember(UserId.parse(member.userId()), email, PASSWORD, organization, role);
    }

    /** Adds an existing person to another organization. */
    public TestMember join(TestMember person, OrganizationId organization, Role role, String... rights) {
        members.add(admin(), organization, new Members.NewMember("x", "x", person.email(), null, null, null, role,
                List.of(rights), List.of()));
        return new TestMember(person.userId(), person.email(), person.password(), organization, role);
    }

    public AccountView staff(StaffRole role) {
        AccountView account = accounts.create(ActorRef.SYSTEM, new NewAccount("Vendor", unique("Staff"),
                unique("staff").toLowerCase() + "@vendor.test", null, null, PASSWORD));
        staff.appoint(account.id(), role);
        return account;
    }

    /** Externally managed rights arrive from the vendor's back end, never through Gatehouse: tests put them in place directly. */
    public void grantExternally(TestMember member, String right) {
        jdbc.sql("""
                        insert into membership_right (membership_id, right_id)
                        select m.id, r.id from membership m, access_right r
                        where m.organization_id = ? and m.user_id = ? and r.name = ?""")
                .params(member.organizationId().value(), member.userId().value(), right)
                .update();
    }

    public long auditEntries(OrganizationId organization, String action) {
        return jdbc.sql("select count(*) from audit_entry where organization_id = ? and action = ?")
                .params(organization.value(), action).query(Long.class).single();
    }
}
