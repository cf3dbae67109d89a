package io.gatehouse.invitation;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The geospatial article's "Add users" procedure, step by step, with a real mail server: the
 * invitation arrives by SMTP, its link opens the registration page, and the new person signs in
 * to the right organization with the right role.
 */
@Tag("browser")
@IntegrationTest
class InvitationWalkTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("gatehouse.mail.poll-interval", () -> "1s");
    }

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/invitations/accept\\?token=[A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Test
    void aManagerInvitesANewPersonAndAnExistingOneWhoRegistersThroughTheMailedLinkAndSignsIn() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        String organizationName = organization.name();
        SiteView site = data.site(org);
        TestMember manager = data.manager(org);
        TestMember existing = data.user(data.organizationId());
        String newcomer = TestData.unique("newcomer").toLowerCase() + "@geo.test";

        try (Browser browser = Browser.open(port, "invite-users")) {
            browser.signIn(manager.email(), manager.password());
            // Step 1 - select the users icon: the table of the platform's users.
            browser.click("User Management");
            // Step 2 - select "Invite users".
            browser.click("Invite users");
            // Step 3 - type the emails, separated by semicolons; Step 4 - press Enter.
            browser.field("Email addresses").sendKeys(newcomer + "; " + existing.email() + "; not-an-address" + Keys.ENTER);
            browser.settle().shot("chips");
            assertThat(browser.text()).contains(newcomer, "will be invited", existing.email(), "will be added (existing account)",
                    "not-an-address", "invalid address");
            // A wrong address is taken out with its own button.
            browser.click("Remove not-an-address");
            assertThat(browser.text()).doesNotContain("not-an-address");
            // Step 5 - "Next".
            browser.click("Next");
            // Step 6 - "Organizations & Roles": "+ Add" the organization.
            assertThat(browser.text()).contains("Organizations & Roles");
            new Select(browser.field("Organization")).selectByVisibleText(organizationName);
            browser.click("+ Add");
            // Step 7 - the role, and the site access for a Contributor.
            new Select(browser.field("Role")).selectByVisibleText("Contributor");
            browser.tick(site.name(), true).tick("Licenses", true);
            browser.shot("organization-and-role");
            // Step 8 - "Send invitations".
            browser.click("Send invitations");
            assertThat(browser.text()).contains("Invitation sent to " + newcomer + ".",
                    existing.email() + " already had an account: added, and told by email.");
        }

        assertThat(smtp.waitForIncomingEmail(15_000, 2)).isTrue();
        MimeMessage invitation = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> address(m).equalsIgnoreCase(newcomer)).findFirst().orElseThrow();
        MimeMessage added = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> address(m).equalsIgnoreCase(existing.email())).findFirst().orElseThrow();
        assertThat(GreenMailUtil.getBody(added)).contains(organizationName);
        Matcher link = LINK.matcher(GreenMailUtil.getBody(invitation).replace("=\r\n", "").replace("=3D", "="));
        assertThat(link.find()).as("the registration link in the mail").isTrue();

        try (Browser browser = Browser.open(port, "invitation-register")) {
            browser.go(link.group(1));
            assertThat(browser.text()).contains("Create your account", newcomer, organizationName);
            browser.type("First name", "Noor").type("Last name", "Haddad").type("Password", "Granite-Compass-Willow-84");
            new Select(browser.field("Language")).selectByVisibleText("English");
            browser.tick("I accept the terms of use", true);
            browser.click("Create my account");
            assertThat(browser.text()).contains("Your account is ready");

            browser.signIn(newcomer, "Granite-Compass-Willow-84");
            assertThat(browser.text()).contains("Welcome, Noor", "You are Contributor in " + organizationName + ".");

            // The link works once.
            browser.go(link.group(1));
            assertThat(browser.text()).contains("This link no longer works");
        }

        try (Browser browser = Browser.open(port, "invitation-status")) {
            browser.signIn(manager.email(), manager.password());
            browser.go("/organizations/" + org + "/users?q=" + newcomer);
            assertThat(browser.text()).contains("Haddad, Noor", "Active");
            browser.go("/organizations/" + org + "/invitations");
            assertThat(browser.text()).contains(newcomer, "accepted");
        }
    }

    private static String address(MimeMessage message) {
        try {
            return ((jakarta.mail.internet.InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
