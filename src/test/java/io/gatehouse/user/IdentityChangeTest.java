package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.mail.MailView;
import io.gatehouse.mail.Mails;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Email changes on every route: who may start one, the link that makes it, and the notice to the old address. */
@IntegrationTest
class IdentityChangeTest {

    private static final Pattern LINK = Pattern.compile("/account/email/confirm\\?token=([A-Za-z0-9_-]{43})");
    private static final String SHOWCASE_ADMINISTRATOR = "Showcase 360 Administrator";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Mails mails;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    // ---- the attack: a User Management holder re-addresses a colleague who holds more

    @Test
    void userManagementHolderCannotTakeOverAColleagueHoldingARightTheyLackThroughTheApi() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember attacker = data.userManager(org);
        TestMember colleague = data.user(org, SHOWCASE_ADMINISTRATOR);
        String attackerAddress = newAddress("attacker");

        patchUser(attacker, colleague, "{\"email\":\"" + attackerAddress + "\"}")
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.reason").value("policy.identity.targetHoldsMore"))
                .andExpect(jsonPath("$.detail").value(containsString("access rights or sites that you do not hold yourself")));

        assertNothingChanged(org, colleague, attackerAddress);
    }

    @Test
    void userManagementHolderCannotTakeOverAColleagueHoldingARightTheyLackThroughThePortalForm() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember attacker = data.userManager(org);
        TestMember colleague = data.user(org, SHOWCASE_ADMINISTRATOR);
        String attackerAddress = newAddress("attacker");

        mvc.perform(post("/organizations/{org}/users/{id}/properties", org, colleague.id()).with(user(attacker.id())).with(csrf())
                        .param("firstName", "Test").param("lastName", "Person").param("email", attackerAddress)
                        .param("position", "").param("language", "en").param("dateFormat", "dd/MM/yyyy"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("access rights or sites that you do not hold yourself")));

        assertNothingChanged(org, colleague, attackerAddress);
    }

    @Test
    void managerCannotReaddressAPersonWhoAlsoBelongsToAnotherOrganization() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);
        data.join(person, data.organizationId(), io.gatehouse.access.Role.MANAGER);
        String address = newAddress("elsewhere");

        patchUser(manager, person, "{\"email\":\"" + address + "\"}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.accountSharedWithOtherOrganizations"));

        assertNothingChanged(org, person, address);
    }

    // ---- an organization admin's change waits for the new address

    @Test
    void organizationAdminsEmailChangeTakesEffectOnlyOnceTheNewAddressConfirmsIt() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember userManager = data.userManager(org);
        TestMember colleague = data.user(org);
        String newAddress = newAddress("moved");

        patchUser(userManager, colleague, "{\"email\":\"" + newAddress + "\",\"position\":\"Buyer\"}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.email").value(colleague.email()))
                .andExpect(jsonPath("$.pendingEmail").value(newAddress))
                .andExpect(jsonPath("$.position").value("Buyer"));

        assertThat(accounts.find(colleague.userId()).email()).isEqualTo(colleague.email());
        assertThat(data.auditEntries(org, "user.emailChangeRequested")).isEqualTo(1);
        MailView notice = only(mails.to(colleague.email()));
        assertThat(notice.subject()).isEqualTo("The email address of your account is changing");
        assertThat(notice.text()).contains("asked to change the email address of your account", newAddress,
                "It changes once that address confirms it.", "tell your administrator");
        String token = token(newAddress);

        mvc.perform(get("/account/email/confirm").param("token", token))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(colleague.email())))
                .andExpect(content().string(containsString(newAddress)));
        assertThat(accounts.find(colleague.userId()).email()).as("opening the link changes nothing").isEqualTo(colleague.email());

        mvc.perform(post("/account/email/confirm").param("token", token).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The account’s email address is now " + newAddress)));

        AccountView after = accounts.find(colleague.userId());
        assertThat(after.email()).isEqualTo(newAddress);
        assertThat(after.login()).isEqualTo(newAddress);
        assertThat(data.auditEntries(org, "user.emailConfirmed")).isEqualTo(1);
        assertThat(mails.to(colleague.email())).hasSize(2)
                .anySatisfy(mail -> assertThat(mail.text()).contains("changed the email address of your account", newAddress));
        mvc.perform(get("/api/v1/me").with(httpBasic(newAddress, colleague.password()))).andExpect(status().isOk());

        mvc.perform(post("/account/email/confirm").param("token", token).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("This link no longer works")));
        assertThat(data.auditEntries(org, "user.emailConfirmed")).as("a used link changes nothing more").isEqualTo(1);
    }

    @Test
    void anExpiredLinkOrAMadeUpOneChangesNothing() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);
        String newAddress = newAddress("late");
        patchUser(manager, person, "{\"email\":\"" + newAddress + "\"}").andExpect(status().isAccepted());
        String token = token(newAddress);
        jdbc.sql("update pending_email_change set expires_at = ? where user_id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), person.userId().value()).update();

        mvc.perform(get("/account/email/confirm").param("token", token)).andExpect(status().isNotFound());
        mvc.perform(post("/account/email/confirm").param("token", token).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/account/email/confirm").param("token", "x".repeat(43)).with(csrf())).andExpect(status().isNotFound());

        assertThat(accounts.find(person.userId()).email()).isEqualTo(person.email());
        assertThat(data.auditEntries(org, "user.emailConfirmed")).isZero();
    }

    @Test
    void aNewerChangeReplacesTheOlderLink() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);
        String first = newAddress("first");
        String second = newAddress("second");
        patchUser(manager, person, "{\"email\":\"" + first + "\"}").andExpect(status().isAccepted());
        patchUser(manager, person, "{\"email\":\"" + second + "\"}").andExpect(status().isAccepted());

        mvc.perform(post("/account/email/confirm").param("token", token(first)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/account/email/confirm").param("token", token(second)).with(csrf())).andExpect(status().isOk());

        assertThat(accounts.find(person.userId()).email()).isEqualTo(second);
    }

    @Test
    void theConfirmationIsJudgedAgainOnTodaysRights() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember userManager = data.userManager(org);
        TestMember colleague = data.user(org);
        String newAddress = newAddress("later");
        patchUser(userManager, colleague, "{\"email\":\"" + newAddress + "\"}").andExpect(status().isAccepted());
        // Meanwhile the colleague is given a right the requester does not hold.
        data.grantExternally(colleague, SHOWCASE_ADMINISTRATOR);

        mvc.perform(post("/account/email/confirm").param("token", token(newAddress)).with(csrf()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("access rights or sites that you do not hold yourself")));

        assertThat(accounts.find(colleague.userId()).email()).isEqualTo(colleague.email());
        assertThat(data.auditEntries(org, "user.emailConfirmed")).isZero();
    }

    @Test
    void anAddressTakenMeanwhileIsRefusedAtConfirmation() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);
        String newAddress = newAddress("taken");
        patchUser(manager, person, "{\"email\":\"" + newAddress + "\"}").andExpect(status().isAccepted());
        TestMember other = data.user(org);
        patchUser(asAdmin(), other, "{\"email\":\"" + newAddress + "\"}").andExpect(status().isOk());

        mvc.perform(post("/account/email/confirm").param("token", token(newAddress)).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("Another account already uses this email address.")));
        assertThat(accounts.find(person.userId()).email()).isEqualTo(person.email());
    }

    // ---- the vendor admin's direct path

    @Test
    void vendorAdminChangesAnEmailAtOnceAuditedAndTheOldAddressIsTold() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org, SHOWCASE_ADMINISTRATOR);
        String newAddress = newAddress("direct");

        patchUser(asAdmin(), person, "{\"email\":\"" + newAddress + "\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(newAddress))
                .andExpect(jsonPath("$.login").value(newAddress))
                .andExpect(jsonPath("$.pendingEmail").doesNotExist());

        assertThat(accounts.find(person.userId()).email()).isEqualTo(newAddress);
        assertThat(data.auditEntries(org, "user.updated")).isEqualTo(1);
        assertThat(only(mails.to(person.email())).text()).contains("changed the email address of your account", newAddress);
        assertThat(mails.to(newAddress)).as("no confirmation needed").isEmpty();
    }

    // ---- the owner

    @Test
    void aPersonChangesTheirOwnEmailThroughTheApiOnceTheNewAddressConfirmsIt() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org);
        String newAddress = newAddress("mine");

        mvc.perform(patch("/api/v1/me").with(httpBasic(person.email(), person.password()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + newAddress + "\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.pendingEmail").value(newAddress))
                .andExpect(jsonPath("$.email").value(person.email()));
        assertThat(only(mails.to(person.email())).text()).contains(newAddress);

        mvc.perform(post("/account/email/confirm").param("token", token(newAddress)).with(csrf())).andExpect(status().isOk());
        assertThat(accounts.find(person.userId()).email()).isEqualTo(newAddress);
    }

    @Test
    void theProfilePageSaysWhereTheConfirmationLinkWent() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org);
        String newAddress = newAddress("profile");

        mvc.perform(post("/profile/email").with(user(person.id())).with(csrf()).param("email", newAddress))
                .andExpect(status().isFound());
        String page = mvc.perform(get("/profile").with(user(person.id())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("A confirmation link was sent to " + newAddress + "; the address changes once it is confirmed.");
        assertThat(accounts.find(person.userId()).email()).isEqualTo(person.email());
        assertThat(mails.to(newAddress)).hasSize(1);

        mvc.perform(post("/profile/email").with(user(person.id())).with(csrf()).param("email", "not-an-address"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Enter a valid email address.")));
    }

    @Test
    void theMemberPageSaysWhereTheConfirmationLinkWent() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);
        String newAddress = newAddress("portal");

        mvc.perform(post("/organizations/{org}/users/{id}/properties", org, person.id()).with(user(manager.id())).with(csrf())
                        .param("firstName", "Zoé").param("lastName", "Durand").param("email", newAddress)
                        .param("position", "").param("language", "fr").param("dateFormat", "dd/MM/yyyy"))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("flash", "A confirmation link was sent to " + newAddress
                        + "; the address changes once it is confirmed. The other changes are saved."));

        AccountView after = accounts.find(person.userId());
        assertThat(after.email()).isEqualTo(person.email());
        assertThat(after.firstName()).isEqualTo("Zoé");
        assertThat(mails.to(newAddress)).hasSize(1);
    }

    // ---- passwords and logins

    @Test
    void nobodySetsAnotherPersonsPasswordThroughTheAccountApi() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        patchUser(manager, person, "{\"password\":\"Granite-Harbour-Sail-64\",\"login\":\"taken-over\"}")
                .andExpect(status().isOk());

        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password()))).andExpect(status().isOk());
        assertThat(accounts.find(person.userId()).login()).isEqualTo(person.email());
    }

    private void assertNothingChanged(OrganizationId org, TestMember person, String refusedAddress) {
        assertThat(accounts.find(person.userId()).email()).isEqualTo(person.email());
        assertThat(mails.to(refusedAddress)).isEmpty();
        assertThat(mails.to(person.email())).isEmpty();
        assertThat(jdbc.sql("select count(*) from pending_email_change where user_id = ?").param(person.userId().value())
                .query(Long.class).single()).isZero();
        assertThat(data.auditEntries(org, "user.updated") + data.auditEntries(org, "user.emailChangeRequested")).isZero();
    }

    private ResultActions patchUser(TestMember actor, TestMember target, String body) throws Exception {
        return patchUser(httpBasic(actor.email(), actor.password()), target, body);
    }

    private ResultActions patchUser(RequestPostProcessor as, TestMember target,
            String body) throws Exception {
        return mvc.perform(patch("/api/v1/users/{id}", target.id()).with(as).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static RequestPostProcessor asAdmin() {
        return httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
    }

    private String token(String newAddress) {
        MailView mail = mails.to(newAddress).get(0);
        assertThat(mail.subject()).isEqualTo("Confirm your new email address");
        Matcher matcher = LINK.matcher(mail.text());
        assertThat(matcher.find()).as(mail.text()).isTrue();
        return matcher.group(1);
    }

    private static MailView only(List<MailView> mails) {
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static String newAddress(String prefix) {
        return TestData.unique(prefix).toLowerCase() + "@new.test";
    }
}
