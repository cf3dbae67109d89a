package io.gatehouse.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
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

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.access.Role;
import io.gatehouse.access.StaffRole;
import io.gatehouse.mail.Mails;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class ChangeRequestApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Mails mails;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aVendorManagedOrganizationsAdminAsksForANewUserAndNothingChangesUntilSupportApproves() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String email = TestData.unique("asked") + "@reseller.test";

        String id = requestId(send(post("/api/v1/organizations/{org}/members", org), admin, Map.of("firstName", "Pia", "lastName", "Berg",
                "email", email, "position", "Sales", "role", "USER", "rights", List.of("Licenses"), "note", "Starts Monday"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.number").isNumber()));

        mvc.perform(get("/api/v1/organizations/{org}/members", org).param("q", email).with(basic(admin)))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/v1/organizations/{org}/requests", org).with(basic(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id))
                .andExpect(jsonPath("$.items[0].type").value("NEW_USER"))
                .andExpect(jsonPath("$.items[0].after.email").value(email))
                .andExpect(jsonPath("$.items[0].note").value("Starts Monday"))
                .andExpect(jsonPath("$.items[0].timeline[0].kind").value("CREATED"));

        act(post("/api/v1/requests/{id}/approve", id), support)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("APPLIED"))
                .andExpect(jsonPath("$.timeline[*].kind").value(contains("CREATED", "APPLIED")))
                .andExpect(jsonPath("$.after.firstName").value("Pia"))
                .andExpect(jsonPath("$.after.email").value(email))
                .andExpect(jsonPath("$.after.status").value("NOTIFIED"));

        mvc.perform(get("/api/v1/organizations/{org}/members", org).param("q", email).with(basic(admin)))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].firstName").value("Pia"))
                .andExpect(jsonPath("$.items[0].lastName").value("Berg"))
                .andExpect(jsonPath("$.items[0].rights[0]").value("Licenses"))
                .andExpect(jsonPath("$.items[0].status").value("NOTIFIED"));
        assertThat(mails.to(email)).hasSize(1);
        Matcher link = Pattern.compile("/invitations/accept\\?token=([A-Za-z0-9_-]{43})")
                .matcher(mails.to(email).get(0).text());
        assertThat(link.find()).isTrue();
        mvc.perform(get("/invitations/accept").param("token", link.group(1)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"Pia\"")))
                .andExpect(content().string(containsString("value=\"Berg\"")));
        assertThat(mails.to(admin.email())).extracting(m -> m.subject()).anySatisfy(s -> assertThat(s).contains("applied"));
        assertThat(data.auditEntries(org, "request.raised")).isEqualTo(1);
        assertThat(data.auditEntries(org, "request.approved")).isEqualTo(1);
    }

    @Test
    void aRightsChangeIsARequestWithItsBeforeAndAfterAndAppliesOnApproval() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("rights", List.of("Showcase 360 Administrator"))).andExpect(status().isAccepted()));

        act(get("/api/v1/requests/{id}", id), admin)
                .andExpect(jsonPath("$.type").value("RIGHTS_CHANGE"))
                .andExpect(jsonPath("$.before.rights").value(contains("Licenses")))
                .andExpect(jsonPath("$.after.rights").value(contains("Showcase 360 Administrator")));
        member(org, admin, person).andExpect(jsonPath("$.rights").value(contains("Licenses")));

        act(post("/api/v1/requests/{id}/assign", id), support).andExpect(jsonPath("$.status").value("IN_PROGRESS"));
        act(post("/api/v1/requests/{id}/approve", id), support).andExpect(jsonPath("$.status").value("APPLIED"));

        member(org, admin, person).andExpect(jsonPath("$.rights").value(contains("Showcase 360 Administrator")));
    }

    @Test
    void askingForTheRightsAlreadyHeldInAnotherOrderIsNoRequest() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses", "Showcase 360 Administrator");

        send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("rights", List.of("Licenses", "Showcase 360 Administrator")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("This request would change nothing."));
        assertThat(jdbc.sql("select count(*) from change_request where organization_id = ?").param(org.value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aDeactivationNeedsAReasonAndBlocksThePersonOnceApproved() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin, Map.of("blocked", true))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("blocked", true, "reason", "Left the company", "note", "Last day Friday")).andExpect(status().isAccepted()));
        member(org, admin, person).andExpect(jsonPath("$.status").value("ACTIVE"));

        act(post("/api/v1/requests/{id}/approve", id), support).andExpect(jsonPath("$.status").value("APPLIED"));

        member(org, admin, person).andExpect(jsonPath("$.status").value("BLOCKED"));
        act(get("/api/v1/requests/{id}", id), admin).andExpect(jsonPath("$.reason").value("Left the company"));
    }

    @Test
    void vendorStaffCallingTheSameEndpointsActDirectly() throws Exception {
        OrganizationId org = vendorManaged();
        data.manager(org);
        TestMember person = data.user(org);

        mvc.perform(patch("/api/v1/organizations/{org}/members/{user}", org, person.id())
                        .with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rights\":[\"Licenses\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rights").value(contains("Licenses")));
    }

    @Test
    void anAdminCannotRemoveSomeoneFromAVendorManagedOrganizationDirectly() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);

        mvc.perform(delete("/api/v1/organizations/{org}/members/{user}", org, person.id()).with(basic(admin)))
                .andExpect(status().isForbidden());
        member(org, admin, person).andExpect(status().isOk());
    }

    @Test
    void rejectingNeedsAReasonAndTheRequesterSeesItAndIsTold() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("rights", List.of("Licenses"))).andExpect(status().isAccepted()));

        act(post("/api/v1/requests/{id}/reject", id).contentType(MediaType.APPLICATION_JSON).content("{}"), support)
                .andExpect(status().isBadRequest());
        act(post("/api/v1/requests/{id}/reject", id).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"No licence left\"}"), support)
                .andExpect(jsonPath("$.status").value("REJECTED"));

        mvc.perform(get("/api/v1/organizations/{org}/requests", org).param("status", "REJECTED").with(basic(admin)))
                .andExpect(jsonPath("$.items[0].timeline[*].text").value(hasItem("No licence left")));
        assertThat(mails.to(admin.email())).extracting(m -> m.text()).anySatisfy(t -> assertThat(t).contains("No licence left"));
        member(org, admin, person).andExpect(jsonPath("$.rights").isEmpty());
        act(post("/api/v1/requests/{id}/approve", id), support).andExpect(status().isConflict());
    }

    @Test
    void theRequesterCommentsAndCancelsWhileOpenButNotOnceDecided() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String first = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("rights", List.of("Licenses"))).andExpect(status().isAccepted()));
        // Someone else's: one person has one rights change open at a time.
        String second = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, data.user(org).id()), admin,
                Map.of("rights", List.of("Showcase 360 Administrator"))).andExpect(status().isAccepted()));

        act(post("/api/v1/requests/{id}/comments", first).contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"Urgent, please\"}"), admin)
                .andExpect(jsonPath("$.timeline[1].kind").value("COMMENTED"))
                .andExpect(jsonPath("$.timeline[1].text").value("Urgent, please"));
        act(post("/api/v1/requests/{id}/cancel", first), admin).andExpect(jsonPath("$.status").value("CANCELLED"));
        act(post("/api/v1/requests/{id}/approve", first), support).andExpect(status().isConflict());

        act(post("/api/v1/requests/{id}/approve", second), support).andExpect(status().isOk());
        act(post("/api/v1/requests/{id}/cancel", second), admin).andExpect(status().isConflict());
    }

    @Test
    void anApprovalThatNoLongerFitsIsShownNotAppliedAndTheTicketStaysOpen() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);
        TestMember gone = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String deactivate = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("blocked", true, "reason", "Left")).andExpect(status().isAccepted()));
        String rights = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, gone.id()), admin,
                Map.of("rights", List.of("Licenses"))).andExpect(status().isAccepted()));
        // Meanwhile the vendor admin blocked the first and removed the second directly.
        mvc.perform(patch("/api/v1/organizations/{org}/members/{user}", org, person.id())
                .with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"blocked\":true}")).andExpect(status().isOk());
        mvc.perform(delete("/api/v1/organizations/{org}/members/{user}", org, gone.id())
                .with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))).andExpect(status().isNoContent());

        act(post("/api/v1/requests/{id}/approve", deactivate), support)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("This person is already deactivated here: nothing to apply."));
        act(post("/api/v1/requests/{id}/approve", rights), support)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The person is no longer a member of this organization: nothing to apply."));

        act(get("/api/v1/requests/{id}", deactivate), support)
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.timeline[*].kind").value(contains("CREATED", "CONFLICT")));
        assertThat(data.auditEntries(org, "request.approved")).isZero();
    }

    @Test
    void twoApproversAtOnceApplyTheChangeExactlyOnce() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);
        List<AccountView> approvers = List.of(data.staff(StaffRole.VENDOR_SUPPORT), data.staff(StaffRole.VENDOR_SUPPORT),
                data.staff(StaffRole.VENDOR_SUPPORT), data.staff(StaffRole.VENDOR_ADMIN));
        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("blocked", true, "reason", "Contract ended")).andExpect(status().isAccepted()));

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(approvers.size());
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (AccountView approver : approvers) {
                calls.add(() -> {
                    start.await();
                    return mvc.perform(post("/api/v1/requests/{id}/approve", id)
                            .with(httpBasic(approver.email(), TestData.PASSWORD))).andReturn().getResponse().getStatus();
                });
            }
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(data.auditEntries(org, "request.approved")).isEqualTo(1);
        assertThat(data.auditEntries(org, "member.blocked")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from change_request_event where request_id = ? and kind = 'APPLIED'")
                .param(UUID.fromString(id)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSecondOpenRequestOfTheSameKindForTheSamePersonIs409NamingTheOpenOne() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String first = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("blocked", true, "reason", "Left the company")).andExpect(status().isAccepted()));
        long number = ((Number) JsonPath.read(act(get("/api/v1/requests/{id}", first), admin).andReturn().getResponse()
                .getContentAsString(), "$.number")).longValue();
        // Taken on by the vendor, it is still to decide.
        act(post("/api/v1/requests/{id}/assign", first), support).andExpect(status().isOk());

        send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()).header("Accept-Language", "fr"), admin,
                Map.of("blocked", true, "reason", "Parti"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.requestId").value(first))
                .andExpect(jsonPath("$.requestNumber").value(number))
                .andExpect(jsonPath("$.detail").value(containsString("ticket n° " + number + " est encore à décider")));

        // Another kind of request, or the same for someone else, is no duplicate.
        send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("rights", List.of("Licenses", "User Management"))).andExpect(status().isAccepted());
        send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("rights", List.of("User Management"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("A rights change for this person is already requested")));
        send(patch("/api/v1/organizations/{org}/members/{user}", org, data.user(org).id()), admin,
                Map.of("blocked", true, "reason", "Left too")).andExpect(status().isAccepted());
        assertThat(jdbc.sql("select count(*) from change_request where organization_id = ?").param(org.value())
                .query(Long.class).single()).isEqualTo(3);

        // Once decided, it may be asked again.
        send(post("/api/v1/requests/{id}/reject", first), support, Map.of("reason", "Not yet")).andExpect(status().isOk());
        send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("blocked", true, "reason", "Left the company")).andExpect(status().isAccepted());
    }

    @Test
    void identicalRequestsSentAtOnceRaiseOneTicket() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        for (int round = 0; round < 3; round++) {
            TestMember person = data.user(org, "Licenses");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                                Map.of("blocked", true, "reason", "Left the company")).andReturn().getResponse().getStatus();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> result : results) {
                    statuses.add(result.get());
                }
                assertThat(statuses).as("round " + round).containsOnlyOnce(202).containsOnly(202, 409);
            } finally {
                pool.shutdownNow();
            }
            assertThat(jdbc.sql("select count(*) from change_request where target_user_id = ? and type = 'DEACTIVATION'")
                    .param(person.userId().value()).query(Long.class).single()).as("round " + round).isEqualTo(1);
        }
    }

    @Test
    void aRightTheVendorApprovesItselfNeedsARequestEvenInASelfManagedOrganization() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);
        String right = TestData.unique("Approved Right");
        jdbc.sql("""
                insert into access_right (id, application_id, name, position, needs_approval)
                values (?, '00000000-0000-0000-0000-00000000a001', ?, 99, true)""").params(UUID.randomUUID(), right).update();

        send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), manager, Map.of("rights", List.of(right)))
                .andExpect(status().isAccepted());
        send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), manager, Map.of("rights", List.of("Licenses")))
                .andExpect(status().isOk());
        member(org, manager, person).andExpect(jsonPath("$.rights").value(not(hasItem(right))));
    }

    @Test
    void externallyManagedRightsAreNeverRequestable() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);

        send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin, Map.of("rights", List.of("Contacts Editor")))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from change_request where organization_id = ?").param(org.value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void theQueueIsForVendorStaffAndFiltersByStatusOrganizationAndType() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String id = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", org, person.id()), admin,
                Map.of("blocked", true, "reason", "Gone")).andExpect(status().isAccepted()));

        act(get("/api/v1/requests"), admin).andExpect(status().isForbidden());
        act(get("/api/v1/requests").param("org", org.toString()).param("status", "OPEN").param("type", "DEACTIVATION"), support)
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(id))
                .andExpect(jsonPath("$.items[0].organizationName").isString());
        act(get("/api/v1/requests").param("org", org.toString()).param("type", "NEW_USER"), support).andExpect(jsonPath("$.total").value(0));
        act(get("/api/v1/requests").param("org", org.toString()).param("olderThanDays", "1"), support).andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void anotherOrganizationsRequestsAreNotFound() throws Exception {
        OrganizationId org = vendorManaged();
        OrganizationId other = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember otherAdmin = data.manager(other);
        TestMember otherPerson = data.user(other);
        String theirs = requestId(send(patch("/api/v1/organizations/{org}/members/{user}", other, otherPerson.id()), otherAdmin,
                Map.of("blocked", true, "reason", "Secret reason")).andExpect(status().isAccepted()));

        for (MockHttpServletRequestBuilder request : List.of(get("/api/v1/requests/{id}", theirs),
                post("/api/v1/requests/{id}/cancel", theirs),
                post("/api/v1/requests/{id}/comments", theirs).contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\"}"),
                get("/api/v1/organizations/{org}/requests", other),
                patch("/api/v1/organizations/{org}/members/{user}", org, otherPerson.id()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"blocked\":true,\"reason\":\"x\"}"))) {
            act(request, admin)
                    .andExpect(status().isNotFound())
                    .andExpect(content().string(not(containsString("Secret reason"))));
        }
        act(get("/api/v1/requests/{id}", theirs), otherAdmin).andExpect(jsonPath("$.status").value("OPEN"));
    }

    private OrganizationId vendorManaged() {
        return OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
    }

    private ResultActions send(MockHttpServletRequestBuilder request, TestMember who, Map<String, Object> body) throws Exception {
        return mvc.perform(request.with(basic(who)).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
    }

    private ResultActions send(MockHttpServletRequestBuilder request, AccountView staff, Map<String, Object> body) throws Exception {
        return mvc.perform(request.with(httpBasic(staff.email(), TestData.PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body)));
    }

    private ResultActions act(MockHttpServletRequestBuilder request, TestMember who) throws Exception {
        return mvc.perform(request.with(basic(who)));
    }

    private ResultActions act(MockHttpServletRequestBuilder request, AccountView staff) throws Exception {
        return mvc.perform(request.with(httpBasic(staff.email(), TestData.PASSWORD)));
    }

    private ResultActions member(OrganizationId org, TestMember who, TestMember person) throws Exception {
        return mvc.perform(get("/api/v1/organizations/{org}/members/{user}", org, person.id()).with(basic(who)));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor basic(TestMember who) {
        return httpBasic(who.email(), who.password());
    }

    private static String requestId(ResultActions accepted) throws Exception {
        return JsonPath.read(accepted.andReturn().getResponse().getContentAsString(), "$.requestId");
    }
}
