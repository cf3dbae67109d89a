package io.gatehouse.member;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** "Giving access to a new user", step by step as the help-centre articles tell it, in English and in French. */
@Tag("browser")
@IntegrationTest
class CreateUserWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    Members members;

    @Test
    void aManagerCreatesAUserWithAccessRightsAndTheNewUserIsAddedToTheList() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = TestData.unique("colleague").toLowerCase() + "@shop.test";

        try (Browser browser = Browser.open(port, "create-user")) {
            // Log in to your customer space (Customer Portal) using your login details.
            browser.signIn(manager.email(), manager.password());
            // Click on the User Management in the left-hand toolbar.
            browser.click("User Management");
            // Click on Create new user on the top toolbar.
            browser.click("Create new user");
            assertThat(browser.one("h1").getText()).isEqualTo("Create new user");
            assertThat(browser.text()).contains("Managed in Contacts");
            assertThat(browser.field("Contacts Viewer").isEnabled()).isFalse();
            // Enter User information: First Name, Last Name, Password, Email.
            browser.type("First name", "Zoé").type("Last name", "Durand").type("Password", "Blue-Kitchen-Cabinet-7")
                    .type("Email", email);
            // Select the access rights to which they are entitled.
            browser.tick("Showcase 360 Administrator", true).tick("User Management", true).tick("Licenses", true);
            browser.shot("filled-in");
            // Confirm by clicking on Save on the top toolbar.
            browser.click("Save");

            // The new user will be added to the list.
            assertThat(browser.path()).isEqualTo("/organizations/" + org + "/users");
            assertThat(browser.text()).contains("The new user has been added to the list.", "Zoé Durand", email);
            MemberView zoe = members.get(data.admin(), org, accounts.findByEmail(email).orElseThrow().id());
            assertThat(zoe.rights()).containsExactly("Showcase 360 Administrator", "User Management", "Licenses");
        }
    }

    @Test
    void aMistakeIsShownNextToItsFieldAndTheSecondTryWorks() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = TestData.unique("retry").toLowerCase() + "@shop.test";

        try (Browser browser = Browser.open(port, "create-user-mistake", 375)) {
            browser.signIn(manager.email(), manager.password());
            browser.go("/organizations/" + org + "/users/new");
            browser.type("First name", "Ann").type("Last name", "Lee").type("Password", "short").type("Email", email);
            browser.click("Save");
            assertThat(browser.text()).contains("Some fields need correcting; nothing was saved.", "Use at least 12 characters.");
            assertThat(browser.field("Password").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.field("First name").getAttribute("value")).isEqualTo("Ann");
            browser.type("Password", "Quiet-Harbour-Lantern-5").click("Save");
            assertThat(browser.text()).contains("The new user has been added to the list.", "Ann Lee");
        }
    }

    @Test
    void aGeneratedPasswordIsShownOnceAndLetsTheColleagueSignIn() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = TestData.unique("generated").toLowerCase() + "@shop.test";

        String password;
        try (Browser browser = Browser.open(port, "create-user-generated")) {
            browser.signIn(manager.email(), manager.password());
            browser.click("User Management").click("Create new user");
            browser.type("First name", "Gen").type("Last name", "Erated").type("Email", email);
            browser.tick("Generate a password", true);
            assertThat(browser.field("Password").isEnabled()).isFalse();
            new org.openqa.selenium.support.ui.Select(browser.field("Role")).selectByVisibleText("Manager");
            assertThat(browser.one("#site-boxes").isDisplayed()).isFalse();
            assertThat(browser.one("#sites-manager").isDisplayed()).isTrue();
            browser.shot("manager-all-sites");
            browser.click("Save");
            password = browser.one("#generated-password").getText();
            assertThat(browser.text()).contains("Password generated for Gen Erated");
            browser.go("/organizations/" + org + "/users");
            assertThat(browser.text()).doesNotContain(password);
            browser.click("Sign out");
        }
        try (Browser browser = Browser.open(port, "create-user-generated-signin")) {
            browser.signIn(email, password);
            assertThat(browser.path()).isEqualTo("/");
            assertThat(browser.text()).contains("Welcome, Gen");
        }
    }

    @Test
    void unManagerFrancophoneCreeUnUtilisateurAvecDesDroitsDAcces() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        accounts.updateOwn(data.actor(manager.userId()), new AccountChanges(null, null, null, null, null, Language.FR, null, null));
        String email = TestData.unique("collegue").toLowerCase() + "@boutique.test";

        try (Browser browser = Browser.open(port, "create-user-fr")) {
            // Se connecter à votre espace client (Portail Client) en utilisant vos identifiants de connexion.
            browser.signIn(manager.email(), manager.password());
            // Cliquer sur Gestion des utilisateurs dans la barre d'outils de gauche.
            browser.click("Gestion des utilisateurs");
            assertThat(browser.one("h1").getText()).isEqualTo("Gestion des utilisateurs");
            assertThat(browser.text()).contains("Tous les sites", "Actif", "Exporter les utilisateurs");
            // Cliquer sur Créer nouvel utilisateur dans la barre d'outils supérieure.
            browser.click("Créer nouvel utilisateur");
            // Saisir les informations relatives à l'utilisateur : Prénom, Nom, Mot de passe, E-mail.
            browser.type("Prénom", "Léa").type("Nom", "Martin").type("Mot de passe", "Cuisine-Bleue-Placard-7").type("E-mail", email);
            // Sélectionner les droits d'accès auxquels ils ont droit.
            assertThat(browser.text()).contains("Droits d’accès", "Géré dans Contacts");
            browser.tick("Showcase 360 Administrator", true).tick("Gestion des utilisateurs", true).tick("Licences", true);
            browser.shot("rempli");
            // Confirmer en cliquant sur Enregistrer dans la barre d'outils supérieure.
            browser.click("Enregistrer");

            // Le nouvel utilisateur sera ajouté à la liste.
            assertThat(browser.text()).contains("Le nouvel utilisateur a été ajouté à la liste.", "Léa Martin", email);
            MemberView lea = members.get(data.admin(), org, accounts.findByEmail(email).orElseThrow().id());
            assertThat(lea.rights()).containsExactly("Showcase 360 Administrator", "User Management", "Licenses");
        }
    }
}
