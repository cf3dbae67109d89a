package io.gatehouse.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.mail.MailView;
import io.gatehouse.mail.Mails;
import io.gatehouse.member.Members;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** No invitation link may make an account that belongs to no organization. */
@IntegrationTest
class RemovedInviteeTest {

    private static final Pattern LINK = Pattern.compile("/invitations/accept\\?token=([A-Za-z0-9_-]{43})");
    private static final String NEW_PASSWORD = "Amber-Falcon-Orchard-73";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Mails mails;

    @Autowired
    Invitations invitations;

    @Autowired
    Members members;

    @Autowired
    Memberships memberships;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void removingAnInviteeRevokesTheirPendingInvitationThereAndRecordsIt() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = TestData.unique("removed") + "@invitee.test";
        invitations.invite(data.actor(manager.userId()), List.of(email), List.of(new Invitations.Target(org, Role.USER, null, null)));
        long revokedBefore = data.auditEntries(org, "invitation.revoked");

        members.remove(data.actor(manager.userId()), org, accounts.findByEmail(email).orElseThrow().id());

        assertThat(invitationStatus(email, org)).isEqualTo("REVOKED");
        assertThat(data.auditEntries(org, "invitation.revoked")).isEqualTo(revokedBefore + 1);
        // The waiting account that nothing holds any more goes with it.
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void theOldLinkOfARemovedInviteeIsRefusedOnAClearPageAndActivatesNoAccount() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = TestData.unique("old-link") + "@invitee.test";
        invitations.invite(data.actor(manager.userId()), List.of(email), List.of(new Invitations.Target(org, Role.USER, null, null)));
        String token = token(email);

        members.remove(data.actor(manager.userId()), org, accounts.findByEmail(email).orElseThrow().id());

        mvc.perform(get("/invitations/accept").param("token", token).header("Accept-Language", "fr"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Ce lien ne fonctionne plus")));
        mvc.perform(post("/invitations/accept").with(csrf()).header("Accept-Language", "fr").param("token", token)
                        .param("firstName", "Rémi").param("lastName", "Retiré").param("password", NEW_PASSWORD)
                        .param("language", "fr").param("terms", "true"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Ce lien ne fonctionne plus")));
        assertThat(jdbc.sql("select count(*) from user_account where email_key = ? and status = 'ACTIVE'").param(email)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aLinkWhoseMembershipWentAnotherWayStillCreatesNoAccount() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = TestData.unique("orphan") + "@invitee.test";
        invitations.invite(data.actor(manager.userId()), List.of(email), List.of(new Invitations.Target(org, Role.USER, null, null)));
        String token = token(email);
        var invited = accounts.findByEmail(email).orElseThrow();

        // The membership goes without "Remove from": the link must still lead nowhere.
        memberships.remove(org, invited.id());

        assertThat(invitations.open(token)).isEmpty();
        assertThatThrownBy(() -> invitations.register(token, new Accounts.Registration("Orla", "Orphan", NEW_PASSWORD, Language.EN, true)))
                .isInstanceOf(NotFoundException.class);
        assertThat(accounts.find(invited.id()).status().name()).isEqualTo("INVITED");
    }

    @Test
    void anInviteeRemovedFromOneOrganizationStillRegistersIntoTheOtherOnly() {
        OrganizationId first = data.organizationId();
        OrganizationId second = data.organizationId();
        TestMember manager = data.manager(first);
        data.join(manager, second, Role.MANAGER);
        String email = TestData.unique("two-orgs") + "@invitee.test";
        invitations.invite(data.actor(manager.userId()), List.of(email),
                List.of(new Invitations.Target(first, Role.USER, null, null), new Invitations.Target(second, Role.USER, null, null)));
        String token = token(email);
        var invited = accounts.findByEmail(email).orElseThrow();

        members.remove(data.actor(manager.userId()), first, invited.id());

        Optional<Invitations.Opened> opened = invitations.open(token);
        assertThat(opened).isPresent();
        assertThat(opened.get().organizationNames()).hasSize(1);
        invitations.register(token, new Accounts.Registration("Tess", "Two", NEW_PASSWORD, Language.EN, true));
        assertThat(invitationStatus(email, first)).isEqualTo("REVOKED");
        assertThat(invitationStatus(email, second)).isEqualTo("ACCEPTED");
        assertThat(memberships.find(first, invited.id())).isEmpty();
        assertThat(memberships.find(second, invited.id())).isPresent();
    }

    private String invitationStatus(String email, OrganizationId org) {
        return jdbc.sql("select status from invitation where email = ? and organization_id = ?").param(email).param(org.value())
                .query(String.class).single();
    }

    private String token(String email) {
        MailView mail = mails.to(email).get(0);
        Matcher matcher = LINK.matcher(mail.text());
        assertThat(matcher.find()).as(mail.text()).isTrue();
        return matcher.group(1);
    }
}
