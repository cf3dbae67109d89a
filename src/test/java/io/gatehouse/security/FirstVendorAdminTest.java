package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
