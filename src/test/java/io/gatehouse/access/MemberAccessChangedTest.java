package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.MemberAccessChanged.Change;
import io.gatehouse.member.Members;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Every way a person's access changes is announced, by the one service all of them go through. */
@IntegrationTest
@RecordApplicationEvents
class MemberAccessChangedTest {

    private static final UUID SHOWCASE = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    private static final UUID PORTAL = UUID.fromString("00000000-0000-0000-0000-00000000a002");

    @Autowired
    TestData data;

    @Autowired
    Members members;

    @Autowired
    Accounts accounts;

    @Autowired
    ApplicationEvents events;

    @Test
    void aRightGrantedConcernsItsApplicationOnlyAndNamesTheRight() {
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org, "Licenses");
        events.clear();

        members.change(data.admin(), org, person.userId(),
                new Members.MemberChange(null, List.of("Licenses", "Showcase 360 Administrator"), null, null));

        MemberAccessChanged change = only();
        assertThat(change.organizationId()).isEqualTo(org);
        assertThat(change.userId()).isEqualTo(person.userId());
        assertThat(change.changes()).containsExactly(Change.RIGHTS_GRANTED);
        assertThat(change.rightsGranted()).containsExactly("Showcase 360 Administrator");
        assertThat(change.rightsWithdrawn()).isEmpty();
        assertThat(change.applicationIds()).containsExactly(SHOWCASE);
        assertThat(change.changeRequestId()).isNull();
    }

    @Test
    void aRoleOrSitesChangedConcernEveryApplicationThePersonHoldsARightOf() {
        OrganizationId org = data.organizationId();
        SiteId site = SiteId.parse(data.site(org).id());
        TestMember person = data.user(org, "Licenses", "Showcase 360 Administrator");
        events.clear();

        members.change(data.admin(), org, person.userId(), new Members.MemberChange(null, null, List.of(site.toString()), null));
        assertThat(only().changes()).containsExactly(Change.SITES_CHANGED);
        assertThat(only().applicationIds()).containsExactlyInAnyOrder(SHOWCASE, PORTAL);
        events.clear();

        members.change(data.admin(), org, person.userId(), new Members.MemberChange(Role.CONTRIBUTOR, null, null, null));
        assertThat(only().changes()).containsExactly(Change.ROLE_CHANGED);
        assertThat(only().applicationIds()).containsExactlyInAnyOrder(SHOWCASE, PORTAL);
    }

    @Test
    void blockedRemovedDisabledAndEnabledAreAnnouncedWithTheApplicationsHeld() {
        OrganizationId org = data.organizationId();
        OrganizationId elsewhere = data.organizationId();
        TestMember person = data.user(org, "Licenses");
        data.join(person, elsewhere, Role.USER, "Showcase 360 Administrator");
        events.clear();

        members.change(data.admin(), org, person.userId(), new Members.MemberChange(null, null, null, true));
        assertThat(only().changes()).containsExactly(Change.BLOCKED);
        assertThat(only().applicationIds()).containsExactly(PORTAL);
        events.clear();

        accounts.update(data.admin(), person.userId(), new AccountChanges(null, null, null, null, true, null, null, null));
        assertThat(all()).extracting(MemberAccessChanged::changes).containsOnly(Set.of(Change.ACCOUNT_DISABLED));
        assertThat(all()).extracting(MemberAccessChanged::organizationId).containsExactlyInAnyOrder(org, elsewhere);
        events.clear();

        accounts.update(data.admin(), person.userId(), new AccountChanges(null, null, null, null, false, null, null, null));
        assertThat(all()).extracting(MemberAccessChanged::changes).containsOnly(Set.of(Change.ACCOUNT_ENABLED));
        events.clear();

        members.remove(data.admin(), elsewhere, person.userId());
        assertThat(only().changes()).containsExactly(Change.REMOVED);
        assertThat(only().organizationId()).isEqualTo(elsewhere);
        assertThat(only().applicationIds()).containsExactly(SHOWCASE);
    }

    @Test
    void aChangeThatChangesNothingIsNotAnnounced() {
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org, "Licenses");
        events.clear();

        members.change(data.admin(), org, person.userId(), new Members.MemberChange(Role.USER, List.of("Licenses"), null, null));

        assertThat(all()).isEmpty();
    }

    private MemberAccessChanged only() {
        List<MemberAccessChanged> all = all();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private List<MemberAccessChanged> all() {
        return events.stream(MemberAccessChanged.class).toList();
    }
}
