package io.gatehouse.web;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.shared.OrganizationId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@Tag("browser")
@IntegrationTest
class WelcomeWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Test
    void aManagerSignsInAndSeesTheToolbarOfTheirOrganization() {
        OrganizationId org = data.organizationId();
        TestData.TestMember manager = data.manager(org);
        try (Browser browser = Browser.open(port, "welcome-manager")) {
            browser.signIn(manager.email(), manager.password());
            assertThat(browser.path()).isEqualTo("/");
            assertThat(browser.text()).contains("Welcome, Test", "User Management", "User profile", "Sites");
            assertThat(browser.text()).doesNotContain("Organizations");
        }
    }

    @Test
    void aPlainUserDoesNotSeeUserManagement() {
        OrganizationId org = data.organizationId();
        TestData.TestMember user = data.user(org);
        try (Browser browser = Browser.open(port, "welcome-user", 375)) {
            browser.signIn(user.email(), user.password());
            assertThat(browser.text()).contains("User profile").doesNotContain("User Management");
        }
    }

    @Test
    void aWrongPasswordSaysSoOnTheSignInPage() {
        try (Browser browser = Browser.open(port, "signin-wrong")) {
            browser.signIn("nobody@example.test", "not-the-password-123");
            assertThat(browser.path()).startsWith("/signin?error=bad");
            assertThat(browser.text()).contains("Wrong email or password.");
        }
    }
}
