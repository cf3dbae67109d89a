package io.gatehouse.organization;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.shared.PageRequest;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The vendor admin opens a new customer: the organization with its region and management mode, then a site. */
@Tag("browser")
@IntegrationTest
class OrganizationAdminWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Organizations organizations;

    @Test
    void theVendorAdminCreatesAnOrganizationThenItsFirstSite() {
        String name = TestData.unique("Kitchens");
        String site = TestData.unique("Showroom");
        try (Browser browser = Browser.open(port, "admin-create-organization")) {
            browser.signIn(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
            browser.click("Organizations");
            assertThat(browser.text()).contains("Create organization", "Management mode");

            browser.type("Name", name);
            new Select(browser.field("Region")).selectByVisibleText("ZA");
            browser.tick("Vendor-managed", true).shot("filled");
            browser.click("Create organization");
            assertThat(browser.text()).contains(name, "Organization created. Add its sites below.",
                    "This organization has no sites yet.");
            assertThat(new Select(browser.field("Region")).getFirstSelectedOption().getText()).isEqualTo("ZA");
            assertThat(browser.field("Vendor-managed").isSelected()).isTrue();

            browser.type("Site name", site).click("Add site");
            assertThat(browser.text()).contains("Site added.", site);

            browser.click(site);
            assertThat(browser.text()).contains("Site information", name);
            browser.click("Manage access");
            assertThat(browser.text()).contains("This organization has no users yet.");

            browser.click("Organizations");
            browser.type("Search by name", name).click("Search");
            assertThat(browser.text()).contains(name, "Vendor-managed", "ZA", "1 organization");
        }
        OrganizationView created = organizations.list(data.admin(), name, PageRequest.of(0, 5)).items().get(0);
        assertThat(created.region()).isEqualTo("ZA");
        assertThat(created.managementMode()).isEqualTo(ManagementMode.VENDOR_MANAGED);
    }

    @Test
    void aMissingRegionIsExplainedAndTheTypedNameKept() {
        String name = TestData.unique("NoRegion");
        try (Browser browser = Browser.open(port, "admin-create-organization-invalid", 375)) {
            browser.signIn(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
            browser.go("/admin/organizations");
            browser.type("Name", name).tick("Self-managed", true).click("Create organization");
            assertThat(browser.text()).contains("Choose one of these regions: EU, AU, ZA, US.");
            assertThat(browser.field("Name").getAttribute("value")).isEqualTo(name);
            assertThat(browser.field("Region").getAttribute("aria-invalid")).isEqualTo("true");
        }
    }
}
