package io.gatehouse.security.factor;

import io.gatehouse.support.PortalSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.access.StaffRole;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An organization's rule (everyone, or its administrators) and the vendor's rule for its staff:
 * who sets them, whom they cover, and a person covered who holds no second factor enrolling
 * before anything else.
 */
@IntegrationTest
class SecondFactorRuleTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    SecondFactorRules rules;

    @Autowired
    SecondFactors factors;

    @Autowired
    Accounts accounts;

    @Test
    void aManagersRuleForAdministratorsCoversManagersAndUserManagementHoldersOnly() {
        OrganizationId organization = data.organizationId();
        TestMember manager = data.manager(organization);
        TestMember userManager = data.userManager(organization);
        TestMember user = data.user(organization);

        rules.setOrganizationRule(data.actor(manager.userId()), organization, SecondFactorRules.AppliesTo.ADMINISTRATORS);

        assertThat(rules.requirement(manager.userId()).required()).isTrue();
        assertThat(rules.requirement(userManager.userId()).required()).isTrue();
        assertThat(rules.requirement(user.userId()).required()).isFalse();
        assertThat(data.auditEntries(organization, "organization.secondFactorRuleChanged")).isEqualTo(1);

        rules.setOrganizationRule(data.actor(manager.userId()), organization, SecondFactorRules.AppliesTo.EVERYONE);
        assertThat(rules.requirement(user.userId()).organizations()).hasSize(1);
    }

    @Test
    void onlyManagersSetTheRule() {
        OrganizationId organization = data.organizationId();
        TestMember userManager = data.userManager(organization);

        assertThatThrownBy(() -> rules.setOrganizationRule(data.actor(userManager.userId()), organization,
                SecondFactorRules.AppliesTo.EVERYONE)).isInstanceOf(ForbiddenException.class);
        assertThat(rules.organizationRule(organization)).isEqualTo(SecondFactorRules.AppliesTo.NOBODY);
    }

    @Test
    void anotherOrganizationsRuleAnswers404() throws Exception {
        OrganizationId mine = data.organizationId();
        OrganizationId theirs = data.organizationId();
        TestMember manager = data.manager(mine);
        PortalSession browser = new PortalSession(port);
        browser.signIn(manager.email(), manager.password());

        assertThat(browser.get("/organizations/" + theirs + "/second-factor").statusCode()).isEqualTo(404);
        assertThat(browser.getAsApi("/api/v1/organizations/" + theirs + "/second-factor-rule",
                AuthenticatorAppTest.basic(manager)).statusCode()).isEqualTo(404);
        assertThat(browser.get("/organizations/" + mine + "/second-factor").statusCode()).isEqualTo(200);
    }

    @Test
    void aManagerSetsTheRuleOnTheOrganizationsPage() throws Exception {
        OrganizationId organization = data.organizationId();
        TestMember manager = data.manager(organization);
        PortalSession browser = new PortalSession(port);
        browser.signIn(manager.email(), manager.password());
        String page = "/organizations/" + organization + "/second-factor";

        HttpResponse<String> bad = browser.submit(page, page, Map.of("appliesTo", "SOMETIMES"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(rules.organizationRule(organization)).isEqualTo(SecondFactorRules.AppliesTo.NOBODY);
        HttpResponse<String> saved = browser.submit(page, page, Map.of("appliesTo", "EVERYONE"));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(rules.organizationRule(organization)).isEqualTo(SecondFactorRules.AppliesTo.EVERYONE);
    }

    @Test
    void aMemberWhomTheRuleCoversIsLedToEnrolFirstInTheirLanguage() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId id = OrganizationId.parse(organization.id());
        TestMember manager = data.manager(id);
        TestMember user = data.user(id);
        accounts.updateOwn(data.actor(user.userId()), new AccountChanges(null, null, null, null, null, Language.FR, null, null));
        rules.setOrganizationRule(data.actor(manager.userId()), id, SecondFactorRules.AppliesTo.EVERYONE);
        PortalSession browser = new PortalSession(port);
        browser.signIn(user.email(), user.password());

        for (String page : List.of("/", "/profile", "/organizations/" + id + "/users", "/signin/second-factor")) {
            HttpResponse<String> response = browser.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(browser.location(response)).as(page).endsWith("/account/security");
        }
        HttpResponse<String> enrolment = browser.get("/account/security");
        assertThat(enrolment.statusCode()).isEqualTo(200);
        assertThat(enrolment.body()).contains(organization.name() + " exige un second facteur");

        HttpResponse<String> pending = browser.submit("/account/security", "/account/security/authenticator", Map.of());
        Matcher secret = Pattern.compile("id=\"authenticator-secret\">([A-Z2-7 ]+)<").matcher(pending.body());
        assertThat(secret.find()).isTrue();
        TotpCodes.awayFromStepEdge();
        browser.submit("/account/security", "/account/security/authenticator/confirm",
                Map.of("code", TotpCodes.code(secret.group(1).replace(" ", ""), 0)));

        assertThat(browser.get("/profile").statusCode()).as("enrolled: the portal opens").isEqualTo(200);
    }

    @Test
    void theVendorAdminRequiresASecondFactorOfAllStaff() throws Exception {
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        try {
            rules.setStaffRule(data.admin(), true);
            assertThat(rules.requirement(support.id()).asStaff()).isTrue();
            assertThatThrownBy(() -> rules.setStaffRule(data.actor(support.id()), false)).isInstanceOf(ForbiddenException.class);

            PortalSession browser = new PortalSession(port);
            browser.signIn(support.email(), TestData.PASSWORD);
            HttpResponse<String> first = browser.get("/requests");
            assertThat(browser.location(first)).endsWith("/account/security");
            assertThat(browser.get("/account/security").body()).contains("Vendor staff must sign in with a second factor");
        } finally {
            rules.setStaffRule(data.admin(), false);
        }
        assertThat(rules.requirement(support.id()).required()).isFalse();
    }
}
