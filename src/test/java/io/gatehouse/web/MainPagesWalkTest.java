package io.gatehouse.web;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.Role;
import io.gatehouse.access.Staff;
import io.gatehouse.access.StaffRole;
import io.gatehouse.invitation.Invitations;
import io.gatehouse.member.ApprovalRequests;
import io.gatehouse.member.Members;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The main pages as a shop owner meets them on a phone (390 × 844) and on a laptop (1366 × 900): no
 * message key, no table cut off, a menu that reaches every entry on the phone, people as cards near the
 * top, and no serious or critical finding of axe-core. One browser and one set of data for all of it.
 */
@Tag("browser")
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MainPagesWalkTest {

    private static final int PHONE = 390;
    private static final int LAPTOP = 1366;

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Members members;

    @Autowired
    Invitations invitations;

    @Autowired
    ApprovalRequests approvals;

    @Autowired
    Staff staff;

    private Browser browser;
    private TestMember viewer;
    private OrganizationId org;
    private OrganizationId vendorManaged;
    /** Page name → address, in the order a person visits them. */
    private final Map<String, String> pages = new LinkedHashMap<>();

    @BeforeAll
    void anOrganizationFullOfPeopleAndAViewerWhoSeesEveryPage() {
        org = data.organizationId();
        vendorManaged = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        SiteView north = data.site(org);
        SiteView south = data.site(org);
        viewer = data.manager(org);
        data.join(viewer, vendorManaged, Role.MANAGER, "User Management");
        staff.appoint(viewer.userId(), StaffRole.VENDOR_ADMIN);
        // Long names, addresses without a hyphen to break at and lists of rights: what widens a table in real life.
        String person = null;
        for (int i = 0; i < 8; i++) {
            var added = members.add(data.admin(), org, new Members.NewMember("Marie-Christine " + i,
                    "Delacroix-Fontaine " + i, "mariechristine.delacroixfontaine." + unique() + "@harboursupplies.example",
                    null, null, TestData.PASSWORD, i % 2 == 0 ? Role.CONTRIBUTOR : Role.USER,
                    List.of("Showcase 360 Administrator", "Licenses"), List.of(north.id(), south.id())));
            person = person == null ? added.userId() : person;
        }
        invitations.invite(data.admin(), List.of("jeanbaptiste.rousseaumartin." + unique() + "@harboursupplies.example",
                        "invited." + unique() + "@example.test"),
                List.of(new Invitations.Target(org, Role.OPERATOR, List.of("Licenses"), List.of(north.id()))));
        TestMember reseller = data.manager(vendorManaged);
        TestMember leaving = data.user(vendorManaged, "Licenses");
        approvals.deactivation(data.actor(reseller.userId()), vendorManaged, leaving.userId(), "Left the company", "Note");

        pages.put("welcome", "/");
        pages.put("user-management", "/organizations/" + org + "/users");
        pages.put("person", "/organizations/" + org + "/users/" + person);
        pages.put("create-user", "/organizations/" + org + "/users/new");
        pages.put("invite-users", "/organizations/" + org + "/users/invite");
        pages.put("pending-invitations", "/organizations/" + org + "/invitations");
        pages.put("my-tickets", "/organizations/" + vendorManaged + "/requests");
        pages.put("support-queue", "/requests");
        pages.put("user-profile", "/profile");
        pages.put("organizations", "/admin/organizations");
        pages.put("welcome-links", "/admin/welcome?language=fr");

        browser = Browser.open(port, "main-pages", LAPTOP);
        browser.signIn(viewer.email(), viewer.password());
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void noMainPageShowsAMessageKeyOrCutsATableOffOnAPhoneOrALaptop() {
        SoftAssertions softly = new SoftAssertions();
        for (int width : List.of(PHONE, LAPTOP)) {
            resize(width);
            pages.forEach((name, path) -> {
                visit(name, path, width);
                String html = browser.driver().getPageSource();
                Matcher key = Pattern.compile("\\?\\?[^?<\"]*\\?\\?").matcher(html);
                softly.assertThat(html.contains("??")).as(name + " at " + width + " px shows a raw message key "
                        + (key.find() ? key.group() : "")).isFalse();
                softly.assertThat(clippedCells()).as(name + " at " + width + " px: table cells cut off").isEmpty();
                softly.assertThat(browser.contentWidth()).as(name + " at " + width + " px is wider than the screen")
                        .isLessThanOrEqualTo(width);
            });
        }
        softly.assertAll();
    }

    @Test
    void atALaptopWidthTheMemberTableKeepsItsStatusAndInvitationsTheirButtons() {
        resize(LAPTOP);
        visit("user-management", pages.get("user-management"), LAPTOP);
        assertThat(fullyInView("table.members-table thead th:last-child")).as("the Status column is in view").isTrue();
        assertThat(browser.one("table.members-table thead th:last-child").getText()).isEqualTo("Status");
        visit("pending-invitations", pages.get("pending-invitations"), LAPTOP);
        List<WebElement> buttons = browser.all(".invitations-pending table button");
        assertThat(buttons).extracting(WebElement::getText).contains("Resend", "Revoke");
        for (int i = 0; i < buttons.size(); i++) {
            assertThat(fullyInView(".invitations-pending table button", i)).as(buttons.get(i).getText() + " is in view").isTrue();
        }
    }

    @Test
    void aWideTableScrollsInsideItsFrameWithTheFirstColumnKeptInView() {
        resize(PHONE);
        visit("pending-invitations", pages.get("pending-invitations"), PHONE);
        WebElement frame = browser.one(".invitations-pending .table-scroll");
        assertThat(script("return arguments[0].scrollWidth > arguments[0].clientWidth", frame)).as("the table scrolls").isEqualTo(true);
        script("arguments[0].scrollLeft = arguments[0].scrollWidth", frame);
        assertThat(fullyInView(".invitations-pending table tbody td:first-child")).as("the address stays in view").isTrue();
        assertThat(fullyInView(".invitations-pending table tbody tr:first-child button")).as("the buttons scrolled into view").isTrue();
        browser.shot("pending-invitations-scrolled");
    }

    @Test
    void onAPhoneTheMenuReachesEveryEntryAndShowsWhoIsSignedIn() {
        resize(LAPTOP);
        visit("welcome", "/", LAPTOP);
        List<String> entries = browser.all("nav.toolbar li a").stream().map(WebElement::getText).toList();
        assertThat(entries).contains("Welcome", "User Management", "Sites", "My tickets", "User profile", "Support queue",
                "Organizations", "Applications", "Mailbox", "Staff");

        resize(PHONE);
        visit("welcome", "/", PHONE);
        WebElement menuButton = browser.one("nav.toolbar summary");
        assertThat(menuButton.isDisplayed()).as("the Menu button").isTrue();
        assertThat(browser.all("nav.toolbar li a").stream().filter(WebElement::isDisplayed)).as("closed at first").isEmpty();
        menuButton.click();
        browser.shot("phone-menu-open");
        for (int i = 0; i < entries.size(); i++) {
            WebElement entry = browser.all("nav.toolbar li a").get(i);
            assertThat(entry.isDisplayed()).as(entries.get(i) + " shown").isTrue();
            // A long menu scrolls with the page: each entry is reached by scrolling to it.
            script("arguments[0].scrollIntoView({block: 'nearest'})", entry);
            assertThat(fullyInView("nav.toolbar li a", i)).as(entries.get(i) + " on the screen").isTrue();
        }
        WebElement me = browser.one("nav.toolbar .menu-me");
        assertThat(me.isDisplayed()).isTrue();
        assertThat(me.getText()).contains("Test " + lastName(viewer));

        // Escape folds it again and gives focus back to the Menu button.
        browser.all("nav.toolbar li a").get(1).sendKeys(Keys.ESCAPE);
        assertThat(browser.one("details.toolbar-menu").getDomAttribute("open")).as("closed by Escape").isNull();
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(menuButton);
        menuButton.click();

        browser.all("nav.toolbar li a").stream().filter(a -> a.getText().equals("Support queue")).findFirst().orElseThrow().click();
        browser.settle();
        assertThat(browser.path()).isEqualTo("/requests");
    }

    @Test
    void onAPhonePeopleAreCardsNearTheTopWithTheFiltersBehindAButton() {
        resize(PHONE);
        visit("user-management", pages.get("user-management"), PHONE);
        WebElement filters = browser.one("details.members-filter-box");
        assertThat(filters.getDomAttribute("open")).as("no filter active: collapsed").isNull();
        assertThat(browser.field("Role").isDisplayed()).isFalse();

        WebElement firstCard = browser.one("table.members-table tbody tr");
        Map<?, ?> rect = rect(firstCard);
        assertThat(((Number) rect.get("top")).doubleValue()).as("the first person starts on the first screen").isLessThan(700);
        assertThat(((Number) rect.get("width")).doubleValue()).as("a card as wide as the screen").isLessThanOrEqualTo(PHONE);
        WebElement marie = browser.all("table.members-table tbody tr").stream()
                .filter(card -> card.getText().contains("Marie-Christine 0")).findFirst().orElseThrow();
        assertThat(marie.getText()).as("name, email, role and status")
                .contains("Delacroix-Fontaine 0", "@harboursupplies.example", "Contributor", "Active")
                .doesNotContain("Showcase 360", "Site-");

        // Search as you type still narrows the cards.
        browser.field("Search").sendKeys("Delacroix-Fontaine 3");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.all("table.members-table tbody tr").size() == 1);
        browser.settle().shot("phone-search");
        assertThat(browser.one("table.members-table tbody tr").getText()).contains("Marie-Christine 3");

        browser.one("details.members-filter-box > summary").click();
        assertThat(browser.field("Role").isDisplayed()).as("the Filters button opens them").isTrue();

        // A filter in the address opens them from the start.
        visit("user-management-filtered", pages.get("user-management") + "?role=USER", PHONE);
        assertThat(browser.one("details.members-filter-box").getDomAttribute("open")).isNotNull();
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationOnTheMainPages() {
        String axe = axeScript();
        SoftAssertions softly = new SoftAssertions();
        for (int width : List.of(LAPTOP, PHONE)) {
            resize(width);
            pages.forEach((name, path) -> {
                visit(name, path, width);
                softly.assertThat(axeViolations(axe)).as(name + " at " + width + " px").isEmpty();
            });
        }
        softly.assertAll();
        // The checker does see a fault when there is one: an image without a text alternative.
        script("var image = document.createElement('img'); image.src = '/favicon.ico'; document.querySelector('main').appendChild(image);");
        assertThat(axeViolations(axe)).anyMatch(violation -> violation.contains("image-alt"));
    }

    /** Digits only: an address with nothing to break at but its "@" and dots, as most are. */
    private static String unique() {
        return TestData.unique("").replaceAll("\\D", "");
    }

    // ---- the browser's side

    private void visit(String name, String path, int width) {
        browser.driver().get("http://localhost:" + port + path);
        browser.settle().shot(name + "-" + width);
    }

    /** Both widths in one browser: the page is laid out exactly as on a screen that size. */
    private void resize(int width) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", width == PHONE ? 844 : 900, "deviceScaleFactor", 1, "mobile", width == PHONE));
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(js, args);
    }

    private Map<?, ?> rect(WebElement element) {
        return (Map<?, ?>) script("var r = arguments[0].getBoundingClientRect();"
                + " return {top: r.top, left: r.left, right: r.right, width: r.width};", element);
    }

    private boolean fullyInView(String css) {
        return fullyInView(css, 0);
    }

    /** Whether the element is inside the screen and inside every frame that could hide part of it. */
    private boolean fullyInView(String css, int index) {
        return Boolean.TRUE.equals(script("""
                var e = document.querySelectorAll(arguments[0])[arguments[1]];
                var r = e.getBoundingClientRect();
                if (r.width === 0 || r.left < 0 || r.right > document.documentElement.clientWidth + 0.5) return false;
                for (var p = e.parentElement; p; p = p.parentElement) {
                  var s = getComputedStyle(p);
                  if (s.overflowX !== 'visible') {
                    var f = p.getBoundingClientRect();
                    if (r.left < f.left + p.clientLeft - 0.5 || r.right > f.left + p.clientLeft + p.clientWidth + 0.5) return false;
                  }
                }
                var x = Math.min(r.right - 2, r.left + r.width / 2), y = r.top + Math.min(r.height / 2, 8);
                // Nothing lies over it (a column kept in view, position: sticky, would).
                var top = document.elementFromPoint(x, y);
                return !!top && (e === top || e.contains(top) || top.contains(e));
                """, css, index));
    }

    /**
     * Table cells reaching past their frame when the frame cannot scroll, and cell content cut by
     * overflow: hidden. Hidden labels for screen readers (1 px, clipped on purpose) do not count.
     */
    @SuppressWarnings("unchecked")
    private List<String> clippedCells() {
        return (List<String>) script("""
                var found = [];
                function label(e) { return e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' "' + (e.textContent || '').trim().slice(0, 40) + '"'; }
                function visible(e) { var r = e.getBoundingClientRect(); return r.width > 1 && r.height > 1 && getComputedStyle(e).visibility !== 'hidden'; }
                document.querySelectorAll('table').forEach(function (table) {
                  if (!visible(table)) return;
                  var frame = null;
                  for (var p = table.parentElement; p && p !== document.body; p = p.parentElement) {
                    if (getComputedStyle(p).overflowX !== 'visible') { frame = p; break; }
                  }
                  var frameRight = frame ? frame.getBoundingClientRect().left + frame.clientLeft + frame.clientWidth : document.documentElement.clientWidth;
                  var scrolls = frame && /auto|scroll/.test(getComputedStyle(frame).overflowX);
                  table.querySelectorAll('th, td').forEach(function (cell) {
                    if (!visible(cell)) return;
                    var r = cell.getBoundingClientRect();
                    if (r.right > frameRight + 1 && !scrolls) found.push(label(cell) + ' ends at ' + Math.round(r.right) + ' past ' + Math.round(frameRight));
                    cell.querySelectorAll('*').forEach(function (inner) {
                      var s = getComputedStyle(inner);
                      if (!visible(inner) || !/hidden|clip/.test(s.overflowX + s.overflowY)) return;
                      if (inner.scrollWidth > inner.clientWidth + 1 || inner.scrollHeight > inner.clientHeight + 1) found.push(label(inner) + ' cut');
                    });
                    var cs = getComputedStyle(cell);
                    if (/hidden|clip/.test(cs.overflowX) && cell.scrollWidth > cell.clientWidth + 1) found.push(label(cell) + ' cut');
                  });
                });
                return found;
                """);
    }

    private static String axeScript() {
        try (InputStream in = MainPagesWalkTest.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe-core on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's serious and critical findings on the page as it is now, one line each. */
    @SuppressWarnings("unchecked")
    private List<String> axeViolations(String axe) {
        script(axe);
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(function (r) {
                  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                    .map(function (v) {
                      return v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 4).map(function (n) {
                        return n.target.join(' ') + (n.failureSummary ? ' (' + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 160) + ')' : '');
                      }).join(' | ');
                    }));
                }).catch(function (e) { done(['axe failed: ' + e]); });
                """);
        return new ArrayList<>((List<String>) result);
    }

    private String lastName(TestMember member) {
        return members.get(data.admin(), member.organizationId(), member.userId()).lastName();
    }
}
