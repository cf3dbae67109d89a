package io.gatehouse.member;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.DateFormat;
import io.gatehouse.user.Language;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The help-centre procedures on a user's page, step by step as a person follows them. The User
 * Management list is a page of its own: these walks open the user's page at its address, which is
 * where clicking the user's name in that list leads.
 */
@Tag("browser")
@IntegrationTest
class MemberDetailWalkTest {

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

    private String name(TestMember person) {
        AccountView account = accounts.find(person.userId());
        return account.firstName() + " " + account.lastName();
    }

    private void speaksFrench(TestMember person) {
        accounts.update(data.admin(), person.userId(), new AccountChanges(null, null, null, null, null, Language.FR, null, null));
    }

    /**
     * Empties a live region (read by screen readers, not shown), does something that saves in place,
     * and waits for the region to speak again.
     */
    private static void savesInPlace(Browser browser, String statusId, Runnable action, String expected) {
        browser.driver().findElement(By.id(statusId));
        JavascriptExecutor script = (JavascriptExecutor) browser.driver();
        script.executeScript("document.getElementById(arguments[0]).textContent = ''", statusId);
        action.run();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> expected.equals(String.valueOf(script.executeScript(
                        "return document.getElementById(arguments[0]).textContent.trim()", statusId))));
        browser.settle();
    }

    /** The word shown right beside a box that saved itself. */
    private static String markBeside(Browser browser, String label) {
        return browser.one("#" + browser.field(label).getAttribute("id") + "-mark").getText();
    }

    @Test
    void editingAUsersAccessRights() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org, "Showcase 360 Administrator");
        data.grantExternally(person, "Contacts Viewer");

        try (Browser browser = Browser.open(port, "editing-a-users-access-rights")) {
            browser.signIn(manager.email(), manager.password());
            // "Click on the User Management in the left-hand toolbar", "Click on the User's name": the user's page.
            browser.go(url(person));
            assertThat(browser.text()).contains(name(person), "Access rights", "Managed in Contacts");

            // "Tick or untick the Access Rights as required": each box saves itself.
            savesInPlace(browser, "rights-status", () -> browser.tick("Licenses", true), "Licenses: saved.");
            browser.shot("licenses-ticked");
            assertThat(markBeside(browser, "Licenses")).isEqualTo("Saved ✓");
            // The box was replaced by its saved self; the keyboard stays where it was.
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                    .isEqualTo(browser.field("Licenses").getAttribute("id"));
            savesInPlace(browser, "rights-status", () -> browser.tick("Showcase 360 Administrator", false),
                    "Showcase 360 Administrator: saved.");
            assertThat(markBeside(browser, "Showcase 360 Administrator")).isEqualTo("Saved ✓");
            browser.shot("showcase-unticked");
            assertThat(browser.field("Contacts Viewer").isEnabled()).isFalse();
            assertThat(browser.field("Contacts Viewer").isSelected()).isTrue();

            // Reload: the ticks stuck.
            browser.driver().navigate().refresh();
            browser.settle().shot("reloaded");
            assertThat(browser.field("Licenses").isSelected()).isTrue();
            assertThat(browser.field("Showcase 360 Administrator").isSelected()).isFalse();
            assertThat(browser.field("Contacts Viewer").isSelected()).isTrue();
        }
        assertThat(memberships.get(org, person.userId()).rights()).containsExactlyInAnyOrder("Licenses", "Contacts Viewer");
    }

    @Test
    void toDeleteAUserTickTheDisabledBox() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember leaver = data.user(org, "Licenses");

        try (Browser browser = Browser.open(port, "to-delete-a-user-tick-the-disabled-box")) {
            browser.signIn(manager.email(), manager.password());
            browser.go(url(leaver));
            // "Tick the Disabled box." It shuts the person out everywhere, so it asks first.
            savesInPlace(browser, "disabled-status", () -> {
                browser.tick("Disabled", true);
                assertThat(browser.driver().switchTo().alert().getText())
                        .startsWith(name(leaver) + " will lose access to all organizations at once");
                browser.driver().switchTo().alert().accept();
            }, "Disabled: saved.");
            browser.shot("disabled-ticked");
            assertThat(browser.one("#disabled-mark").getText()).isEqualTo("Saved ✓");
            assertThat(browser.one("#person-status").getText()).contains("Disabled");

            browser.click("Sign out");
            browser.signIn(leaver.email(), leaver.password());
            assertThat(browser.path()).isEqualTo("/signin?error=disabled");
            assertThat(browser.text()).contains("This account is disabled. Ask your administrator to enable it again.");
        }
        assertThat(accounts.find(leaver.userId()).disabled()).isTrue();
    }

    @Test
    void blockUser() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember colleague = data.userManager(org);

        try (Browser managerBrowser = Browser.open(port, "block-user");
                Browser colleagueBrowser = Browser.open(port, "block-user-blocked-member", 375)) {
            colleagueBrowser.signIn(colleague.email(), colleague.password());
            colleagueBrowser.go(url(manager));
            assertThat(colleagueBrowser.text()).contains(name(manager));

            managerBrowser.signIn(manager.email(), manager.password());
            managerBrowser.go(url(colleague));
            managerBrowser.one("form[action$='/block'] button").click();
            assertThat(managerBrowser.driver().switchTo().alert().getText()).startsWith(name(colleague) + " will be blocked in ");
            managerBrowser.driver().switchTo().alert().accept();
            managerBrowser.settle().shot("blocked");
            assertThat(managerBrowser.text()).contains(name(colleague) + " is blocked in ", "Blocked in this organization", "Unblock user");

            // Their very next request in that organization is refused.
            colleagueBrowser.driver().navigate().refresh();
            colleagueBrowser.shot("next-request");
            assertThat(colleagueBrowser.text()).contains("Not allowed", "Your access to this organization is blocked.")
                    .doesNotContain(name(manager));
        }
    }

    @Test
    void supprimerDeViaLeMenuTroisPoints() {
        OrganizationView first = data.organization();
        OrganizationView second = data.organization();
        OrganizationId firstId = OrganizationId.parse(first.id());
        OrganizationId secondId = OrganizationId.parse(second.id());
        TestMember manager = data.manager(firstId);
        data.join(manager, secondId, Role.MANAGER);
        speaksFrench(manager);
        TestMember person = data.user(firstId);
        data.join(person, secondId, Role.USER);

        try (Browser browser = Browser.open(port, "supprimer-de", 375)) {
            browser.signIn(manager.email(), manager.password());
            browser.go(url(person));
            assertThat(browser.text()).contains("Propriétés & Préférences", "Bloquer utilisateur", "Éditer");

            // "Cliquez sur le menu 3 points pour faire apparaître le bouton de suppression."
            browser.one("summary[aria-label='Plus d’actions']").click();
            browser.shot("menu-trois-points");
            // "Sélectionnez « Supprimer de », sélectionnez la ou les organisations et confirmez l'opération."
            browser.click("Supprimer de");
            assertThat(browser.path()).isEqualTo(url(person) + "/remove");
            assertThat(browser.field(first.name() + " (Utilisateur)").isSelected()).isTrue();
            browser.tick(second.name() + " (Utilisateur)", true).shot("organisations-cochees");
            browser.click("Supprimer");
            // "... et confirmez l'opération": the question names the person and the organizations.
            assertThat(browser.text()).contains("Supprimer " + name(person) + " de ")
                    .contains(first.name()).contains(second.name());
            browser.click("Supprimer");

            // Back to the User Management list with the message (the list is a page of its own).
            assertThat(browser.path()).isEqualTo("/organizations/" + first.id() + "/users");
            assertThat(browser.one("#flash").getText()).startsWith(name(person) + " a été supprimé de ");
        }
        assertThat(memberships.find(firstId, person.userId())).isEmpty();
        assertThat(memberships.find(secondId, person.userId())).isEmpty();
        assertThat(accounts.find(person.userId()).email()).isEqualTo(person.email());
    }

    @Test
    void modifierLesAccesEtRolesDesEntreprises() {
        OrganizationView first = data.organization();
        OrganizationView second = data.organization();
        OrganizationId firstId = OrganizationId.parse(first.id());
        OrganizationId secondId = OrganizationId.parse(second.id());
        TestMember manager = data.manager(firstId);
        data.join(manager, secondId, Role.MANAGER);
        speaksFrench(manager);
        TestMember person = data.user(firstId);
        data.join(person, secondId, Role.USER);

        try (Browser browser = Browser.open(port, "modifier-les-acces-et-roles")) {
            browser.signIn(manager.email(), manager.password());
            browser.go(url(person));
            // "Étape 2 - Sélectionnez le deuxième onglet nommé « Organisations & Rôles »": it comes in place, and the address follows.
            browser.click("Organisations & Rôles");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> browser.path().endsWith("?tab=organizations"));
            assertThat(browser.one("a[aria-current='page']").getText()).isEqualTo("Organisations & Rôles");
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("tab-organizations");
            assertThat(browser.text()).contains(first.name(), second.name(), "Cette organisation");
            browser.shot("onglet-organisations");

            // "Afin de modifier le rôle attribué à l'utilisateur, vous devez supprimer le rôle existant en cliquant sur l'icône poubelle."
            browser.one("form[action$='/memberships/" + second.id() + "/remove'] button").click();
            assertThat(browser.driver().switchTo().alert().getText())
                    .isEqualTo("Supprimer " + name(person) + " de " + second.name()
                            + " ? Le compte est conservé ; une invitation en attente y est révoquée.");
            browser.driver().switchTo().alert().accept();
            browser.settle().shot("role-supprime");
            assertThat(browser.text()).contains(name(person) + " a été supprimé de " + second.name() + ". Le compte est conservé.");

            // "Cliquez sur le bouton « AJOUTER », sélectionnez l'organisation souhaitée et attribuez un nouveau rôle."
            new Select(browser.one("#join-organization")).selectByVisibleText(second.name());
            new Select(browser.one("#join-role")).selectByVisibleText("Contributeur");
            browser.click("Ajouter");
            assertThat(browser.text()).contains(name(person) + " a été ajouté à " + second.name() + " en tant que Contributeur.");
        }
        assertThat(memberships.get(secondId, person.userId()).role()).isEqualTo(Role.CONTRIBUTOR);
        assertThat(memberships.get(firstId, person.userId()).role()).isEqualTo(Role.USER);
    }

    @Test
    void modifierLesProprietesEtLesPreferences() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        speaksFrench(manager);
        TestMember person = data.user(org);

        try (Browser browser = Browser.open(port, "modifier-les-proprietes-et-les-preferences")) {
            browser.signIn(manager.email(), manager.password());
            browser.go(url(person));
            // "Étape 1 - Afin de modifier les propriétés d'un utilisateur, cliquez sur « EDITER »."
            browser.click("Éditer");
            // "Étape 2 - Appliquez les modifications que vous souhaitez effectuer."
            browser.type("Poste", "Conseillère cuisine");
            new Select(browser.field("Langue")).selectByVisibleText("Español");
            new Select(browser.field("Format de date")).selectByVisibleText("yyyy-MM-dd");
            browser.shot("modifications");
            // "Étape 3 - ... n'oubliez pas de cliquer sur « SAUVEGARDER »."
            browser.click("Enregistrer");

            assertThat(browser.text()).contains("Propriétés & Préférences enregistrées.", "Conseillère cuisine", "Español", "yyyy-MM-dd");
            assertThat(browser.all("#firstName")).isEmpty();
        }
        AccountView after = accounts.find(person.userId());
        assertThat(after.language()).isEqualTo(Language.ES);
        assertThat(after.dateFormat()).isEqualTo(DateFormat.ISO);
        assertThat(after.position()).isEqualTo("Conseillère cuisine");
    }
}
