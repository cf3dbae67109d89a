package io.gatehouse.member;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.Role;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** "View users", as the help-centre article walks a Manager through it. */
@Tag("browser")
@IntegrationTest
class MemberListWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Members members;

    private void person(OrganizationId org, String first, String last, String... rights) {
        members.add(data.admin(), org, new Members.NewMember(first, last, TestData.unique(last).toLowerCase() + "@example.test",
                null, null, TestData.PASSWORD, Role.USER, List.of(rights), List.of()));
    }

    @Test
    void aManagerOpensUserManagementFromTheToolbarAndTheSearchBarFiltersAsTheyType() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        person(org, "Zoé", "Durand", "Showcase 360 Administrator", "Licenses");
        person(org, "Marc", "Dupont", "Licenses");
        person(org, "Ana", "Lopez");

        try (Browser browser = Browser.open(port, "view-users")) {
            // Log in to your customer space using your login details.
            browser.signIn(manager.email(), manager.password());
            // Click on User Management in the left-hand toolbar.
            browser.click("User Management");
            assertThat(browser.path()).isEqualTo("/organizations/" + org + "/users");
            assertThat(browser.one("h1").getText()).isEqualTo("User Management");
            assertThat(browser.all("#member-results tbody tr")).hasSize(4);
            assertThat(browser.one("#member-results thead").getText())
                    .contains("Name", "Email", "Login", "Role", "Cloud applications", "Sites", "Status");
            assertThat(browser.text()).contains("Durand, Zoé", "Showcase 360", "Customer Portal", "All sites", "Active",
                    "1–4 of 4", "Create new user", "Export users");

            // Search for a specific user by typing in the search bar at the top right: no page load.
            MemberListWalkTest.js(browser).executeScript("window.stillTheSamePage = true;");
            browser.type("Search", "du");
            waitForRows(browser, 2);
            browser.settle().shot("filtered-du");
            assertThat(browser.text()).contains("Durand, Zoé", "Dupont, Marc").doesNotContain("Lopez, Ana");
            assertThat(MemberListWalkTest.js(browser).executeScript("return window.stillTheSamePage === true")).isEqualTo(true);
            assertThat(browser.path()).isEqualTo("/organizations/" + org + "/users?q=du");
            assertThat(browser.one("#member-count").getText()).isEqualTo("2 users");
            assertThat(browser.one("#export-users").getAttribute("href")).endsWith("/users/export.csv?q=du");
            assertThat(browser.one("#clear-filters").getText()).isEqualTo("Clear filters");

            browser.type("Search", "lop");
            waitForRows(browser, 1);
            assertThat(browser.text()).contains("Lopez, Ana").doesNotContain("Durand, Zoé");

            // A filter narrows the table the same way, and sorting by a column keeps the search.
            browser.field("Search").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            waitForRows(browser, 4);
            assertThat(browser.path()).isEqualTo("/organizations/" + org + "/users");
            assertThat(browser.one("#clear-filters").getText()).isEmpty();
            new org.openqa.selenium.support.ui.Select(browser.field("Access right")).selectByVisibleText("Licenses");
            waitForRows(browser, 2);
            browser.click("Email");
            waitForRows(browser, 2);
            assertThat(browser.path()).contains("right=Licenses", "sort=email");
            // Searching again keeps the order the person chose.
            browser.type("Search", "dur");
            waitForRows(browser, 1);
            assertThat(browser.path()).contains("q=dur", "right=Licenses", "sort=email");
            assertThat(MemberListWalkTest.js(browser).executeScript("return window.stillTheSamePage === true")).isEqualTo(true);
            browser.shot("sorted-by-email");

            // The name leads to the user's own page.
            assertThat(browser.one("#member-results tbody a").getAttribute("href")).contains("/organizations/" + org + "/users/");
        }
    }

    @Test
    void theListReadsOnANarrowScreenAndEnterInTheSearchBarSearches() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        person(org, "Zoé", "Durand", "Showcase 360 Administrator");

        try (Browser browser = Browser.open(port, "view-users-narrow", 375)) {
            browser.signIn(manager.email(), manager.password());
            browser.go("/organizations/" + org + "/users?q=dur");
            assertThat(browser.all("#member-results tbody tr")).hasSize(1);
            Object overflow = MemberListWalkTest.js(browser).executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
            assertThat(overflow).isEqualTo(false);
            browser.type("Search", "nobody");
            browser.field("Search").sendKeys(Keys.ENTER);
            waitForText(browser, "No users match");
            browser.settle().shot("no-match");
        }
    }

    static void waitForRows(Browser browser, int rows) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.all("#member-results tbody tr").size() == rows && Boolean.TRUE.equals(
                        MemberListWalkTest.js(browser).executeScript("return !document.querySelector('.htmx-request')")));
    }

    static JavascriptExecutor js(Browser browser) {
        return (JavascriptExecutor) browser.driver();
    }

    static void waitForText(Browser browser, String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> browser.text().contains(text));
    }
}
