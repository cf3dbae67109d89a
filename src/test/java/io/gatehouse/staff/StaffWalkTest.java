package io.gatehouse.staff;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.Staff;
import io.gatehouse.access.StaffRole;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.user.Accounts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The vendor admin adds a vendor support with a generated password and a vendor admin with a
 * typed one; each signs in and sees the vendor pages or not; the admin then removes the support.
 */
@Tag("browser")
@IntegrationTest
class StaffWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    Staff staff;

    @Autowired
    Accounts accounts;

    @Test
    void theVendorAdminAddsStaffWhoSignInWithTheirRoleAndRemovesOneAgain() {
        String last = TestData.unique("Walker");
        String supportEmail = TestData.unique("support").toLowerCase() + "@vendor.test";
        String adminEmail = TestData.unique("admin").toLowerCase() + "@vendor.test";
        String supportPassword;
        try (Browser browser = Browser.open(port, "staff")) {
            browser.signIn(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
            browser.click("Staff");
            assertThat(browser.text()).contains("All staff", TestData.ADMIN_EMAIL, "You");

            browser.type("First name", "Sam").type("Last name", last).type("Email", supportEmail).tick("Generate a password", true);
            new Select(browser.field("Role")).selectByVisibleText("Vendor support");
            browser.click("Add staff member");
            assertThat(browser.text()).contains("Sam " + last + " was added as Vendor support.",
                    "Password generated for Sam " + last + ". Pass it on now: it is shown only this once.", supportEmail);
            supportPassword = browser.one("#generated-password").getText();

            browser.type("First name", "Ada").type("Last name", last).type("Email", adminEmail).type("Password", TestData.PASSWORD);
            new Select(browser.field("Role")).selectByVisibleText("Vendor admin");
            browser.click("Add staff member");
            assertThat(browser.text()).contains("Ada " + last + " was added as Vendor admin.").doesNotContain("Password generated");
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", browser.one("#staff-list"));
            browser.shot("staff-list");
            browser.click("Sign out");
        }

        try (Browser browser = Browser.open(port, "staff-support-signs-in", 375)) {
            browser.signIn(supportEmail, supportPassword);
            assertThat(toolbar(browser)).contains("User profile").doesNotContain("Organizations", "Applications", "Staff");
            browser.go("/admin/staff");
            assertThat(browser.text()).contains("Only a vendor admin can do this.").doesNotContain(adminEmail);
        }

        try (Browser browser = Browser.open(port, "staff-admin-signs-in")) {
            browser.signIn(adminEmail, TestData.PASSWORD);
            assertThat(toolbar(browser)).contains("Organizations", "Applications", "Staff");
            browser.click("Staff");
            browser.one("form[action$='/remove'] button[aria-label='Remove Sam " + last + "']").click();
            assertThat(browser.driver().switchTo().alert().getText())
                    .isEqualTo("Remove Sam " + last + " (Vendor support) from the staff? They lose the support queue and their access to "
                            + "every organization at once; their account stays, without staff rights.");
            browser.driver().switchTo().alert().accept();
            browser.settle().shot("support-removed");
            assertThat(browser.text()).contains("Sam " + last + " is no longer on the staff. Their account stays.")
                    .doesNotContain(supportEmail);
        }
        assertThat(staff.roleOf(accounts.findByEmail(supportEmail).orElseThrow().id())).isEmpty();
        assertThat(staff.roleOf(accounts.findByEmail(adminEmail).orElseThrow().id())).contains(StaffRole.VENDOR_ADMIN);
    }

    private static List<String> toolbar(Browser browser) {
        return browser.all("nav.toolbar a").stream().map(link -> link.getDomProperty("textContent").strip()).toList();
    }
}
