package io.gatehouse.user;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** "User profile": a person changes their own language and date format, then their password. */
@Tag("browser")
@IntegrationTest
class ProfileWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Test
    void aPersonSwitchesToFrenchAndMonthFirstDatesAndTheNextPageUsesThem() {
        TestMember me = data.user(data.organizationId());
        try (Browser browser = Browser.open(port, "profile-language-date-format")) {
            browser.signIn(me.email(), me.password());
            browser.click("User profile");
            assertThat(browser.text()).contains("Properties & Preferences", "Member since", "Last sign-in");

            new Select(browser.field("Language")).selectByVisibleText("Français");
            new Select(browser.field("Date format")).selectByValue("MM/dd/yyyy");
            browser.shot("chosen");
            browser.click("Save");

            AccountView account = accounts.find(me.userId());
            String memberSince = DateTimeFormatter.ofPattern("MM/dd/yyyy")
                    .format(account.createdAt().atZone(ZoneId.of(account.timeZone())));
            assertThat(browser.text()).contains("Profil utilisateur", "Votre profil est enregistré.", "Membre depuis le",
                    memberSince, "Propriétés & Préférences", "Enregistrer");
            assertThat(new Select(browser.field("Langue")).getFirstSelectedOption().getText()).isEqualTo("Français");

            // Every other page follows too.
            browser.click("Accueil");
            assertThat(browser.text()).contains("Profil utilisateur");
        }
        assertThat(accounts.find(me.userId()).dateFormat()).isEqualTo(DateFormat.MONTH_DAY_YEAR);
    }

    @Test
    void aWrongCurrentPasswordIsShownNextToItThenTheRightOneChangesIt() {
        TestMember me = data.user(data.organizationId());
        String next = "Meadow-Kettle-Harbour-58";
        try (Browser browser = Browser.open(port, "profile-change-password", 375)) {
            browser.signIn(me.email(), me.password());
            browser.go("/profile");
            browser.type("Current password", "not-the-password-1").type("New password", next).type("Confirm new password", next);
            browser.click("Change password");
            assertThat(browser.field("Current password").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.one("#current-password-error").getText()).isEqualTo("The current password is not correct.");

            browser.type("Current password", me.password()).type("New password", next).type("Confirm new password", next);
            browser.click("Change password");
            assertThat(browser.text()).contains("Your password is changed.");
        }
        try (Browser browser = Browser.open(port, "profile-change-password-after")) {
            browser.signIn(me.email(), next);
            assertThat(browser.path()).isEqualTo("/");
        }
    }
}
