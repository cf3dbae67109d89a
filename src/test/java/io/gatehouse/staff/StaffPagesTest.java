package io.gatehouse.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Staff;
import io.gatehouse.access.StaffRole;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import io.gatehouse.user.PasswordPolicy;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class StaffPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Staff staff;

    @Autowired
    Accounts accounts;

    @Autowired
    PasswordPolicy passwordPolicy;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theVendorAdminSeesEveryStaffMemberWithTheirRoleAndMayRemoveOthersButNotThemselves() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        String page = html(get("/admin/staff").with(user(admin.userId())));

        assertThat(page).contains("<h1>Staff</h1>", "href=\"/admin/staff\" class=\"active\"", support.email(), admin.email(),
                TestData.ADMIN_EMAIL, "Vendor support", "Vendor admin", "Add staff member");
        assertThat(page).contains("action=\"/admin/staff/" + support.userId() + "/remove\"",
                        "aria-label=\"Remove Vendor " + support.lastName() + "\"",
                        "action=\"/admin/staff/" + support.userId() + "/role\"")
                .doesNotContain("action=\"/admin/staff/" + admin.userId() + "/remove\"",
                        "action=\"/admin/staff/" + admin.userId() + "/role\"");
        assertThat(row(page, admin.email())).contains("You", "You cannot do this to your own account.");
        assertThat(page).contains("<label for=\"staff-firstName\">First name</label>", "<label for=\"staff-role\">Role</label>",
                "<label class=\"visually-hidden\" for=\"role-" + support.userId() + "\">Role of Vendor " + support.lastName() + "</label>");
    }

    @Test
    void aGeneratedPasswordIsShownOnceAndSignsTheNewStaffMemberIn() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        String email = newEmail();

        MvcResult saved = mvc.perform(post("/admin/staff").with(user(admin.userId())).with(csrf())
                        .param("firstName", "Gwen").param("lastName", "Generated").param("email", email)
                        .param("password", "").param("generatePassword", "true").param("role", "VENDOR_SUPPORT"))
                .andExpect(redirectedUrl("/admin/staff"))
                .andReturn();

        String page = html(get("/admin/staff").with(user(admin.userId())).cookie(saved.getResponse().getCookies()));
        Matcher shown = Pattern.compile("<code id=\"generated-password\" class=\"staff-password\">([^<]+)</code>").matcher(page);
        assertThat(shown.find()).isTrue();
        String password = shown.group(1);
        assertThat(page).contains("Gwen Generated was added as Vendor support.",
                "Password generated for Gwen Generated. Pass it on now: it is shown only this once.");
        assertThat(passwordPolicy.violations(password, email)).isEmpty();
        assertThat(html(get("/admin/staff").with(user(admin.userId())).cookie(saved.getResponse().getCookies())))
                .doesNotContain(password, "generated-password");

        mvc.perform(formLogin("/signin").user("email", email).password("password", password)).andExpect(authenticated());
        assertThat(staff.roleOf(accounts.findByEmail(email).orElseThrow().id())).contains(StaffRole.VENDOR_SUPPORT);
    }

    @Test
    void aPasswordBreakingThePolicyAndAMissingNameAreExplainedNextToTheirFieldsAndNothingIsSaved() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        String email = newEmail();

        String page = html(post("/admin/staff").with(user(admin.userId())).with(csrf())
                .param("firstName", " ").param("lastName", "Lovelace").param("email", email)
                .param("password", "tooshort").param("role", "VENDOR_ADMIN"));

        assertThat(page).contains("Some fields need correcting; nothing was changed.",
                "aria-invalid=\"true\" aria-describedby=\"staff-firstName-error\"",
                "id=\"staff-firstName-error\">This field is required.</p>",
                "aria-invalid=\"true\" aria-describedby=\"staff-password-error staff-password-hint\"",
                "id=\"staff-password-error\">Use at least 12 characters.</p>",
                "value=\"Lovelace\"", "value=\"" + email + "\"");
        assertThat(page).doesNotContain("tooshort");
        assertThat(page).containsPattern("<option value=\"VENDOR_ADMIN\" selected=\"selected\">Vendor admin</option>");
        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void anEmailThatAlreadyHasAnAccountIsExplainedAtTheEmailField() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        TestMember customer = data.manager(data.organizationId());

        String page = html(post("/admin/staff").with(user(admin.userId())).with(csrf())
                .param("firstName", "Cara").param("lastName", "Customer").param("email", customer.email())
                .param("password", TestData.PASSWORD).param("role", "VENDOR_ADMIN"));

        assertThat(page).contains("id=\"staff-email-error\">Another account already uses this email address.</p>");
        assertThat(staff.roleOf(customer.userId())).isEmpty();
    }

    @Test
    void changingARoleAndRemovingGoBackToTheListWithWhatHappenedAndLeaveAnAuditEntry() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        AccountView colleague = data.staff(StaffRole.VENDOR_SUPPORT);

        MvcResult changed = mvc.perform(post("/admin/staff/" + colleague.userId() + "/role").with(user(admin.userId())).with(csrf())
                        .param("role", "VENDOR_ADMIN"))
                .andExpect(redirectedUrl("/admin/staff")).andExpect(flash().attributeExists("done")).andReturn();
        assertThat(staff.roleOf(colleague.id())).contains(StaffRole.VENDOR_ADMIN);
        assertThat(html(get("/admin/staff").with(user(admin.userId())).cookie(changed.getResponse().getCookies())))
                .contains("Vendor " + colleague.lastName() + " is now Vendor admin.");

        MvcResult removed = mvc.perform(post("/admin/staff/" + colleague.userId() + "/remove").param("confirmed", "true")
                        .with(user(admin.userId())).with(csrf()))
                .andExpect(redirectedUrl("/admin/staff")).andReturn();
        assertThat(staff.roleOf(colleague.id())).isEmpty();
        assertThat(accounts.find(colleague.id()).email()).isEqualTo(colleague.email());
        assertThat(html(get("/admin/staff").with(user(admin.userId())).cookie(removed.getResponse().getCookies())))
                .contains("Vendor " + colleague.lastName() + " is no longer on the staff. Their account stays.")
                .doesNotContain(colleague.email());
        assertThat(entries("staff.roleChanged", colleague.id())).isEqualTo(1);
        assertThat(entries("staff.removed", colleague.id())).isEqualTo(1);
    }

    @Test
    void removingWithoutTheAnswerChangesNothingAndAsksNamingThePersonAndTheirRole() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        AccountView colleague = data.staff(StaffRole.VENDOR_SUPPORT);
        String name = "Vendor " + colleague.lastName();
        String question = "Remove " + name + " (Vendor support) from the staff? They lose the support queue and their access to "
                + "every organization at once; their account stays, without staff rights.";

        String html = html(post("/admin/staff/" + colleague.userId() + "/remove").with(user(admin.userId())).with(csrf()));

        assertThat(html).contains("<h1>Remove " + name + " from the staff?</h1>", question, "href=\"/admin/staff\">Staff</a>",
                "action=\"/admin/staff/" + colleague.userId() + "/remove\"", "name=\"confirmed\" value=\"true\"",
                ">Remove from the staff<");
        assertThat(staff.roleOf(colleague.id())).contains(StaffRole.VENDOR_SUPPORT);
        assertThat(entries("staff.removed", colleague.id())).isZero();
        // With JavaScript the dialog asks the same question.
        assertThat(html(get("/admin/staff").with(user(admin.userId())))).contains("data-confirm=\"" + question + "\"");
    }

    @Test
    void vendorSupportAndManagersGetTheForbiddenPageAndNoStaffLinkAndNothingChanges() throws Exception {
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        TestMember manager = data.manager(data.organizationId());
        AccountView colleague = data.staff(StaffRole.VENDOR_SUPPORT);
        String email = newEmail();
        for (String refused : List.of(support.userId(), manager.id())) {
            for (MockHttpServletRequestBuilder attempt : List.of(
                    get("/admin/staff"),
                    post("/admin/staff").param("firstName", "Rogue").param("lastName", "Admin").param("email", email)
                            .param("password", TestData.PASSWORD).param("role", "VENDOR_ADMIN"),
                    post("/admin/staff/" + colleague.userId() + "/role").param("role", "VENDOR_ADMIN"),
                    post("/admin/staff/" + colleague.userId() + "/remove"))) {
                String page = mvc.perform(attempt.with(user(refused)).with(csrf()))
                        .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
                assertThat(page).contains("Only a vendor admin can do this.").doesNotContain(colleague.email());
            }
            assertThat(html(get("/").with(user(refused)))).doesNotContain("href=\"/admin/staff\"");
        }
        assertThat(html(get("/").with(user(data.staff(StaffRole.VENDOR_ADMIN).userId())))).contains("href=\"/admin/staff\"");
        assertThat(accounts.findByEmail(email)).isEmpty();
        assertThat(staff.roleOf(colleague.id())).contains(StaffRole.VENDOR_SUPPORT);
    }

    @Test
    void addressesOfPeopleWhoAreNotStaffGiveTheNotFoundPage() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        TestMember customer = data.user(data.organizationId());
        for (String id : List.of(customer.id(), UUID.randomUUID().toString(), "nobody")) {
            for (MockHttpServletRequestBuilder attempt : List.of(
                    post("/admin/staff/" + id + "/role").param("role", "VENDOR_ADMIN"),
                    post("/admin/staff/" + id + "/remove"))) {
                String page = mvc.perform(attempt.with(user(admin.userId())).with(csrf()))
                        .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
                assertThat(page).doesNotContain(customer.email());
            }
        }
        assertThat(staff.roleOf(customer.userId())).isEmpty();
    }

    @Test
    void theStaffPageReadsInEachLanguageWithoutAMissingMessage() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        data.staff(StaffRole.VENDOR_SUPPORT);
        for (Language language : Language.values()) {
            accounts.updateOwn(data.actor(admin.id()), new AccountChanges(null, null, null, null, null, language, null, null));
            String page = html(get("/admin/staff").with(user(admin.userId())));
            assertThat(page).as(language.code()).contains("lang=\"" + language.code() + "\"").doesNotContain("??");
            String invalid = html(post("/admin/staff").with(user(admin.userId())).with(csrf()).param("email", "x"));
            assertThat(invalid).as(language.code()).contains("field-error").doesNotContain("??");
        }
        accounts.updateOwn(data.actor(admin.id()), new AccountChanges(null, null, null, null, null, Language.FR, null, null));
        assertThat(html(get("/admin/staff").with(user(admin.userId()))))
                .contains("Personnel", "Administrateur éditeur", "Support éditeur", "Ajouter un membre du personnel");
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** The table row that shows this email. */
    private static String row(String page, String email) {
        int at = page.indexOf(email);
        return page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
    }

    private long entries(String action, UserId target) {
        return jdbc.sql("select count(*) from audit_entry where organization_id is null and action = ? and target_id = ?")
                .params(action, target.toString()).query(Long.class).single();
    }

    private static String newEmail() {
        return TestData.unique("staff").toLowerCase() + "@vendor.test";
    }
}
