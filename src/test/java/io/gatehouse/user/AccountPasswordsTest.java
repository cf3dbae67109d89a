package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.mail.MailView;
import io.gatehouse.mail.Mails;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Another person's password: set by the vendor admin alone; organization admins send a reset link to the owner. */
@IntegrationTest
class AccountPasswordsTest {

    private static final String NEW_PASSWORD = "Granite-Harbour-Sail-64";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Mails mails;

    @Autowired
    PasswordResetWork work;

    @Test
    void vendorAdminSetsAPasswordAtOnceAuditedAndTheOwnerIsTold() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org);

        setPassword(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD), person, NEW_PASSWORD).andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), NEW_PASSWORD))).andExpect(status().isOk());
        assertThat(data.auditEntries(org, "user.passwordSet")).isEqualTo(1);
        List<MailView> told = mails.to(person.email());
        assertThat(told).hasSize(1);
        assertThat(told.get(0).subject()).isEqualTo("A new password was set for your account");
        assertThat(told.get(0).text()).doesNotContain(NEW_PASSWORD);
    }

    @Test
    void anOrganizationAdminCannotSetAnotherPersonsPassword() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        setPassword(httpBasic(manager.email(), manager.password()), person, NEW_PASSWORD)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.identity.passwordOwnerOnly"));

        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password()))).andExpect(status().isOk());
        assertThat(data.auditEntries(org, "user.passwordSet")).isZero();
        assertThat(mails.to(person.email())).isEmpty();
    }

    @Test
    void aWeakPasswordIsRefusedAndChangesNothing() throws Exception {
        TestMember person = data.user(data.organizationId());

        setPassword(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD), person, "short")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("password"));

        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password()))).andExpect(status().isOk());
    }

    @Test
    void anOrganizationAdminSendsAResetLinkThatGoesOnlyToTheOwnersAddress() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember userManager = data.userManager(org);
        TestMember colleague = data.user(org, "Showcase 360 Administrator");

        mvc.perform(post("/api/v1/users/{id}/password-reset", colleague.id()).with(httpBasic(userManager.email(), userManager.password())))
                .andExpect(status().isAccepted());
        drain();

        assertThat(mails.to(colleague.email())).hasSize(1).first()
                .satisfies(mail -> assertThat(mail.text()).contains("/password/reset?token="));
        assertThat(mails.to(userManager.email())).isEmpty();
        assertThat(data.auditEntries(org, "user.passwordResetSent")).isEqualTo(1);
    }

    private ResultActions setPassword(RequestPostProcessor as, TestMember target, String password) throws Exception {
        return mvc.perform(put("/api/v1/users/{id}/password", target.id()).with(as)
                .contentType(MediaType.APPLICATION_JSON).content("{\"password\":\"" + password + "\"}"));
    }

    private void drain() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        work.submit(done::countDown);
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    }
}
