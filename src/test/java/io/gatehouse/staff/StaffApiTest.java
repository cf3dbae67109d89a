package io.gatehouse.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Staff;
import io.gatehouse.access.StaffRole;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class StaffApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RequestPostProcessor ADMIN = httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Staff staff;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theVendorAdminAddsAStaffMemberWithANewAccountAndTheAuditSaysWhoDidIt() throws Exception {
        String email = TestData.unique("support").toLowerCase() + "@vendor.test";
        String location = send(post("/api/v1/staff"), ADMIN, person("Sam", "Support", email, TestData.PASSWORD, "VENDOR_SUPPORT"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").isString())
                .andExpect(jsonPath("$.firstName").value("Sam"))
                .andExpect(jsonPath("$.lastName").value("Support"))
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.role").value("VENDOR_SUPPORT"))
                .andExpect(jsonPath("$.createdAt").isString())
                .andExpect(jsonPath("$.password").doesNotExist())
                .andReturn().getResponse().getHeader("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        assertThat(staff.roleOf(UserId.parse(id))).contains(StaffRole.VENDOR_SUPPORT);
        mvc.perform(get(location).with(ADMIN)).andExpect(status().isOk()).andExpect(jsonPath("$.email").value(email));
        mvc.perform(get("/api/v1/staff").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem(id)))
                .andExpect(jsonPath("$[?(@.id == '" + id + "')].role").value("VENDOR_SUPPORT"))
                .andExpect(jsonPath("$[?(@.email == '" + TestData.ADMIN_EMAIL + "')].role").value("VENDOR_ADMIN"));
        assertThat(vendorEntries("staff.appointed", id)).containsExactly(TestData.ADMIN_EMAIL);
        assertThat(vendorEntries("user.created", id)).containsExactly(TestData.ADMIN_EMAIL);
    }

    @Test
    void theNewStaffMemberSignsInWithTheirPasswordAndOnlyAVendorAdminManagesStaff() throws Exception {
        String supportEmail = TestData.unique("support").toLowerCase() + "@vendor.test";
        String adminEmail = TestData.unique("admin").toLowerCase() + "@vendor.test";
        send(post("/api/v1/staff"), ADMIN, person("Sam", "Support", supportEmail, TestData.PASSWORD, "VENDOR_SUPPORT"))
                .andExpect(status().isCreated());
        send(post("/api/v1/staff"), ADMIN, person("Ada", "Admin", adminEmail, TestData.PASSWORD, "VENDOR_ADMIN"))
                .andExpect(status().isCreated());

        mvc.perform(get("/api/v1/me").with(httpBasic(supportEmail, TestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.email").value(supportEmail));
        mvc.perform(get("/api/v1/staff").with(httpBasic(supportEmail, TestData.PASSWORD)))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.reason").value("policy.vendorAdminOnly"));
        mvc.perform(get("/api/v1/requests").with(httpBasic(supportEmail, TestData.PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/staff").with(httpBasic(adminEmail, TestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].email", hasItem(supportEmail)));
    }

    @Test
    void vendorSupportManagersAndUsersAreRefusedEveryStaffChangeAndNothingChanges() throws Exception {
        TestMember manager = data.manager(data.organizationId());
        TestMember user = data.user(data.organizationId());
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        AccountView colleague = data.staff(StaffRole.VENDOR_SUPPORT);
        String email = TestData.unique("rogue").toLowerCase() + "@vendor.test";
        for (RequestPostProcessor refused : List.of(httpBasic(support.email(), TestData.PASSWORD),
                httpBasic(manager.email(), manager.password()), httpBasic(user.email(), user.password()))) {
            send(post("/api/v1/staff"), refused, person("Rogue", "Admin", email, TestData.PASSWORD, "VENDOR_ADMIN"))
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.reason").value("policy.vendorAdminOnly"));
            mvc.perform(get("/api/v1/staff").with(refused))
                    .andExpect(status().isForbidden()).andExpect(content().string(not(containsString(colleague.email()))));
            send(patch("/api/v1/staff/" + colleague.userId()), refused, Map.of("role", "VENDOR_ADMIN"))
                    .andExpect(status().isForbidden());
            mvc.perform(delete("/api/v1/staff/" + colleague.userId()).with(refused)).andExpect(status().isForbidden());
        }
        assertThat(accounts.findByEmail(email)).isEmpty();
        assertThat(staff.roleOf(colleague.id())).contains(StaffRole.VENDOR_SUPPORT);
    }

    @Test
    void anEmailThatAlreadyHasAnAccountIsAConflictAndNobodyIsAppointed() throws Exception {
        TestMember customer = data.manager(data.organizationId());
        AccountView former = data.staff(StaffRole.VENDOR_SUPPORT);
        mvc.perform(delete("/api/v1/staff/" + former.userId()).with(ADMIN)).andExpect(status().isNoContent());

        for (String taken : List.of(customer.email().toUpperCase(), former.email(), TestData.ADMIN_EMAIL)) {
            send(post("/api/v1/staff"), ADMIN, person("Twin", "Account", taken, TestData.PASSWORD, "VENDOR_ADMIN"))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.field").value("email"))
                    .andExpect(jsonPath("$.detail").value("Another account already uses this email address."));
        }
        assertThat(staff.roleOf(customer.userId())).isEmpty();
        assertThat(staff.roleOf(former.id())).isEmpty();
        assertThat(accounts.find(customer.userId()).firstName()).isEqualTo("Test");
    }

    @Test
    void everyBrokenFieldIsReportedAtOnceUnderThePasswordPolicyAndNothingIsCreated() throws Exception {
        String email = TestData.unique("weak").toLowerCase() + "@vendor.test";
        send(post("/api/v1/staff"), ADMIN, person(" ", "x".repeat(101), "not-an-address", "short", null))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("firstName", "lastName", "email", "password", "role")))
                .andExpect(jsonPath("$.errors[?(@.field == 'password')].message").value("Use at least 12 characters."))
                .andExpect(jsonPath("$.errors[?(@.field == 'lastName')].message").value("At most 100 characters."));

        send(post("/api/v1/staff"), ADMIN, person("Wes", "Weak", email, "Password2024!", "VENDOR_SUPPORT"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("password"))
                .andExpect(jsonPath("$.errors[0].message").value("This password is too common or too easy to guess."));
        String name = email.substring(0, email.indexOf('@'));
        send(post("/api/v1/staff"), ADMIN, person("Wes", "Weak", email, name + "-Horse-Battery", "VENDOR_SUPPORT"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("The password must not contain the email address."));
        send(post("/api/v1/staff"), ADMIN, person("Wes", "Weak", email, TestData.PASSWORD, "CHIEF"))
                .andExpect(status().isBadRequest());

        assertThat(accounts.findByEmail(email)).isEmpty();
    }

    @Test
    void aRoleChangeTakesEffectOnTheNextRequestAndIsAudited() throws Exception {
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        RequestPostProcessor asSupport = httpBasic(support.email(), TestData.PASSWORD);
        mvc.perform(get("/api/v1/staff").with(asSupport)).andExpect(status().isForbidden());

        send(patch("/api/v1/staff/" + support.userId()), ADMIN, Map.of("role", "VENDOR_ADMIN"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(support.userId()))
                .andExpect(jsonPath("$.role").value("VENDOR_ADMIN"));
        mvc.perform(get("/api/v1/staff").with(asSupport)).andExpect(status().isOk());

        send(patch("/api/v1/staff/" + support.userId()), ADMIN, Map.of("role", "VENDOR_SUPPORT")).andExpect(status().isOk());
        send(patch("/api/v1/staff/" + support.userId()), ADMIN, Map.of("role", "VENDOR_SUPPORT")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/staff").with(asSupport)).andExpect(status().isForbidden());
        assertThat(vendorEntries("staff.roleChanged", support.userId())).hasSize(2);
        send(patch("/api/v1/staff/" + support.userId()), ADMIN, new LinkedHashMap<>())
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("role"));
    }

    @Test
    void removingEndsTheStaffRoleButKeepsTheAccount() throws Exception {
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        mvc.perform(delete("/api/v1/staff/" + support.userId()).with(ADMIN)).andExpect(status().isNoContent());

        assertThat(staff.roleOf(support.id())).isEmpty();
        mvc.perform(get("/api/v1/me").with(httpBasic(support.email(), TestData.PASSWORD))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/requests").with(httpBasic(support.email(), TestData.PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/staff").with(ADMIN)).andExpect(jsonPath("$[*].id", not(hasItem(support.userId()))));
        mvc.perform(get("/api/v1/staff/" + support.userId()).with(ADMIN)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/staff/" + support.userId()).with(ADMIN)).andExpect(status().isNotFound());
        assertThat(vendorEntries("staff.removed", support.userId())).containsExactly(TestData.ADMIN_EMAIL);
    }

    @Test
    void nobodyChangesOrRemovesTheirOwnStaffRole() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        RequestPostProcessor self = httpBasic(admin.email(), TestData.PASSWORD);

        mvc.perform(delete("/api/v1/staff/" + admin.userId()).with(self))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.reason").value("policy.notYourself"));
        send(patch("/api/v1/staff/" + admin.userId()), self, Map.of("role", "VENDOR_SUPPORT"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.reason").value("policy.notYourself"));
        assertThat(staff.roleOf(admin.id())).contains(StaffRole.VENDOR_ADMIN);
    }

    /** Rolled back at the end: every other vendor admin is demoted for this test only. */
    @Test
    @Transactional
    void theLastVendorAdminCanBeNeitherDemotedNorRemoved() throws Exception {
        AccountView last = data.staff(StaffRole.VENDOR_ADMIN);
        jdbc.sql("update staff_member set role = 'VENDOR_SUPPORT' where role = 'VENDOR_ADMIN' and user_id <> ?")
                .param(last.id().value()).update();
        RequestPostProcessor self = httpBasic(last.email(), TestData.PASSWORD);

        mvc.perform(delete("/api/v1/staff/" + last.userId()).with(self))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.lastVendorAdmin"))
                .andExpect(jsonPath("$.detail").value("The last vendor admin keeps the role: appoint another vendor admin first."));
        send(patch("/api/v1/staff/" + last.userId()), self, Map.of("role", "VENDOR_SUPPORT"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.reason").value("policy.lastVendorAdmin"));
        assertThat(staff.roleOf(last.id())).contains(StaffRole.VENDOR_ADMIN);
    }

    @Test
    void idsOfPeopleWhoAreNotStaffAreNotFound() throws Exception {
        TestMember customer = data.user(data.organizationId());
        for (String id : List.of(customer.id(), UUID.randomUUID().toString(), "nobody")) {
            mvc.perform(get("/api/v1/staff/" + id).with(ADMIN))
                    .andExpect(status().isNotFound()).andExpect(content().string(not(containsString(customer.email()))));
            send(patch("/api/v1/staff/" + id), ADMIN, Map.of("role", "VENDOR_ADMIN")).andExpect(status().isNotFound());
            mvc.perform(delete("/api/v1/staff/" + id).with(ADMIN)).andExpect(status().isNotFound());
        }
        assertThat(staff.roleOf(customer.userId())).isEmpty();
    }

    @Test
    void theApiDescriptionSaysThatAnAddressWithAnAccountIsRefused() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/staff'].post.description",
                        containsString("An email address that already belongs to an account is refused with 409")))
                .andExpect(jsonPath("$.paths['/api/v1/applications/{applicationId}/rights/{rightId}'].patch.summary",
                        containsString("Always needs approval")));
    }

    private ResultActions send(MockHttpServletRequestBuilder request, RequestPostProcessor who, Map<String, Object> body)
            throws Exception {
        return mvc.perform(request.with(who).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
    }

    private static Map<String, Object> person(String firstName, String lastName, String email, String password, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", firstName);
        body.put("lastName", lastName);
        body.put("email", email);
        body.put("password", password);
        body.put("role", role);
        return body;
    }

    /** Who made each entry about this account that belongs to no organization, by their email. */
    private List<String> vendorEntries(String action, String userId) {
        return jdbc.sql("""
                        select a.email from audit_entry e join user_account a on a.id = e.actor_id
                        where e.organization_id is null and e.action = ? and e.target_id = ?""")
                .params(action, userId).query(String.class).list();
    }
}
