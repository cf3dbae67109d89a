package io.gatehouse.security.passkey;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.mail.Mails;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Passkeys in headless Chromium with a virtual authenticator (a platform authenticator that keeps
 * discoverable credentials and verifies its user): add one, sign out, sign in with it alone, use
 * it after the password, remove it.
 */
@Tag("browser")
@IntegrationTest
class PasskeyWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Mails mails;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPersonAddsAPasskeySignsInWithItAloneThenRemovesIt() {
        TestMember me = data.user(data.organizationId());
        try (Browser browser = Browser.open(port, "passkey-add-sign-in-remove")) {
            VirtualAuthenticator authenticator = authenticator(browser);
            browser.signIn(me.email(), me.password());
            browser.click("User profile").click("Passkeys: sign in with your device’s screen lock");
            assertThat(browser.path()).isEqualTo("/account/passkeys");
            assertThat(browser.text()).contains("You have no passkey yet.").doesNotContain("need JavaScript");

            addPasskey(browser, "Work laptop");
            assertThat(browser.one("td.passkey-name").getText()).isEqualTo("Work laptop");
            assertThat(authenticator.getCredentials()).hasSize(1);
            assertThat(mails.to(me.email())).anySatisfy(mail -> {
                assertThat(mail.subject()).isEqualTo("A passkey was added to your account");
                assertThat(mail.text()).contains("“Work laptop”");
            });

            browser.click("Sign out");
            assertThat(browser.path()).startsWith("/signin");
            browser.click("Sign in with a passkey");
            waitFor(browser, () -> browser.path().equals("/"));
            assertThat(browser.text()).contains("User profile");
            assertThat(new StoredSessions(jdbc).authorities(me.userId()).get(0))
                    .contains("FACTOR_WEBAUTHN").doesNotContain("FACTOR_PASSWORD");
            assertThat(audited("passkey.signedIn", me)).isEqualTo(1);

            browser.go("/account/passkeys");
            assertThat(browser.text()).doesNotContain("Never");
            browser.one("button[aria-label='Remove the passkey Work laptop']").click();
            // It asks first, naming the passkey.
            assertThat(browser.driver().switchTo().alert().getText()).isEqualTo(
                    "The passkey Work laptop will no longer sign you in. Your device may still list it: delete it there too.");
            browser.driver().switchTo().alert().accept();
            browser.settle();
            waitFor(browser, () -> browser.text().contains("Passkey removed."));
            assertThat(browser.text()).contains("You have no passkey yet.");
            assertThat(mails.to(me.email())).anySatisfy(mail ->
                    assertThat(mail.subject()).isEqualTo("A passkey was removed from your account"));

            // The authenticator still holds it, but it no longer signs anyone in.
            browser.click("Sign out");
            browser.click("Sign in with a passkey");
            waitFor(browser, () -> browser.one("#passkey-status").isDisplayed());
            assertThat(browser.one("#passkey-status").getText()).isEqualTo(
                    "That passkey did not sign you in. Try again, or sign in with your email and password.");
            assertThat(browser.path()).startsWith("/signin");
        }
        assertThat(audited("passkey.registered", me)).isEqualTo(1);
        assertThat(audited("passkey.removed", me)).isEqualTo(1);
    }

    @Test
    void aPasskeyAfterThePasswordKeepsBothFactorsAndAnotherAccountsPasskeyIsRefused() {
        TestMember me = data.user(data.organizationId());
        TestMember other = data.user(data.organizationId());
        try (Browser browser = Browser.open(port, "passkey-after-password")) {
            authenticator(browser);
            // The other account's passkey lives in the same authenticator.
            browser.signIn(other.email(), other.password());
            browser.go("/account/passkeys");
            addPasskey(browser, "Shared tablet");
            browser.click("Sign out");

            browser.signIn(me.email(), me.password());
            browser.go("/signin");
            browser.click("Sign in with a passkey");
            waitFor(browser, () -> browser.one("#passkey-status").isDisplayed());
            assertThat(new StoredSessions(jdbc).authorities(me.userId()).get(0))
                    .contains("FACTOR_PASSWORD").doesNotContain("FACTOR_WEBAUTHN");
            assertThat(new StoredSessions(jdbc).authorities(other.userId())).isEmpty();

            browser.go("/account/passkeys");
            addPasskey(browser, "Phone");
            browser.go("/signin");
            browser.click("Sign in with a passkey");
            waitFor(browser, () -> browser.path().equals("/"));
            assertThat(new StoredSessions(jdbc).authorities(me.userId()).get(0))
                    .contains("FACTOR_PASSWORD", "FACTOR_WEBAUTHN");
        }
    }

    private static VirtualAuthenticator authenticator(Browser browser) {
        return ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    private static void addPasskey(Browser browser, String name) {
        browser.type("Name of the new passkey", name);
        browser.click("Add a passkey");
        waitFor(browser, () -> browser.text().contains("Passkey added."));
        browser.shot("added");
    }

    private long audited(String action, TestMember member) {
        return jdbc.sql("select count(*) from audit_entry where action = ? and actor_id = ?")
                .params(action, member.userId().value()).query(Long.class).single();
    }

    private static void waitFor(Browser browser, java.util.function.BooleanSupplier condition) {
        // The page may be replaced while it is read: the script navigates once the ceremony is done.
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }
}
