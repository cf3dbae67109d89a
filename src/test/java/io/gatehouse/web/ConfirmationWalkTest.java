package io.gatehouse.web;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.Role;
import io.gatehouse.access.StaffRole;
import io.gatehouse.invitation.Invitations;
import io.gatehouse.member.ApprovalRequests;
import io.gatehouse.member.ApprovalRequests.Receipt;
import io.gatehouse.member.MemberStatus;
import io.gatehouse.member.Members;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Actions with a wide effect ask first in a browser, the same way everywhere: without JavaScript on
 * a page of their own that names who or what and the effect, with it in a dialog that asks the same.
 */
@Tag("browser")
@IntegrationTest
class ConfirmationWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    ApprovalRequests approvals;

    @Autowired
    Members members;

    @Autowired
    Invitations invitations;

    @Autowired
    JdbcClient jdbc;

    @Test
    void withoutJavaScriptApproveAsksOnAPageNamingTheTicketThePersonAndTheOrganizationThenApplies() {
        OrganizationView acme = data.organization(ManagementMode.VENDOR_MANAGED);
        OrganizationId org = OrganizationId.parse(acme.id());
        TestMember admin = data.manager(org);
        TestMember marie = data.user(org);
        accounts.update(data.admin(), marie.userId(), new AccountChanges("Marie", "Martin", null, null, null, null, null, null));
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt receipt = approvals.deactivation(data.actor(admin.userId()), org, marie.userId(), "Left the company", null);

        try (Browser browser = Browser.open(port, "approve-without-javascript", 1366)) {
            browser.signIn(support.email(), TestData.PASSWORD);
            ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
            browser.go("/requests/" + receipt.requestId());
            browser.click("Approve");

            assertThat(browser.path()).isEqualTo("/requests/" + receipt.requestId() + "/approve");
            assertThat(browser.one("h1").getText()).isEqualTo("Approve ticket #" + receipt.number() + "?");
            assertThat(browser.one("#confirm-question").getText()).isEqualTo("Approve ticket #" + receipt.number()
                    + ": Marie Martin will be deactivated in " + acme.name() + ". The change is applied at once.");
            assertThat(browser.one(".crumb").getText()).isEqualTo("Support queue › Ticket #" + receipt.number());
            assertThat(members.get(data.admin(), org, marie.userId()).status()).isNotEqualTo(MemberStatus.BLOCKED);

            browser.click("Approve and apply");
            assertThat(browser.text()).contains("Ticket #" + receipt.number() + " is approved: the change is applied.");
            assertThat(members.get(data.admin(), org, marie.userId()).status()).isEqualTo(MemberStatus.BLOCKED);
        }
    }

    @Test
    void withJavaScriptRevokeAsksInADialogNamingTheAddressAndTheOrganizationAndNoKeepsTheInvitation() {
        OrganizationView acme = data.organization();
        OrganizationId org = OrganizationId.parse(acme.id());
        TestMember manager = data.manager(org);
        String email = TestData.unique("invitee").toLowerCase() + "@example.test";
        invitations.invite(data.actor(manager.userId()), List.of(email), List.of(new Invitations.Target(org, Role.USER, null, null)));
        UUID id = jdbc.sql("select id from invitation where email = ?").param(email).query(UUID.class).single();

        try (Browser browser = Browser.open(port, "revoke-with-javascript", 1366)) {
            browser.signIn(manager.email(), manager.password());
            browser.go("/organizations/" + org + "/invitations");

            browser.driver().findElement(By.xpath("//button[@aria-label='Revoke the invitation of " + email + "']")).click();
            Alert dialog = browser.driver().switchTo().alert();
            assertThat(dialog.getText()).isEqualTo("Revoke the invitation of " + email + " to " + acme.name()
                    + "? The link stops working and the place kept for them there goes.");
            dialog.dismiss();
            browser.settle();
            assertThat(browser.path()).isEqualTo("/organizations/" + org + "/invitations");
            assertThat(status(id)).isEqualTo("PENDING");

            browser.driver().findElement(By.xpath("//button[@aria-label='Revoke the invitation of " + email + "']")).click();
            browser.driver().switchTo().alert().accept();
            browser.settle().shot("revoked");
            assertThat(browser.text()).contains("The invitation of " + email + " was revoked: its link no longer works.");
            assertThat(status(id)).isEqualTo("REVOKED");
        }
    }

    private String status(UUID invitation) {
        return jdbc.sql("select status from invitation where id = ?").param(invitation).query(String.class).single();
    }
}
