package io.gatehouse.access;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The vendor admin marks one right of an application "Always needs approval" on the Applications page. */
@Tag("browser")
@IntegrationTest
class RightApprovalWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    CatalogAdmin catalogAdmin;

    @Autowired
    Catalog catalog;

    @Test
    void theVendorAdminMarksARightAsAlwaysNeedingApproval() {
        String application = TestData.unique("Billing");
        UUID applicationId = catalogAdmin.addApplication(data.admin(), application, false);
        String approved = TestData.unique("Billing Approver");
        String plain = TestData.unique("Billing Viewer");
        catalogAdmin.addRight(data.admin(), applicationId, approved);
        catalogAdmin.addRight(data.admin(), applicationId, plain);
        try (Browser browser = Browser.open(port, "right-approval")) {
            browser.signIn(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
            browser.click("Applications");
            assertThat(browser.text()).contains("Always needs approval",
                    "an organization admin’s grant or withdrawal of it becomes a request that the vendor approves");

            browser.tick("Always needs approval: " + approved, true);
            browser.click("Save approvals of " + application);
            assertThat(browser.text()).contains("Approvals saved.");
            assertThat(browser.field("Always needs approval: " + approved).isSelected()).isTrue();
            assertThat(browser.field("Always needs approval: " + plain).isSelected()).isFalse();
        }
        assertThat(catalog.rightsByName().get(approved).needsApproval()).isTrue();
        assertThat(catalog.rightsByName().get(plain).needsApproval()).isFalse();
    }
}
