package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** On a first start the vendor admin is created from the configuration, or with a generated password printed once. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class FirstVendorAdminTest {

    private static final Pattern PRINTED_PASSWORD = Pattern.compile("password:\\s+(\\S+)");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FirstVendorAdmin firstVendorAdmin;

    @Test
    void configuredEmailAndPasswordSignInAsVendorAdmin() throws Exception {
        mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(TestData.ADMIN_EMAIL));

        assertThat(staffRoleOf(jdbc, TestData.ADMIN_EMAIL)).containsExactly("VENDOR_ADMIN");
    }

    @Test
    void aConfiguredPasswordThePolicyRefusesStopsTheStartWithTheRuleInWords(
            @Autowired io.gatehouse.access.Staff staff, @Autowired io.gatehouse.user.Accounts accounts,
            @Autowired org.springframework.context.ApplicationEventPublisher events,
            @Autowired org.springframework.context.MessageSource messages, @Autowired io.gatehouse.cluster.ChangeSignals signals,
            @Autowired org.springframework.transaction.PlatformTransactionManager transactions) throws Exception {
        String email = TestData.unique("weak").toLowerCase() + "@example.test";
        FirstVendorAdmin refused = new FirstVendorAdmin(staff, accounts, events, messages, signals, email, email + "-Strong-123", false);
        jdbc.sql("delete from staff_member where role = 'VENDOR_ADMIN'").update();
        try {
            assertThatThrownBy(() -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                    .executeWithoutResult(status -> refused.run(new DefaultApplicationArguments())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("GATEHOUSE_ADMIN_PASSWORD is refused: The password must not contain the email address.")
                    .hasMessageContaining("leave GATEHOUSE_ADMIN_PASSWORD unset");
            assertThat(jdbc.sql("select count(*) from user_account where email = ?").param(email).query(Long.class).single()).isZero();
        } finally {
            // The configured vendor admin of the other tests is appointed again.
            firstVendorAdmin.run(new DefaultApplicationArguments());
        }
        assertThat(vendorAdmins(jdbc)).isEqualTo(1);
    }

    @Test
    void startingAgainDoesNotCreateASecondAdmin(CapturedOutput output) throws Exception {
        long accounts = accounts(jdbc);
        long vendorAdmins = vendorAdmins(jdbc);
        int logged = output.getAll().length();

        firstVendorAdmin.run(new DefaultApplicationArguments());

        assertThat(accounts(jdbc)).isEqualTo(accounts);
        assertThat(vendorAdmins(jdbc)).isEqualTo(vendorAdmins);
        assertThat(output.getAll().substring(logged)).doesNotContain("First vendor admin created");
        mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))).andExpect(status().isOk());
    }

    @Nested
    @TestPropertySource(properties = "gatehouse.admin.password=")
    class WithoutAConfiguredPassword {

        @Autowired
        MockMvc mvc;

        @Autowired
        JdbcClient jdbc;

        @Autowired
        FirstVendorAdmin firstVendorAdmin;

        @Test
        void aStrongPasswordIsGeneratedPrintedOnceAndSignsInAsVendorAdmin(CapturedOutput output) throws Exception {
            List<String> printed = printedPasswords(output.getAll());
            assertThat(printed).as("passwords printed at start-up").hasSize(1);
            String password = printed.get(0);
            assertThat(password).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo(TestData.ADMIN_PASSWORD);
            assertThat(password.chars().distinct().count()).isGreaterThan(8);

            mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, password)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.email").value(TestData.ADMIN_EMAIL));
            mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD)))
                    .andExpect(status().isUnauthorized());
            assertThat(staffRoleOf(jdbc, TestData.ADMIN_EMAIL)).containsExactly("VENDOR_ADMIN");
            assertThat(vendorAdmins(jdbc)).isEqualTo(1);
        }

        @Test
        void startingAgainNeitherCreatesASecondAdminNorPrintsAnotherPassword(CapturedOutput output) throws Exception {
            long accounts = accounts(jdbc);
            assertThat(vendorAdmins(jdbc)).isEqualTo(1);
            int logged = output.getAll().length();

            firstVendorAdmin.run(new DefaultApplicationArguments());

            assertThat(accounts(jdbc)).isEqualTo(accounts);
            assertThat(vendorAdmins(jdbc)).isEqualTo(1);
            assertThat(printedPasswords(output.getAll().substring(logged))).isEmpty();
        }

        @Test
        void anExistingAccountWithTheAdminEmailIsAppointedAndNoPasswordItDoesNotHaveIsPrinted(CapturedOutput output)
                throws Exception {
            jdbc.sql("delete from staff_member where role = 'VENDOR_ADMIN'").update();
            long accounts = accounts(jdbc);
            int logged = output.getAll().length();

            firstVendorAdmin.run(new DefaultApplicationArguments());

            assertThat(accounts(jdbc)).isEqualTo(accounts);
            assertThat(staffRoleOf(jdbc, TestData.ADMIN_EMAIL)).containsExactly("VENDOR_ADMIN");
            String log = output.getAll().substring(logged);
            for (String printed : printedPasswords(log)) {
                mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, printed)))
                        .andExpect(status().isOk());
            }
            assertThat(printedPasswords(log)).isEmpty();
            assertThat(log).contains(TestData.ADMIN_EMAIL);
        }
    }

    @Nested
    @TestPropertySource(properties = {"gatehouse.admin.password=", "gatehouse.admin.reset-password=true"})
    class WhenAPasswordResetIsAsked {

        @Autowired
        MockMvc mvc;

        @Autowired
        TestData data;

        @Autowired
        JdbcClient jdbc;

        @Autowired
        FirstVendorAdmin firstVendorAdmin;

        @Test
        void aNewPasswordIsPrintedOnceAndEndsEverySessionAndApiTokenOfTheAdmin(CapturedOutput output) throws Exception {
            String before = resetAndReadPrintedPassword(output);
            String adminId = jdbc.sql("select id from user_account where lower(email) = lower(?)")
                    .param(TestData.ADMIN_EMAIL).query(String.class).single();
            String token = JsonPath.read(mvc.perform(post("/api/v1/me/tokens")
                            .with(httpBasic(TestData.ADMIN_EMAIL, before))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"name\":\"scripts\",\"expiresInDays\":30}"))
                    .andExpect(status().isCreated())
                    .andReturn().getResponse().getContentAsString(), "$.token");
            jdbc.sql("""
                    insert into spring_session (primary_id, session_id, creation_time, last_access_time, max_inactive_interval,
                        expiry_time, principal_name) values (?, ?, 0, 0, 1800, ?, ?)""")
                    .params(UUID.randomUUID().toString(), UUID.randomUUID().toString(), Long.MAX_VALUE, adminId).update();
            long auditedBefore = passwordResetsAudited();

            String after = resetAndReadPrintedPassword(output);

            assertThat(after).isNotEqualTo(before).hasSizeGreaterThanOrEqualTo(20);
            mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, after))).andExpect(status().isOk());
            mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, before))).andExpect(status().isUnauthorized());
            mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
            assertThat(jdbc.sql("select count(*) from spring_session where principal_name = ?").param(adminId)
                    .query(Long.class).single()).isZero();
            assertThat(passwordResetsAudited()).isEqualTo(auditedBefore + 1);
            assertThat(staffRoleOf(jdbc, TestData.ADMIN_EMAIL)).containsExactly("VENDOR_ADMIN");
            assertThat(vendorAdmins(jdbc)).isEqualTo(1);
        }

        @Test
        void anAccountThatIsNotAVendorAdminKeepsItsPassword(CapturedOutput output) throws Exception {
            String password = resetAndReadPrintedPassword(output);
            String adminId = jdbc.sql("select id from user_account where lower(email) = lower(?)")
                    .param(TestData.ADMIN_EMAIL).query(String.class).single();
            String otherAdmin = data.user(data.organizationId()).id();
            jdbc.sql("insert into staff_member (user_id, role, created_at) values (?, 'VENDOR_ADMIN', current_timestamp)")
                    .param(UUID.fromString(otherAdmin)).update();
            jdbc.sql("update staff_member set role = 'VENDOR_SUPPORT' where user_id = ?").param(UUID.fromString(adminId)).update();
            try {
                int logged = output.getAll().length();

                firstVendorAdmin.run(new DefaultApplicationArguments());

                assertThat(printedPasswords(output.getAll().substring(logged))).isEmpty();
                assertThat(output.getAll().substring(logged)).contains("is not a vendor admin");
                mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, password))).andExpect(status().isOk());
            } finally {
                jdbc.sql("update staff_member set role = 'VENDOR_ADMIN' where user_id = ?").param(UUID.fromString(adminId)).update();
                jdbc.sql("delete from staff_member where user_id = ?").param(UUID.fromString(otherAdmin)).update();
            }
        }

        private String resetAndReadPrintedPassword(CapturedOutput output) {
            int logged = output.getAll().length();
            firstVendorAdmin.run(new DefaultApplicationArguments());
            String log = output.getAll().substring(logged);
            assertThat(log).contains("Vendor admin password reset");
            List<String> printed = printedPasswords(log);
            assertThat(printed).as("passwords printed by one reset").hasSize(1);
            return printed.get(0);
        }

        private long passwordResetsAudited() {
            return jdbc.sql("select count(*) from audit_entry where action = 'user.passwordSetAtStart'").query(Long.class).single();
        }
    }

    private static List<String> printedPasswords(String log) {
        Matcher matcher = PRINTED_PASSWORD.matcher(log);
        return matcher.results().map(result -> result.group(1)).toList();
    }

    private static List<String> staffRoleOf(JdbcClient jdbc, String email) {
        return jdbc.sql("select s.role from staff_member s join user_account u on u.id = s.user_id where lower(u.email) = lower(?)")
                .param(email)
                .query(String.class)
                .list();
    }

    private static long vendorAdmins(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from staff_member where role = 'VENDOR_ADMIN'").query(Long.class).single();
    }

    private static long accounts(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from user_account").query(Long.class).single();
    }
}
