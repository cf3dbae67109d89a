package io.gatehouse.mail;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Without a mail server the vendor admin finds an invitation in the Mailbox and reads both of its parts. */
@Tag("browser")
@IntegrationTest
class MailboxWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    Mails mails;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theVendorAdminFindsAnInvitationInTheMailboxAndReadsIt() {
        String to = TestData.unique("walk-grace").toLowerCase() + "@example.test";
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            mails.enqueue(new MailRequest(MailOutboxTest.address(), Locale.FRENCH, "password-reset",
                    Map.of("name", "Grace", "link", "/password/reset/abc", "validMinutes", 30)));
            mails.enqueue(new MailRequest(to, Locale.ENGLISH, "invitation", Map.of("inviterName", "Ada Lovelace",
                    "organizationNames", List.of("Northwind", "Contoso"), "role", "User", "link", "/register/abc123",
                    "expiresOn", "31/12/2026", "subjectArgs", List.of("Ada Lovelace", List.of("Northwind", "Contoso")))));
        });
        try (Browser browser = Browser.open(port, "mailbox")) {
            browser.signIn(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
            browser.click("Mailbox");
            assertThat(browser.text()).contains("Mailbox", "No mail server is set", to, "Réinitialiser votre mot de passe",
                    "In the mailbox");

            browser.type("Search by recipient", to.substring(0, 12)).click("Search");
            assertThat(browser.text()).contains(to, "1 email").doesNotContain("Réinitialiser");

            browser.click("Ada Lovelace invited you to join Northwind, Contoso");
            assertThat(browser.text()).contains("Headers", "Gatehouse <no-reply@gatehouse.local>", to,
                    "Ada Lovelace invited you to join Northwind, Contoso on Gatehouse as User.",
                    "Create your account: http://localhost:8080/register/abc123");
            WebElement link = browser.one(".mail-text a");
            assertThat(link.getAttribute("href")).isEqualTo("http://localhost:8080/register/abc123");

            WebElement frame = browser.one("iframe.mail-html");
            ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", frame);
            browser.shot("html-part");
            browser.driver().switchTo().frame(frame);
            String html = browser.text();
            WebElement button = browser.one("a[href='http://localhost:8080/register/abc123']");
            browser.driver().switchTo().defaultContent();
            assertThat(html).contains("Create your account", "The link works once, until 31/12/2026.", "This email was sent by Gatehouse.");
            assertThat(button).isNotNull();
        }
        try (Browser phone = Browser.open(port, "mailbox-phone", 375)) {
            phone.signIn(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
            phone.go("/admin/mailbox?q=" + to);
            phone.click("Ada Lovelace invited you to join Northwind, Contoso");
            assertThat(phone.text()).contains("Create your account: http://localhost:8080/register/abc123");
        }
    }
}
