package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.mail.MailView;
import io.gatehouse.mail.Mails;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class PasswordResetTest {

    private static final Pattern LINK = Pattern.compile("/password/reset\\?token=([A-Za-z0-9_-]{43})");
    private static final String NEW_PASSWORD = "Velvet-Harbor-Thistle-61";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Mails mails;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theAnswerIsTheSameWhetherOrNotTheAddressHasAnAccount() throws Exception {
        TestMember member = data.user(data.organizationId());
        String unknown = TestData.unique("nobody") + "@reset.test";

        String forKnown = mvc.perform(post("/password/forgot").param("email", member.email()).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String forUnknown = mvc.perform(post("/password/forgot").param("email", unknown).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(forUnknown).isEqualTo(forKnown).contains("If an account uses this address");
        assertThat(mails.to(member.email())).hasSize(1);
        assertThat(mails.to(unknown)).isEmpty();
    }

    @Test
    void theLinkSetsANewPasswordOnceAndTheOldOneStopsWorking() throws Exception {
        TestMember member = data.user(data.organizationId());
        mvc.perform(post("/password/forgot").param("email", member.email().toUpperCase()).with(csrf())).andExpect(status().isOk());
        String token = token(member.email());

        mvc.perform(get("/password/reset").param("token", token))
                .andExpect(status().isOk()).andExpect(content().string(containsString(member.email())));
        mvc.perform(post("/password/reset").param("token", token).param("password", "short").with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Use at least 12 characters.")));
        mvc.perform(get("/api/v1/me").with(httpBasic(member.email(), member.password()))).andExpect(status().isOk());

        mvc.perform(post("/password/reset").param("token", token).param("password", NEW_PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/signin?passwordReset"));

        mvc.perform(get("/api/v1/me").with(httpBasic(member.email(), member.password()))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").with(httpBasic(member.email(), NEW_PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/password/reset").param("token", token))
                .andExpect(status().isNotFound()).andExpect(content().string(containsString("This link no longer works")));
        assertThat(data.auditEntries(member.organizationId(), "user.passwordReset")).isEqualTo(1);
    }

    @Test
    void anExpiredOrMadeUpLinkChangesNothing() throws Exception {
        TestMember member = data.user(data.organizationId());
        mvc.perform(post("/password/forgot").param("email", member.email()).with(csrf()));
        String token = token(member.email());
        jdbc.sql("update password_reset set expires_at = ? where used_at is null and user_id = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), member.userId().value()).update();

        mvc.perform(post("/password/reset").param("token", token).param("password", NEW_PASSWORD).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/password/reset").param("token", "x".repeat(43)).param("password", NEW_PASSWORD).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/me").with(httpBasic(member.email(), member.password()))).andExpect(status().isOk());
    }

    @Test
    void anInvitedPersonWhoHasNotRegisteredGetsNoResetLink() throws Exception {
        String invited = TestData.unique("invited") + "@reset.test";
        jdbc.sql("""
                insert into user_account (id, first_name, last_name, email, email_key, login, login_key, status, language,
                                          date_format, time_zone, created_at, version)
                values (?, '', '', ?, ?, ?, ?, 'INVITED', 'en', 'dd/MM/yyyy', 'UTC', ?, 1)""")
                .params(java.util.UUID.randomUUID(), invited, invited, invited, invited, Timestamp.from(Instant.now())).update();

        mvc.perform(post("/password/forgot").param("email", invited).with(csrf())).andExpect(status().isOk());

        assertThat(mails.to(invited)).isEmpty();
    }

    private String token(String email) {
        MailView mail = mails.to(email).get(0);
        Matcher matcher = LINK.matcher(mail.text());
        assertThat(matcher.find()).as(mail.text()).isTrue();
        return matcher.group(1);
    }
}
