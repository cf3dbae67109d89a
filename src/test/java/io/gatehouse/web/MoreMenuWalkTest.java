package io.gatehouse.web;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The ⋯ menu of a person's page closes the way menus do: with Escape, or a click elsewhere. */
@Tag("browser")
@IntegrationTest
class MoreMenuWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Test
    void escapeClosesTheMoreMenuAndGivesFocusBackToItsButton() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);
        try (Browser browser = Browser.open(port, "more-menu")) {
            browser.signIn(manager.email(), TestData.PASSWORD);
            browser.go("/organizations/" + org + "/users/" + person.id());
            WebElement menu = browser.one("details.more-menu");
            WebElement summary = browser.one("details.more-menu > summary");

            summary.click();
            assertThat(menu.getDomAttribute("open")).as("opened").isNotNull();
            new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
            assertThat(menu.getDomAttribute("open")).as("closed by Escape").isNull();
            assertThat(browser.driver().switchTo().activeElement()).isEqualTo(summary);

            summary.click();
            assertThat(menu.getDomAttribute("open")).as("opened again").isNotNull();
            browser.one("h1").click();
            assertThat(menu.getDomAttribute("open")).as("closed by a click elsewhere").isNull();
        }
    }
}
