package io.gatehouse.member;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** "Gérer l’accès au Site pour des utilisateurs spécifiques", step by step, as a Manager. */
@Tag("browser")
@IntegrationTest
class SiteAccessWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aManagerTicksAndUnticksPeopleOnASiteAndTheTicksStay() {
        OrganizationId org = data.organizationId();
        data.site(org);
        SiteView site = data.site(org);
        TestMember manager = data.manager(org);
        TestMember contributor = data.member(org, Role.CONTRIBUTOR, List.of(site.id()));
        TestMember operator = data.member(org, Role.OPERATOR, List.of());

        try (Browser browser = Browser.open(port, "site-manage-access")) {
            // You must be signed in as a Manager.
            browser.signIn(manager.email(), manager.password());
            browser.click("Sites");
            assertThat(browser.text()).contains(site.name());

            // Step 1 – select the site. Step 2 – its "Site information".
            browser.click(site.name());
            assertThat(browser.text()).contains("Site information", site.name());

            // Step 3 – "Manage access": those with access are pre-ticked, Managers ticked and locked.
            browser.click("Manage access");
            assertThat(browser.field(name(contributor)).isSelected()).isTrue();
            assertThat(browser.field(name(operator)).isSelected()).isFalse();
            WebElement managerBox = browser.field(name(manager));
            assertThat(managerBox.isSelected()).isTrue();
            assertThat(managerBox.isEnabled()).isFalse();
            assertThat(browser.text()).contains("Managers reach every site");

            // Step 4 – tick or untick people. Step 5 – save.
            browser.tick(name(operator), true).tick(name(contributor), false).shot("ticked");
            browser.click("Save");
            assertThat(browser.text()).contains("Access saved.");

            // Reloading shows the saved ticks.
            browser.go(browser.path());
            assertThat(browser.field(name(operator)).isSelected()).isTrue();
            assertThat(browser.field(name(contributor)).isSelected()).isFalse();
            assertThat(browser.field(name(manager)).isEnabled()).isFalse();
        }
        assertThat(memberships.get(org, operator.userId()).sites()).contains(SiteId.parse(site.id()));
        assertThat(memberships.get(org, contributor.userId()).sites()).doesNotContain(SiteId.parse(site.id()));
    }

    @Test
    void theAccessListIsUsableOnANarrowScreenAndSearches() {
        OrganizationId org = data.organizationId();
        SiteView site = data.site(org);
        TestMember manager = data.manager(org);
        TestMember someone = data.member(org, Role.USER, List.of());
        data.member(org, Role.USER, List.of());

        try (Browser browser = Browser.open(port, "site-manage-access-narrow", 375)) {
            browser.signIn(manager.email(), manager.password());
            browser.go("/organizations/" + org + "/sites/" + site.id() + "/access");
            // A mark on the page survives the search only if the list was replaced in place.
            JavascriptExecutor page = (JavascriptExecutor) browser.driver();
            page.executeScript("document.body.dataset.walk = 'same-page'");
            browser.type("Search by name or email", lastName(someone)).click("Search");
            assertThat(browser.text()).contains(someone.email());
            assertThat(page.executeScript("return document.body.dataset.walk")).isEqualTo("same-page");
            assertThat(browser.all("input[type=checkbox]")).hasSize(1);
            assertThat(browser.driver().findElement(By.xpath("//button[normalize-space(.)='Save']")).isDisplayed()).isTrue();
            assertThat(browser.path()).contains("q=");
        }
    }

    private String name(TestMember member) {
        return "Test " + lastName(member);
    }

    private String lastName(TestMember member) {
        return jdbc.sql("select last_name from user_account where id = ?").param(member.userId().value())
                .query(String.class).single();
    }
}
