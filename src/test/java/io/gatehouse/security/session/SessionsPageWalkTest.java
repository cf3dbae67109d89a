package io.gatehouse.security.session;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** "Your sessions" in headless Chromium, on a phone and on a laptop: a person ends the session of their phone. */
@Tag("browser")
@IntegrationTest
class SessionsPageWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1366})
    void aPersonFindsTheirSessionsFromTheProfileAndEndsTheOneOnTheirPhone(int width) throws Exception {
        TestMember me = data.user(data.organizationId());
        HttpBrowser phone = new HttpBrowser(port, HttpBrowser.SAFARI_ON_IPHONE);
        phone.signIn(me.email(), me.password());
        try (Browser browser = Browser.open(port, "sessions-" + width, width)) {
            browser.signIn(me.email(), me.password());
            browser.go("/profile");
            browser.click("Your sessions: where you are signed in, and your API tokens");

            assertThat(browser.path()).isEqualTo("/account/sessions");
            assertThat(browser.text()).contains("Your sessions", "Chrome on Linux", "This session", "Safari on iOS", "127.0.0.1",
                    "Sign out everywhere", "You have no personal API token.");
            assertThat(browser.contentWidth()).as("nothing scrolls sideways").isLessThanOrEqualTo(browser.viewportWidth());
            assertThat(browser.all("a.active").stream().map(link -> link.getAttribute("textContent").strip()))
                    .as("the toolbar says where the page is").contains("User profile");

            // The dialog asks, naming the session; the answer is yes.
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                    "window.confirm = function (q) { sessionStorage.setItem('asked', q); return true; };");
            browser.click("End the session of Safari on iOS");

            Object asked = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("return sessionStorage.getItem('asked')");
            assertThat(browser.text()).contains("The session of Safari on iOS has ended.", "This session").doesNotContain("Safari on iOS (");
            assertThat(browser.all("tr[data-session]")).hasSize(1);
            assertThat(browser.contentWidth()).isLessThanOrEqualTo(browser.viewportWidth());
            assertThat(asked).isEqualTo("End the session of Safari on iOS (127.0.0.1)? That browser is signed out at once.");
        }
        assertThat(phone.signedIn()).isFalse();
    }
}
