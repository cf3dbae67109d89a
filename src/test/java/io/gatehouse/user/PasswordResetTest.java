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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
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

    @Autowired
    PasswordResetWork work;

    @Test
    void theAnswerIsTheSameWhetherOrNotTheAddressHasAnAccount() throws Exception {
        TestMember member = data.user(data.organizationId());
        String unknown = TestData.unique("nobody") + "@reset.test";

        MockHttpServletResponse forKnown = mvc.perform(post("/password/forgot").param("email", member.email()).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse();
        MockHttpServletResponse forUnknown = mvc.perform(post("/password/forgot").param("email", unknown).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse();
        drain();

        assertThat(forUnknown.getContentAsString()).isEqualTo(forKnown.getContentAsString()).contains("If an account uses this address");
        assertThat(headers(forUnknown)).isEqualTo(headers(forKnown));
        assertThat(mails.to(member.email())).hasSize(1);
        assertThat(mails.to(unknown)).isEmpty();
    }

    /**
     * The answer is given before anything about the address is looked up: with the worker held
     * busy, both answers come back, identical, while no link exists yet; the mail follows once
     * the worker is free. So the two answers cannot differ in time by the work done for an account.
     */
    @Test
    void theAnswerComesBeforeTheAddressIsLookedUpAndTheMailFollows() throws Exception {
        TestMember member = data.user(data.organizationId());
        String unknown = TestData.unique("nobody") + "@reset.test";
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        work.submit(() -> {
            busy.countDown();
            await(release);
        });
        await(busy);
        MockHttpServletResponse forKnown;
        MockHttpServletResponse forUnknown;
        try {
            forKnown = mvc.perform(post("/password/forgot").param("email", member.email()).with(csrf()))
                    .andExpect(status().isOk()).andReturn().getResponse();
            forUnknown = mvc.perform(post("/password/forgot").param("email", unknown).with(csrf()))
                    .andExpect(status().isOk()).andReturn().getResponse();

            assertThat(jdbc.sql("select count(*) from password_reset where user_id = ?").param(member.userId().value())
                    .query(Long.class).single()).as("no link made before the answer").isZero();
            assertThat(mails.to(member.email())).as("no mail before the answer").isEmpty();
        } finally {
            release.countDown();
        }
        drain();

        assertThat(forUnknown.getContentAsString()).isEqualTo(forKnown.getContentAsString());
        assertThat(headers(forUnknown)).isEqualTo(headers(forKnown));
        assertThat(mails.to(member.email())).hasSize(1);
        assertThat(mails.to(unknown)).isEmpty();
    }

    @Test
    void theLinkSetsANewPasswordOnceAndTheOldOneStopsWorking() throws Exception {
        TestMember member = data.user(data.organizationId());
        mvc.perform(post("/password/forgot").param("email", member.email().toUpperCase()).with(csrf())).andExpect(status().isOk());
        drain();
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
        drain();
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
        drain();

        assertThat(mails.to(invited)).isEmpty();
    }

    /** Waits until the reset work queued so far is done: the worker takes requests one after the other. */
    private void drain() {
        CountDownLatch done = new CountDownLatch(1);
        work.submit(done::countDown);
        await(done);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("the reset worker answered").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The headers of an answer, without the ones that differ on every answer anyway. */
    private static Map<String, List<String>> headers(MockHttpServletResponse response) {
        Map<String, List<String>> headers = new TreeMap<>();
        for (String name : response.getHeaderNames()) {
            if (!name.equalsIgnoreCase("Set-Cookie") && !name.equalsIgnoreCase("Date") && !name.equalsIgnoreCase("X-Request-Id")) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), response.getHeaders(name));
            }
        }
        return headers;
    }

    private String token(String email) {
        MailView mail = mails.to(email).get(0);
        Matcher matcher = LINK.matcher(mail.text());
        assertThat(matcher.find()).as(mail.text()).isTrue();
        return matcher.group(1);
    }
}
