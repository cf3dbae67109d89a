package io.gatehouse.member;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.MembershipStatus;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A person's page in a browser: with JavaScript each part saves itself and says so beside the
 * control, with no Save button left over; what shuts someone out asks first; without JavaScript
 * the same page works with plain forms, one Save each, and a confirmation page.
 */
@Tag("browser")
@IntegrationTest
class PersonPageWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    Memberships memberships;

    private static String url(TestMember person) {
        return "/organizations/" + person.organizationId() + "/users/" + person.id();
    }

    private TestMember marieMartin(OrganizationId org, Role role, List<String> sites) {
        TestMember person = data.member(org, role, sites, "Licenses");
        accounts.update(data.admin(), person.userId(), new AccountChanges("Marie", "Martin", null, null, null, null, null, null));
        return person;
    }

    private static List<WebElement> visibleSaveButtons(Browser browser) {
        return browser.driver().findElements(By.xpath("//button[normalize-space(.)='Save']")).stream()
                .filter(WebElement::isDisplayed).toList();
    }

    private static String spoken(Browser browser, String id) {
        return String.valueOf(((JavascriptExecutor) browser.driver())
                .executeScript("return document.getElementById(arguments[0]).textContent.trim()", id));
    }

    private static void waitFor(Browser browser, org.openqa.selenium.support.ui.ExpectedCondition<Boolean> condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(condition);
        browser.settle();
    }

    @Test
    void rolesAndSitesSaveThemselvesAndSaySoBesideTheControlWithNoSaveButtonLeft() {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        SiteView north = data.site(org);
        SiteView south = data.site(org);
        TestMember manager = data.manager(org);
        TestMember marie = marieMartin(org, Role.OPERATOR, List.of(north.id()));

        try (Browser browser = Browser.open(port, "person-page-saves-itself", 1366)) {
            browser.signIn(manager.email(), manager.password());
            browser.go(url(marie));
            assertThat(visibleSaveButtons(browser)).isEmpty();
            browser.click("Organizations & Roles");
            waitFor(browser, d -> browser.path().endsWith("?tab=organizations"));
            assertThat(visibleSaveButtons(browser)).isEmpty();

            new Select(browser.one("#role-" + org)).selectByVisibleText("Contributor");
            waitFor(browser, d -> !d.findElements(By.id("role-" + org + "-mark")).isEmpty());
            browser.shot("role-saved");
            assertThat(browser.one("#role-" + org + "-mark").getText()).isEqualTo("Saved ✓");
            assertThat(spoken(browser, "organizations-status")).isEqualTo("Role in " + organization.name() + ": saved.");
            assertThat(memberships.get(org, marie.userId()).role()).isEqualTo(Role.CONTRIBUTOR);

            browser.tick(south.name(), true);
            waitFor(browser, d -> !d.findElements(By.id("sites-" + org + "-mark")).isEmpty());
            browser.shot("sites-saved");
            assertThat(browser.one("#sites-" + org + "-mark").getText()).isEqualTo("Saved ✓");
            assertThat(memberships.get(org, marie.userId()).sites()).containsExactlyInAnyOrder(north.siteId(), south.siteId());
            assertThat(visibleSaveButtons(browser)).isEmpty();
        }
    }

    @Test
    void disabledAndBlockUserAskFirstAndNoLeavesEverythingAsItWas() {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        TestMember manager = data.manager(org);
        TestMember marie = marieMartin(org, Role.USER, List.of());

        try (Browser browser = Browser.open(port, "person-page-asks-first", 1366)) {
            browser.signIn(manager.email(), manager.password());
            browser.go(url(marie));

            browser.field("Disabled").click();
            assertThat(browser.driver().switchTo().alert().getText())
                    .startsWith("Marie Martin will lose access to all organizations at once");
            browser.driver().switchTo().alert().dismiss();
            browser.settle().shot("disable-dismissed");
            assertThat(browser.field("Disabled").isSelected()).isFalse();
            assertThat(accounts.find(marie.userId()).disabled()).isFalse();

            browser.one("form[action$='/block'] button").click();
            assertThat(browser.driver().switchTo().alert().getText())
                    .startsWith("Marie Martin will be blocked in " + organization.name() + ": their next request there is refused.");
            browser.driver().switchTo().alert().dismiss();
            browser.settle();
            assertThat(memberships.get(org, marie.userId()).status()).isEqualTo(MembershipStatus.ACTIVE);

            browser.field("Disabled").click();
            browser.driver().switchTo().alert().accept();
            waitFor(browser, d -> !d.findElements(By.id("disabled-mark")).isEmpty());
            browser.shot("disabled-saved");
            assertThat(browser.one("#disabled-mark").getText()).isEqualTo("Saved ✓");
            assertThat(accounts.find(marie.userId()).disabled()).isTrue();
        }
    }

    @Test
    void withoutJavaScriptEachPartIsAPlainFormAndDisablingAsksOnAPage() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember marie = marieMartin(org, Role.USER, List.of());

        try (Browser browser = Browser.open(port, "person-page-without-javascript", 1366)) {
            browser.signIn(manager.email(), manager.password());
            ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
            browser.go(url(marie));
            // One Save for the Disabled box, one for the access rights: a plain form each.
            assertThat(visibleSaveButtons(browser)).hasSize(2);

            browser.tick("Disabled", true);
            browser.one("#disabled-form button[type='submit']").click();
            browser.settle().shot("question-page");
            assertThat(browser.one("h1").getText()).isEqualTo("Disable Marie Martin?");
            assertThat(browser.text()).contains("Marie Martin will lose access to all organizations at once");
            assertThat(accounts.find(marie.userId()).disabled()).isFalse();

            browser.click("Disable");
            assertThat(browser.text()).contains("Marie Martin is disabled and can no longer sign in.");
            assertThat(accounts.find(marie.userId()).disabled()).isTrue();
        }
    }

    @Test
    void thePersonPageFitsAPhoneAndALaptop() {
        OrganizationId org = data.organizationId();
        SiteView site = data.site(org);
        TestMember manager = data.manager(org);
        TestMember marie = marieMartin(org, Role.OPERATOR, List.of(site.id()));

        for (int width : new int[] {390, 1366}) {
            try (Browser browser = Browser.open(port, "person-page-" + width, width)) {
                browser.signIn(manager.email(), manager.password());
                for (String tab : List.of("properties", "organizations")) {
                    browser.go(url(marie) + "?tab=" + tab);
                    assertThat(browser.contentWidth()).as(tab + " at " + width + " px").isLessThanOrEqualTo(browser.viewportWidth());
                    assertThat(browser.text()).contains("Marie Martin", "Access rights");
                }
                browser.go(url(marie) + "/remove");
                assertThat(browser.contentWidth()).as("remove from at " + width + " px").isLessThanOrEqualTo(browser.viewportWidth());
            }
        }
    }
}
