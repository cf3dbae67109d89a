package io.gatehouse.security.factor;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The second factor in a real browser: a person sets up an authenticator app and signs in with
 * password and code; a recovery code works once; an organization's rule leads a member to enrol
 * before anything else. Codes are computed here from the key the page shows.
 */
@Tag("browser")
@IntegrationTest
class SecondFactorWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    SecondFactorRules rules;

    @Test
    void aPersonSetsUpAnAuthenticatorAppSignsInWithACodeAndARecoveryCodeWorksOnce() throws Exception {
        TestMember me = data.user(data.organizationId());
        String secret;
        List<String> codes;
        try (Browser browser = Browser.open(port, "second-factor-authenticator")) {
            browser.signIn(me.email(), me.password());
            browser.click("User profile");
            browser.click("Security: authenticator app, recovery codes, passkeys");
            browser.click("Set up an authenticator app");
            assertThat(browser.one("#qr-code").getAttribute("src")).startsWith("data:image/svg+xml;base64,");
            assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return document.getElementById('qr-code').naturalWidth")).intValue()).as("the QR code draws").isPositive();
            secret = browser.one("#authenticator-secret").getText().replace(" ", "");
            TotpCodes.awayFromStepEdge();
            browser.type("Code the app shows", TotpCodes.code(secret, -1)).click("Confirm");
            assertThat(browser.text()).contains("The authenticator app is set up.", "Your recovery codes");
            codes = browser.all(".recovery-code").stream().map(e -> e.getText()).toList();
            assertThat(codes).hasSize(10);
            browser.click("Sign out");

            browser.signIn(me.email(), me.password());
            assertThat(browser.path()).isEqualTo("/signin/second-factor");
            browser.type("Code from your authenticator app", "123").click("Continue");
            assertThat(browser.text()).contains("That code is not right");
            TotpCodes.awayFromStepEdge();
            browser.type("Code from your authenticator app", TotpCodes.code(secret, 0)).click("Continue");
            assertThat(browser.path()).isEqualTo("/");
            browser.click("Sign out");

            browser.signIn(me.email(), me.password());
            browser.click("Use a recovery code");
            browser.type("Recovery code", codes.get(0)).click("Continue");
            assertThat(browser.path()).isEqualTo("/");
            browser.click("Sign out");

            browser.signIn(me.email(), me.password());
            browser.click("Use a recovery code");
            browser.type("Recovery code", codes.get(0)).click("Continue");
            assertThat(browser.text()).contains("That recovery code is not right, or it was used already.");
            assertThat(browser.path()).startsWith("/signin/second-factor");
            browser.go("/profile");
            assertThat(browser.path()).as("nothing else until the second step").isEqualTo("/signin/second-factor");
        }
    }

    @Test
    void anOrganizationThatRequiresASecondFactorLeadsAMemberToEnrolFirst() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId id = OrganizationId.parse(organization.id());
        TestMember manager = data.manager(id);
        TestMember member = data.user(id);
        try (Browser browser = Browser.open(port, "second-factor-required")) {
            browser.signIn(manager.email(), manager.password());
            browser.click("User Management");
            browser.click("Second factor");
            browser.driver().findElement(By.cssSelector("input[name=appliesTo][value=EVERYONE]")).click();
            browser.click("Save");
            assertThat(browser.text()).contains("The second-factor rule is saved.");
            browser.click("Sign out");

            browser.signIn(member.email(), member.password());
            assertThat(browser.path()).isEqualTo("/account/security");
            assertThat(browser.text()).contains(organization.name() + " requires a second factor to sign in.");
            browser.go("/profile");
            assertThat(browser.path()).isEqualTo("/account/security");

            browser.click("Set up an authenticator app");
            String secret = browser.one("#authenticator-secret").getText().replace(" ", "");
            TotpCodes.awayFromStepEdge();
            browser.type("Code the app shows", TotpCodes.code(secret, 0)).click("Confirm");
            assertThat(browser.text()).contains("Your recovery codes");
            browser.go("/profile");
            assertThat(browser.path()).isEqualTo("/profile");
        }
        assertThat(rules.requirement(member.userId()).organizations()).containsExactly(organization.name());
    }
}
