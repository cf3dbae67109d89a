package io.gatehouse.request;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.MembershipStatus;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.StaffRole;
import io.gatehouse.member.ApprovalRequests;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The reseller article's three procedures in a browser — request a new user, request a rights
 * change, request a deactivation with its reason — then vendor support approving each ticket from
 * the queue, and the requester finding them applied in My tickets.
 */
@Tag("browser")
@IntegrationTest
class ChangeRequestWalkTest {

    private static final Pattern TICKET = Pattern.compile("ticket #(\\d+) is open");

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    Memberships memberships;

    @Autowired
    ApprovalRequests approvals;

    @Test
    void anAdminRequestsANewUserARightsChangeAndADeactivationAndSupportApprovesThem() {
        OrganizationView organization = data.organization(ManagementMode.VENDOR_MANAGED);
        OrganizationId org = OrganizationId.parse(organization.id());
        TestMember admin = data.manager(org);
        TestMember seller = data.user(org, "Licenses");
        TestMember leaver = data.user(org, "Showcase 360 Administrator");
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String newEmail = TestData.unique("pia").toLowerCase() + "@reseller.test";
        List<String> tickets = new ArrayList<>();

        try (Browser browser = Browser.open(port, "change-requests")) {
            browser.signIn(admin.email(), admin.password());

            // Request a new user.
            browser.click("User Management");
            assertThat(browser.text()).contains("Cloud applications", "Only users with at least one cloud application");
            browser.click("Create new user");
            browser.type("First name", "Pia").type("Last name", "Berg").type("Email", newEmail).type("Position", "Sales")
                    .tick("Licenses", true).type("Note (optional)", "Starts on Monday").shot("new-user-filled");
            browser.click("Send request");
            tickets.add(ticketNumber(browser.text()));
            assertThat(browser.text()).contains("Gatehouse will process the request promptly.");

            // Request a change of rights: the filter icon of the seller's Customer Portal.
            browser.click("Change rights in Customer Portal for " + name(seller));
            assertThat(browser.field("Licenses").isSelected()).isTrue();
            browser.tick("User Management", true).type("Note (optional)", "Takes over the team").shot("rights-ticked");
            browser.click("Send request");
            tickets.add(ticketNumber(browser.text()));

            // Request a deactivation: the toggle at the right end of the leaver's row.
            browser.click("Deactivate " + name(leaver));
            browser.click("Send request");
            assertThat(browser.text()).contains("Reason: Give a reason.");
            browser.type("Reason for the deactivation", "Left the company").type("Note for Gatehouse (optional)", "Last day Friday")
                    .shot("deactivation-filled");
            browser.click("Send request");
            tickets.add(ticketNumber(browser.text()));

            // The open tickets and their status in My tickets.
            browser.click("My tickets");
            for (String number : tickets) {
                assertThat(row(browser, number)).contains("open");
            }
            assertThat(memberships.get(org, seller.userId()).rights()).containsExactly("Licenses");
            assertThat(memberships.get(org, leaver.userId()).status()).isEqualTo(MembershipStatus.ACTIVE);
            browser.click("Sign out");

            // Vendor support takes each ticket from the queue and approves it.
            browser.signIn(support.email(), TestData.PASSWORD);
            browser.click("Support queue");
            filterByOrganization(browser, organization);
            browser.shot("queue-filtered");
            for (String number : tickets) {
                assertThat(row(browser, number)).contains("open", organization.name());
            }
            for (String number : tickets) {
                browser.click("Assign to me: ticket #" + number);
                assertThat(browser.text()).contains("Ticket #" + number + " is assigned to you.", "in progress");
                confirm(browser, "Approve");
                assertThat(browser.text()).contains("Ticket #" + number + " is approved: the change is applied.", "applied");
                browser.click("Support queue");
                filterByOrganization(browser, organization);
            }
            browser.click("Sign out");

            // The requester sees the new status in My tickets.
            browser.signIn(admin.email(), admin.password());
            browser.click("My tickets");
            for (String number : tickets) {
                assertThat(row(browser, number)).contains("applied");
            }
            browser.click("Open ticket #" + tickets.get(2));
            assertThat(browser.text()).contains("Left the company", "Last day Friday", "Approved and applied", "Blocked");
            ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('timeline').scrollIntoView()");
            browser.shot("timeline");
        }

        assertThat(memberships.get(org, seller.userId()).rights()).containsExactlyInAnyOrder("Licenses", "User Management");
        assertThat(memberships.get(org, leaver.userId()).status()).isEqualTo(MembershipStatus.BLOCKED);
        assertThat(accounts.findByEmail(newEmail)).isPresent();
    }

    @Test
    void theTeamTableMyTicketsAndATicketReadOnANarrowScreenWithoutScrollingSideways() {
        OrganizationId org = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses", "Showcase 360 Administrator");
        ApprovalRequests.Receipt ticket = approvals.deactivation(data.actor(admin.userId()), org, person.userId(),
                "Left the company at the end of the month", "Please keep the data");
        try (Browser browser = Browser.open(port, "requests-375", 375)) {
            browser.signIn(admin.email(), admin.password());
            browser.go("/organizations/" + org + "/users");
            assertThat(browser.text()).contains("Cloud applications");
            assertNoSidewaysScroll(browser, "team table");
            browser.go("/organizations/" + org + "/requests");
            assertNoSidewaysScroll(browser, "My tickets");
            browser.go("/organizations/" + org + "/requests/" + ticket.requestId());
            assertThat(browser.text()).contains("Left the company");
            assertNoSidewaysScroll(browser, "the ticket");
            browser.go("/organizations/" + org + "/users/" + person.id() + "/request-rights");
            assertNoSidewaysScroll(browser, "the rights form");
        }
    }

    private static void assertNoSidewaysScroll(Browser browser, String page) {
        Object overflow = ((JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).as(page + " scrolls sideways").isEqualTo(Boolean.FALSE);
    }

    private String name(TestMember person) {
        AccountView account = accounts.find(person.userId());
        return account.firstName() + " " + account.lastName();
    }

    private static String ticketNumber(String text) {
        Matcher matcher = TICKET.matcher(text);
        assertThat(matcher.find()).as("a ticket number in: " + text).isTrue();
        return matcher.group(1);
    }

    /** The table row of a ticket, by the number a person reads in it. */
    private static String row(Browser browser, String number) {
        return browser.driver().findElement(By.xpath("//tr[td/a[normalize-space(.)='#" + number + "']]")).getText();
    }

    /** Picks the organization in the queue's filter; the list follows in place and the address says so. */
    private static void filterByOrganization(Browser browser, OrganizationView organization) {
        // The queue's own filter, not the organization switcher at the top of the page.
        new Select(browser.one("#filter-org")).selectByVisibleText(organization.name());
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> browser.path().contains("org=" + organization.id()));
        browser.settle();
    }

    /** A button that asks before it goes: the person clicks it and answers OK. */
    private static void confirm(Browser browser, String text) {
        WebElement button = browser.driver().findElement(By.xpath("//button[normalize-space(.)='" + text + "']"));
        button.click();
        browser.driver().switchTo().alert().accept();
        browser.settle().shot(text);
    }
}
