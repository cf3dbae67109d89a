package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.access.Actor;
import io.gatehouse.access.OrganizationLock;
import io.gatehouse.access.Role;
import io.gatehouse.invitation.Invitations;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A request reads its actor before its transaction begins; by the time it changes anything, that
 * actor may have lost a role, a right or their account. Each change decides on the actor as read
 * again under the organization's lock, which holds until the change's transaction ends.
 */
@IntegrationTest
class LockedDecisionTest {

    private static ExecutorService pool;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Members members;

    @Autowired
    Accounts accounts;

    @Autowired
    Invitations invitations;

    @Autowired
    SiteAccess siteAccess;

    @Autowired
    OrganizationLock organizationLock;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    // ---- what a request read before the change is not what decides it

    @Test
    void aManagerDemotedWhileTheirRequestWasOnItsWayCannotDemoteTheLastManager() {
        OrganizationId org = data.organizationId();
        TestMember first = data.manager(org);
        TestMember second = data.manager(org);
        // Both requests read their actor before either change: each believes itself a Manager.
        Actor firstAsReadByItsRequest = data.actor(first.userId());
        Actor secondAsReadByItsRequest = data.actor(second.userId());

        members.change(firstAsReadByItsRequest, org, second.userId(), new Members.MemberChange(Role.USER, null, null, null));

        assertThatThrownBy(() -> members.change(secondAsReadByItsRequest, org, first.userId(),
                new Members.MemberChange(Role.USER, null, null, null)))
                .isInstanceOf(ForbiddenException.class)
                .extracting(e -> ((ForbiddenException) e).reasonCode()).isEqualTo("policy.memberOutranksYou");
        assertThat(activeManagers(org)).isEqualTo(1);
    }

    @Test
    void aRightWithdrawnWhileTheGrantWasOnItsWayIsNotGranted() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember granter = data.userManager(org, "Licenses");
        TestMember target = data.user(org);
        Actor granterAsReadByTheirRequest = data.actor(granter.userId());

        members.change(data.actor(manager.userId()), org, granter.userId(),
                new Members.MemberChange(null, List.of("User Management"), null, null));

        assertThatThrownBy(() -> members.change(granterAsReadByTheirRequest, org, target.userId(),
                new Members.MemberChange(null, List.of("Licenses"), null, null)))
                .isInstanceOf(ForbiddenException.class)
                .extracting(e -> ((ForbiddenException) e).reasonCode()).isEqualTo("policy.rightNotHeld");
        assertThat(rights(org, target)).isEmpty();
    }

    @Test
    void anInvitationCannotGrantARightWithdrawnWhileItWasOnItsWay() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember inviter = data.userManager(org, "Licenses");
        Actor inviterAsReadByTheirRequest = data.actor(inviter.userId());

        members.change(data.actor(manager.userId()), org, inviter.userId(),
                new Members.MemberChange(null, List.of("User Management"), null, null));

        assertThatThrownBy(() -> invitations.invite(inviterAsReadByTheirRequest, List.of(TestData.unique("new") + "@example.test"),
                List.of(new Invitations.Target(org, Role.USER, List.of("Licenses"), List.of()))))
                .isInstanceOf(ForbiddenException.class)
                .extracting(e -> ((ForbiddenException) e).reasonCode()).isEqualTo("policy.rightNotHeld");
        assertThat(data.auditEntries(org, "member.invited")).isZero();
    }

    @Test
    void aManagerDemotedWhileTheirSiteTicksWereOnTheirWayChangesNoSiteAccess() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        data.manager(org);
        String site = data.site(org).id();
        TestMember worker = data.user(org);
        Actor managerAsReadByTheirRequest = data.actor(manager.userId());

        members.change(data.admin(), org, manager.userId(), new Members.MemberChange(Role.USER, null, null, null));

        assertThatThrownBy(() -> siteAccess.save(managerAsReadByTheirRequest, org, io.gatehouse.shared.SiteId.parse(site),
                List.of(worker.id()), List.of(worker.id())))
                .isInstanceOf(ForbiddenException.class)
                .extracting(e -> ((ForbiddenException) e).reasonCode()).isEqualTo("policy.managerOnly");
        assertThat(data.auditEntries(org, "site.accessGranted")).isZero();
    }

    @Test
    void anAccountDisabledWhileItsRequestWasOnItsWayChangesNothing() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        data.manager(org);
        TestMember target = data.user(org);
        Actor managerAsReadByTheirRequest = data.actor(manager.userId());

        accounts.update(data.admin(), manager.userId(), new AccountChanges(null, null, null, null, true, null, null, null));

        assertThatThrownBy(() -> members.remove(managerAsReadByTheirRequest, org, target.userId()))
                .isInstanceOf(ForbiddenException.class)
                .extracting(e -> ((ForbiddenException) e).reasonCode()).isEqualTo("policy.accountDisabled");
        assertThat(data.auditEntries(org, "member.removed")).isZero();
        assertThat(activeManagers(org)).isEqualTo(1);
    }

    // ---- the lock itself

    @Test
    void theOrganizationStaysLockedUntilTheTransactionThatLockedItEnds() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember first = data.manager(org);
        TestMember second = data.manager(org);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            organizationLock.lock(data.admin(), org);
            locked.countDown();
            await(release);
            // Demoted while the lock is held: the change below must wait for this and then see it.
            members.change(data.admin(), org, first.userId(), new Members.MemberChange(Role.USER, null, null, null));
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        Future<?> waiting = pool.submit(() -> members.change(data.admin(), org, second.userId(),
                new Members.MemberChange(null, null, null, true)));
        Thread.sleep(700);
        assertThat(waiting.isDone()).as("a change to the organization waits for the lock").isFalse();

        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ForbiddenException.class)
                .cause().extracting(e -> ((ForbiddenException) e).reasonCode()).isEqualTo("policy.lastManager");
        assertThat(activeManagers(org)).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long activeManagers(OrganizationId org) {
        return jdbc.sql("""
                        select count(*) from membership m join user_account u on u.id = m.user_id
                        where m.organization_id = ? and m.role = 'MANAGER' and m.status = 'ACTIVE' and u.status = 'ACTIVE'""")
                .param(org.value()).query(Long.class).single();
    }

    private List<String> rights(OrganizationId org, TestMember member) {
        return jdbc.sql("""
                        select r.name from membership m join membership_right mr on mr.membership_id = m.id
                        join access_right r on r.id = mr.right_id where m.organization_id = ? and m.user_id = ?""")
                .params(org.value(), member.userId().value()).query(String.class).list();
    }
}
