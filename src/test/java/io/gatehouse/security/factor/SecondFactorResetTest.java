package io.gatehouse.security.factor;

import io.gatehouse.support.PortalSession;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.mail.Mails;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Resetting a member's second factors, from their page and through the API. */
@IntegrationTest
class SecondFactorResetTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    SecondFactors factors;

    @Autowired
    Mails mails;

    @Test
    void aManagerResetsAMembersSecondFactorsAfterBeingAskedAndThePersonIsTold() throws Exception {
        OrganizationId organization = data.organizationId();
        TestMember manager = data.manager(organization);
        TestMember member = data.user(organization);
        enrolled(member);
        PortalSession browser = new PortalSession(port);
        browser.signIn(manager.email(), manager.password());
        String reset = "/organizations/" + organization + "/users/" + member.id() + "/second-factors/reset";

        HttpResponse<String> asked = browser.get(reset);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("second factors?").contains("will be removed");
        assertThat(factors.status(member.userId()).total()).isEqualTo(1);
        HttpResponse<String> done = browser.submit(reset, reset, Map.of("confirmed", "true"));

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(browser.follow(done).body()).contains("are reset");
        assertThat(factors.status(member.userId()).total()).isZero();
        assertThat(factors.status(member.userId()).recoveryCodes()).isZero();
        assertThat(data.auditEntries(organization, "user.secondFactor.reset")).isEqualTo(1);
        assertThat(mails.to(member.email())).anySatisfy(m -> assertThat(m.text()).contains("reset the second factors of your account"));
        PortalSession person = new PortalSession(port);
        person.signIn(member.email(), member.password());
        assertThat(person.get("/profile").statusCode()).as("the password alone signs them in again").isEqualTo(200);
    }

    @Test
    void anotherOrganizationsMemberAnswers404AndNothingChanges() throws Exception {
        OrganizationId mine = data.organizationId();
        OrganizationId theirs = data.organizationId();
        TestMember manager = data.manager(mine);
        TestMember stranger = data.user(theirs);
        enrolled(stranger);
        PortalSession browser = new PortalSession(port);
        browser.signIn(manager.email(), manager.password());

        assertThat(browser.get("/organizations/" + mine + "/users/" + stranger.id() + "/second-factors/reset").statusCode()).isEqualTo(404);
        assertThat(browser.get("/organizations/" + theirs + "/users/" + stranger.id() + "/second-factors/reset").statusCode()).isEqualTo(404);
        HttpResponse<String> api = post(browser, "/api/v1/organizations/" + mine + "/members/" + stranger.id() + "/second-factors/reset",
                manager);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(post(browser, "/api/v1/organizations/" + theirs + "/members/" + stranger.id() + "/second-factors/reset", manager)
                .statusCode()).isEqualTo(404);
        assertThat(factors.status(stranger.userId()).total()).isEqualTo(1);
    }

    @Test
    void aUserManagementHolderCannotResetAManagersAndNobodyTheirOwn() throws Exception {
        OrganizationId organization = data.organizationId();
        TestMember manager = data.manager(organization);
        TestMember userManager = data.userManager(organization);
        enrolled(manager);
        PortalSession client = new PortalSession(port);

        HttpResponse<String> refused = post(client, "/api/v1/organizations/" + organization + "/members/" + manager.id()
                + "/second-factors/reset", userManager);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"detail\":\"Only a Manager can reset");
        assertThat(factors.status(manager.userId()).total()).isEqualTo(1);

        PortalSession own = new PortalSession(port);
        own.signIn(userManager.email(), userManager.password());
        assertThat(own.get("/organizations/" + organization + "/users/" + userManager.id() + "/second-factors/reset").statusCode())
                .isEqualTo(403);
    }

    @Test
    void theVendorAdminResetsThroughTheApi() throws Exception {
        OrganizationId organization = data.organizationId();
        TestMember member = data.user(organization);
        enrolled(member);

        HttpResponse<String> done = new PortalSession(port).postAsApi("/api/v1/organizations/" + organization + "/members/" + member.id()
                + "/second-factors/reset", "Basic " + java.util.Base64.getEncoder().encodeToString(
                (TestData.ADMIN_EMAIL + ":" + TestData.ADMIN_PASSWORD).getBytes()));

        assertThat(done.statusCode()).isEqualTo(204);
        assertThat(factors.status(member.userId()).total()).isZero();
    }

    @Test
    void onlyTheVendorAdminResetsAStaffMembersSecondFactors() throws Exception {
        io.gatehouse.user.AccountView support = data.staff(io.gatehouse.access.StaffRole.VENDOR_SUPPORT);
        io.gatehouse.user.AccountView other = data.staff(io.gatehouse.access.StaffRole.VENDOR_SUPPORT);
        enrolled(support.id());
        String path = "/api/v1/staff/" + support.id() + "/second-factors/reset";
        PortalSession client = new PortalSession(port);

        assertThat(client.postAsApi(path, basic(other.email(), TestData.PASSWORD)).statusCode()).isEqualTo(403);
        assertThat(client.postAsApi("/api/v1/staff/" + data.user(data.organizationId()).id() + "/second-factors/reset",
                basic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD)).statusCode()).as("not staff").isEqualTo(404);
        assertThat(factors.status(support.id()).total()).isEqualTo(1);
        assertThat(client.postAsApi(path, basic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD)).statusCode()).isEqualTo(204);
        assertThat(factors.status(support.id()).total()).isZero();
    }

    @Test
    void theVendorAdminResetsAStaffMembersFromTheStaffPageAfterBeingAskedButNeverTheirOwn() throws Exception {
        io.gatehouse.user.AccountView support = data.staff(io.gatehouse.access.StaffRole.VENDOR_SUPPORT);
        enrolled(support.id());
        PortalSession admin = new PortalSession(port);
        admin.signIn(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
        String reset = "/admin/staff/" + support.id() + "/second-factors/reset";

        assertThat(admin.get("/admin/staff").body()).contains("href=\"" + reset + "\"");
        HttpResponse<String> asked = admin.get(reset);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains(support.firstName()).contains("will be removed");
        assertThat(factors.status(support.id()).total()).as("asking changes nothing").isEqualTo(1);
        HttpResponse<String> done = admin.submit(reset, reset, Map.of("confirmed", "true"));

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(admin.follow(done).body()).contains("are reset");
        assertThat(factors.status(support.id()).total()).isZero();
        assertThat(mails.to(support.email())).anySatisfy(m -> assertThat(m.text()).contains("reset the second factors of your account"));
        String own = "/admin/staff/" + data.admin().userId() + "/second-factors/reset";
        assertThat(admin.get("/admin/staff").body()).doesNotContain("href=\"" + own + "\"");
        assertThat(admin.get(own).statusCode()).isEqualTo(403);
    }

    @Test
    void vendorSupportCannotResetAColleaguesFromTheStaffPageAndAMembersIdIsNotFound() throws Exception {
        io.gatehouse.user.AccountView support = data.staff(io.gatehouse.access.StaffRole.VENDOR_SUPPORT);
        io.gatehouse.user.AccountView colleague = data.staff(io.gatehouse.access.StaffRole.VENDOR_SUPPORT);
        enrolled(colleague.id());
        PortalSession browser = new PortalSession(port);
        browser.signIn(support.email(), TestData.PASSWORD);

        assertThat(browser.get("/admin/staff/" + colleague.id() + "/second-factors/reset").statusCode()).isEqualTo(403);
        PortalSession admin = new PortalSession(port);
        admin.signIn(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
        assertThat(admin.get("/admin/staff/" + data.user(data.organizationId()).id() + "/second-factors/reset").statusCode())
                .as("not staff").isEqualTo(404);
        assertThat(factors.status(colleague.id()).total()).isEqualTo(1);
    }

    private static String basic(String email, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((email + ":" + password).getBytes());
    }

    private void enrolled(TestMember member) throws Exception {
        enrolled(member.userId());
    }

    private void enrolled(io.gatehouse.shared.UserId account) throws Exception {
        String secret = factors.beginAuthenticator(account).orElseThrow();
        TotpCodes.awayFromStepEdge();
        factors.confirmAuthenticator(data.actor(account), TotpCodes.code(secret, 0));
    }

    private static HttpResponse<String> post(PortalSession client, String path, TestMember as) throws Exception {
        return client.postAsApi(path, AuthenticatorAppTest.basic(as));
    }
}
