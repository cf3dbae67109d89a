package io.gatehouse.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.access.MembershipStatus;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.access.Staff;
import io.gatehouse.access.StaffRole;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * A request is no way around the policy: it may only ask for what its requester could do
 * themselves if the organization were self-managed, and it is applied only while they still could.
 * A refused request answers 403 with the policy's reason, writes no ticket and changes nothing.
 */
@IntegrationTest
class RequestGrantRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RequestPostProcessor ADMIN = httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
    private static final String SHOWCASE = "Showcase 360 Administrator";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Memberships memberships;

    @Autowired
    Staff staff;

    @Autowired
    JdbcClient jdbc;

    // ---- raising: each attack is refused, with no ticket and no change

    @Test
    void aUserManagementHolderCannotRequestTheManagerRoleForThemselves() throws Exception {
        OrganizationId org = vendorManaged();
        data.manager(org);
        TestMember holder = data.userManager(org);

        send(patch("/api/v1/organizations/{org}/members/{user}", org, holder.id()), basic(holder), Map.of("role", "MANAGER"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.noSelfEscalation"))
                .andExpect(jsonPath("$.detail").value("You cannot raise your own access: another administrator or the vendor decides that."));

        assertThat(tickets(org)).isZero();
        assertThat(memberships.get(org, holder.userId()).role()).isEqualTo(Role.USER);
    }

    @Test
    void aUserManagementHolderCannotRequestARightTheyDoNotHold() throws Exception {
        OrganizationId org = vendorManaged();
        data.manager(org);
        TestMember holder = data.userManager(org);
        TestMember colleague = data.user(org);

        send(patch("/api/v1/organizations/{org}/members/{user}", org, colleague.id()), basic(holder), Map.of("rights", List.of(SHOWCASE)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.rightNotHeld"));
        send(patch("/api/v1/organizations/{org}/members/{user}", org, holder.id()), basic(holder),
                Map.of("rights", List.of("User Management", SHOWCASE)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.noSelfEscalation"));

        assertThat(tickets(org)).isZero();
        assertThat(memberships.get(org, colleague.userId()).rights()).isEmpty();
        assertThat(memberships.get(org, holder.userId()).rights()).containsExactly("User Management");
    }

    @Test
    void aUserManagementHolderCannotRequestTheManagersDeactivation() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember manager = data.manager(org);
        TestMember holder = data.userManager(org);

        send(patch("/api/v1/organizations/{org}/members/{user}", org, manager.id()), basic(holder),
                Map.of("blocked", true, "reason", "Let me run this place"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.managerOnly"));

        assertThat(tickets(org)).isZero();
        assertThat(memberships.get(org, manager.userId()).status()).isEqualTo(MembershipStatus.ACTIVE);
    }

    @Test
    void aUserManagementHolderCannotRequestANewManager() throws Exception {
        OrganizationId org = vendorManaged();
        data.manager(org);
        TestMember holder = data.userManager(org);
        String email = TestData.unique("accomplice") + "@reseller.test";

        send(post("/api/v1/organizations/{org}/members", org), basic(holder), Map.of("firstName", "Ac", "lastName", "Complice",
                "email", email, "role", "MANAGER"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.roleAboveOwn"));

        assertThat(tickets(org)).isZero();
        assertThat(jdbc.sql("select count(*) from user_account where email = ?").param(email).query(Long.class).single()).isZero();
    }

    @Test
    void inASelfManagedOrganizationARightThatNeedsApprovalDoesNotTurnAForbiddenChangeIntoATicket() throws Exception {
        OrganizationId org = data.organizationId();
        data.manager(org);
        String approved = approvedRight();
        TestMember holder = data.userManager(org);
        TestMember colleague = data.user(org);

        // Without the right, a User Management holder may not make anyone Manager: 403, not a ticket.
        send(patch("/api/v1/organizations/{org}/members/{user}", org, colleague.id()), basic(holder),
                Map.of("role", "MANAGER", "rights", List.of(approved)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.roleAboveOwn"));
        send(patch("/api/v1/organizations/{org}/members/{user}", org, colleague.id()), basic(holder),
                Map.of("rights", List.of(approved)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.rightNotHeld"));

        assertThat(tickets(org)).isZero();
        assertThat(memberships.get(org, colleague.userId()).role()).isEqualTo(Role.USER);
    }

    @Test
    void inASelfManagedOrganizationAHolderOfARightThatNeedsApprovalStillRequestsItForAColleague() throws Exception {
        OrganizationId org = data.organizationId();
        data.manager(org);
        String approved = approvedRight();
        TestMember holder = data.userManager(org, approved);
        TestMember colleague = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, colleague.id()), basic(holder),
                Map.of("rights", List.of(approved))).andExpect(status().isAccepted()));
        mvc.perform(post("/api/v1/requests/{id}/approve", id).with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("APPLIED"));

        assertThat(memberships.get(org, colleague.userId()).rights()).containsExactly(approved);
    }

    @Test
    void theTeamTableFormsRefuseWhatTheRequesterMayNotDoAndShowWhy() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember manager = data.manager(org);
        TestMember holder = data.userManager(org);
        TestMember colleague = data.user(org);

        String deactivation = portal(holder, post("/organizations/{org}/users/{user}/request-deactivation", org, manager.id())
                .param("reason", "Let me run this place"))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
        assertThat(deactivation).contains("Only a Manager of this organization can do this.");

        String rights = portal(holder, post("/organizations/{org}/users/{user}/request-rights", org, colleague.id())
                .param("application", "Showcase 360").param("rights", SHOWCASE))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
        assertThat(rights).contains("You can only grant or remove access rights that you hold yourself.");

        String ownRights = portal(holder, post("/organizations/{org}/users/{user}/request-rights", org, holder.id())
                .param("application", "Showcase 360").param("rights", SHOWCASE))
                .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
        assertThat(ownRights).contains("You cannot raise your own access: another administrator or the vendor decides that.");

        String newManager = portal(holder, post("/organizations/{org}/users/new", org).param("firstName", "Ac")
                .param("lastName", "Complice").param("email", TestData.unique("accomplice") + "@reseller.test")
                .param("role", "MANAGER"))
                .andReturn().getResponse().getContentAsString();
        assertThat(newManager).contains("You cannot give a role above your own.");

        String ownRole = portal(holder, post("/organizations/{org}/users/{user}/memberships/{member}/role", org, holder.id(), org)
                .param("role", "MANAGER"))
                .andReturn().getFlashMap().get("flashError").toString();
        assertThat(ownRole).isEqualTo("You cannot raise your own access: another administrator or the vendor decides that.");

        assertThat(tickets(org)).isZero();
        assertThat(memberships.get(org, manager.userId()).status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(memberships.get(org, holder.userId()).role()).isEqualTo(Role.USER);
        assertThat(memberships.get(org, colleague.userId()).rights()).isEmpty();
    }

    // ---- a legitimate request still goes through

    @Test
    void aUserManagementHolderRequestsARightTheyHoldAndItAppliesOnApproval() throws Exception {
        OrganizationId org = vendorManaged();
        data.manager(org);
        TestMember holder = data.userManager(org, "Licenses");
        TestMember colleague = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, colleague.id()), basic(holder),
                Map.of("rights", List.of("Licenses"))).andExpect(status().isAccepted()));
        assertThat(memberships.get(org, colleague.userId()).rights()).isEmpty();

        mvc.perform(post("/api/v1/requests/{id}/approve", id).with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPLIED"));
        assertThat(memberships.get(org, colleague.userId()).rights()).containsExactly("Licenses");
        assertThat(data.auditEntries(org, "request.approved")).isEqualTo(1);
    }

    // ---- approving: the requester as they are today

    @Test
    void anApprovalAfterTheRequesterLostUserManagementIsRefusedWithTheReasonAndAppliesNothing() throws Exception {
        OrganizationId org = vendorManaged();
        data.manager(org);
        TestMember holder = data.userManager(org, "Licenses");
        TestMember colleague = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, colleague.id()), basic(holder),
                Map.of("rights", List.of("Licenses"))).andExpect(status().isAccepted()));

        send(patch("/api/v1/organizations/{org}/members/{user}", org, holder.id()), ADMIN, Map.of("rights", List.of("Licenses")))
                .andExpect(status().isOk());

        mvc.perform(post("/api/v1/requests/{id}/approve", id).with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The requester may no longer make this change themselves; they would be told: "
                        + "“You need the User Management right in this organization.”"));

        assertRefusedAndUnchanged(org, id, colleague);
    }

    @Test
    void anApprovalAfterTheRequesterLostTheRightTheyAskedToGrantIsRefusedAndAppliesNothing() throws Exception {
        OrganizationId org = vendorManaged();
        data.manager(org);
        TestMember holder = data.userManager(org, "Licenses");
        TestMember colleague = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, colleague.id()), basic(holder),
                Map.of("rights", List.of("Licenses"))).andExpect(status().isAccepted()));

        send(patch("/api/v1/organizations/{org}/members/{user}", org, holder.id()), ADMIN, Map.of("rights", List.of("User Management")))
                .andExpect(status().isOk());

        // The support queue's page says why, and the ticket's timeline keeps it.
        String flash = mvc.perform(post("/requests/{id}/approve", id).param("confirmed", "true").with(user(support.id().toString())).with(csrf()))
                .andReturn().getFlashMap().get("flashError").toString();
        assertThat(flash).isEqualTo("Not applied, nothing was changed: The requester may no longer make this change themselves; "
                + "they would be told: “You can only grant or remove access rights that you hold yourself.”");

        assertRefusedAndUnchanged(org, id, colleague);
    }

    @Test
    void anApprovalAfterTheRequesterLeftTheOrganizationIsRefused() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember manager = data.manager(org);
        data.manager(org);
        TestMember colleague = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, colleague.id()), basic(manager),
                Map.of("rights", List.of("Licenses"))).andExpect(status().isAccepted()));

        mvc.perform(delete("/api/v1/organizations/{org}/members/{user}", org, manager.id()).with(ADMIN))
                .andExpect(status().isNoContent());

        mvc.perform(post("/api/v1/requests/{id}/approve", id).with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The requester may no longer make this change themselves; they would be told: "
                        + "“You are not a member of this organization.”"));
        assertRefusedAndUnchanged(org, id, colleague);
    }

    @Test
    void anApprovalAfterTheRequestersAccountWasDisabledIsRefused() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember manager = data.manager(org);
        data.manager(org);
        TestMember colleague = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, colleague.id()), basic(manager),
                Map.of("rights", List.of("Licenses"))).andExpect(status().isAccepted()));

        send(patch("/api/v1/users/{user}", manager.id()), ADMIN, Map.of("disabled", true)).andExpect(status().isOk());

        mvc.perform(post("/api/v1/requests/{id}/approve", id).with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The requester may no longer make this change themselves; they would be told: "
                        + "“Your account is closed or disabled.”"));
        assertRefusedAndUnchanged(org, id, colleague);
    }

    @Test
    void aRequesterWhoJoinedTheVendorsStaffCannotApproveTheirOwnRequest() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember manager = data.manager(org);
        data.manager(org);
        TestMember colleague = data.user(org);
        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, colleague.id()), basic(manager),
                Map.of("rights", List.of("Licenses"))).andExpect(status().isAccepted()));
        staff.appoint(manager.userId(), StaffRole.VENDOR_SUPPORT);

        mvc.perform(post("/api/v1/requests/{id}/approve", id).with(basic(manager)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.notOwnRequest"));

        mvc.perform(get("/api/v1/requests/{id}", id).with(ADMIN)).andExpect(jsonPath("$.status").value("OPEN"));
        assertThat(memberships.get(org, colleague.userId()).rights()).isEmpty();
        assertThat(data.auditEntries(org, "request.approved")).isZero();
    }

    // ---- helpers

    private void assertRefusedAndUnchanged(OrganizationId org, String id, TestMember colleague) throws Exception {
        mvc.perform(get("/api/v1/requests/{id}", id).with(ADMIN))
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.timeline[*].kind").value(contains("CREATED", "CONFLICT")));
        assertThat(memberships.get(org, colleague.userId()).rights()).isEmpty();
        assertThat(data.auditEntries(org, "request.approved")).isZero();
        assertThat(jdbc.sql("select count(*) from audit_entry where organization_id = ? and target_id = ? and action <> 'member.added'")
                .params(org.value(), colleague.id()).query(Long.class).single()).as("changes audited for the person").isZero();
    }

    /** A right of the catalogue the vendor approves itself, of an application of this test's own. */
    private String approvedRight() {
        String name = TestData.unique("Approved Right");
        jdbc.sql("""
                insert into access_right (id, application_id, name, position, needs_approval)
                values (?, '00000000-0000-0000-0000-00000000a001', ?, 99, true)""").params(UUID.randomUUID(), name).update();
        return name;
    }

    private OrganizationId vendorManaged() {
        return OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
    }

    private long tickets(OrganizationId org) {
        return jdbc.sql("select count(*) from change_request where organization_id = ?").param(org.value()).query(Long.class).single();
    }

    private ResultActions send(MockHttpServletRequestBuilder request, RequestPostProcessor who, Map<String, Object> body)
            throws Exception {
        return mvc.perform(request.with(who).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
    }

    private ResultActions portal(TestMember who, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(who.id())).with(csrf()));
    }

    private static RequestPostProcessor basic(TestMember who) {
        return httpBasic(who.email(), who.password());
    }

    private static String requestId(ResultActions accepted) throws Exception {
        return JsonPath.read(accepted.andReturn().getResponse().getContentAsString(), "$.requestId");
    }
}
