package io.gatehouse.licence;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * In English, French and Spanish: a Manager opens Licenses from the toolbar and sees the seats in
 * use; a member holding only "Licenses" sees Licenses and nothing of User Management.
 */
@Tag("browser")
@IntegrationTest
@Import(LicenceFixtures.class)
class LicencesWalkTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    LicenceFixtures fixtures;

    @Autowired
    Accounts accounts;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "EN|Licenses|User Management|2 of 5 used|Who uses its seats",
            "FR|Licences|Gestion des utilisateurs|2 sur 5 utilisés|Qui utilise ses postes",
            "ES|Licencias|Gestión de usuarios|2 de 5 en uso|Quién usa sus puestos"})
    void aManagerSeesSeatsUsedAndAHolderOfLicensesSeesNothingOfUserManagement(Language language, String licenses,
            String userManagement, String seatsUsed, String holdersHeading) {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        LicenceView licence = fixtures.licence(org, cloud.product(), 5);
        TestMember manager = data.manager(org);
        TestMember holder = data.user(org, AccessPolicy.LICENSES);
        data.user(org, cloud.right());
        data.user(org, cloud.right());
        for (TestMember person : List.of(manager, holder)) {
            accounts.update(data.admin(), person.userId(), new AccountChanges(null, null, null, null, null, language, null, null));
        }
        String walk = "licences-" + language.name().toLowerCase();

        try (Browser browser = Browser.open(port, walk + "-manager")) {
            browser.signIn(manager.email(), manager.password());
            assertThat(toolbar(browser)).contains(licenses, userManagement);
            browser.click(licenses);
            assertThat(browser.text()).contains(cloud.product().name(), licence.number(), seatsUsed);
            assertThat(browser.all("progress")).hasSize(1);
            browser.click(cloud.product().name());
            assertThat(browser.text()).contains(holdersHeading, licence.number());
            browser.shot("licence");
        }

        try (Browser browser = Browser.open(port, walk + "-holder")) {
            browser.signIn(holder.email(), holder.password());
            assertThat(toolbar(browser)).contains(licenses).doesNotContain(userManagement);
            assertThat(browser.text()).doesNotContain(userManagement);
            browser.click(licenses);
            assertThat(browser.text()).contains(licence.number(), seatsUsed).doesNotContain(userManagement);
            browser.go("/organizations/" + org + "/users");
            assertThat(browser.text()).doesNotContain(manager.email());
        }
    }

    private static List<String> toolbar(Browser browser) {
        return browser.all("nav.toolbar a").stream().map(link -> link.getDomProperty("textContent").strip()).toList();
    }
}
