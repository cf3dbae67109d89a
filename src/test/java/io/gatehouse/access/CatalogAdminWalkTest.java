package io.gatehouse.access;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The vendor admin adds an application with a right to the catalogue, then renames the right. */
@Tag("browser")
@IntegrationTest
class CatalogAdminWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Test
    void theVendorAdminAddsAnApplicationAndARightThenRenamesIt() {
        String application = TestData.unique("Configurator");
        String right = TestData.unique("Configurator User");
        String renamed = TestData.unique("Configurator Designer");
        try (Browser browser = Browser.open(port, "admin-catalogue")) {
            browser.signIn(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
            browser.click("Applications");
            assertThat(browser.text()).contains("Showcase 360 Administrator", "Contacts", "Managed externally");

            browser.type("Application name", application).click("Add application");
            assertThat(browser.text()).contains("Application “" + application + "” added.",
                    "This application has no access rights yet.");

            browser.type("New access right for " + application, right);
            browser.field("New access right for " + application).submit();
            browser.settle().shot("right-added");
            assertThat(browser.text()).contains("Access right “" + right + "” added.");

            browser.type("New name for " + right, renamed);
            browser.field("New name for " + right).submit();
            browser.settle().shot("right-renamed");
            assertThat(browser.text()).contains("Access right renamed to “" + renamed + "”.");
        }
        assertThat(catalog.rightsByName()).containsKey(renamed).doesNotContainKey(right);
    }
}
