package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
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
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class AuditApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Test
    void changeIsRecordedWithActorTargetBeforeAfterAndClientAddress() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org);

        mvc.perform(as(manager, patch("/api/v1/organizations/{org}/members/{user}", org, member.id()))
                        .with(remoteAddress("203.0.113.77"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"role\":\"OPERATOR\",\"rights\":[\"Licenses\"]}"))
                .andExpect(status().isOk());

        audit(manager, org, Map.of("action", "member.changed"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").isString())
                .andExpect(jsonPath("$.items[0].occurredAt").isString())
                .andExpect(jsonPath("$.items[0].actorId").value(manager.id()))
                .andExpect(jsonPath("$.items[0].actor", containsString(manager.email())))
                .andExpect(jsonPath("$.items[0].organizationId").value(org.toString()))
                .andExpect(jsonPath("$.items[0].action").value("member.changed"))
                .andExpect(jsonPath("$.items[0].targetType").value("member"))
                .andExpect(jsonPath("$.items[0].targetId").value(member.id()))
                .andExpect(jsonPath("$.items[0].before.role").value("USER"))
                .andExpect(jsonPath("$.items[0].before.rights").value(empty()))
                .andExpect(jsonPath("$.items[0].after.role").value("OPERATOR"))
                .andExpect(jsonPath("$.items[0].after.rights").value(contains("Licenses")))
                .andExpect(jsonPath("$.items[0].clientAddress").value("203.0.113.77"));
    }

    @Test
    void creationHasNoBeforeAndRemovalNoAfter() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String body = mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"firstName":"Audra","lastName":"Trail","email":"%s@mail.test","password":"Velvet-Canyon-Orbit-23","role":"USER"}"""
                                .formatted(TestData.unique("audra").toLowerCase())))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String userId = JsonPath.read(body, "$.userId");
        mvc.perform(as(manager, delete("/api/v1/organizations/{org}/members/{user}", org, userId)))
                .andExpect(status().isNoContent());

        audit(manager, org, Map.of("action", "member.added", "actor", manager.id()))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].targetId").value(userId))
                .andExpect(jsonPath("$.items[0].before").doesNotExist())
                .andExpect(jsonPath("$.items[0].after.role").value("USER"));
        audit(manager, org, Map.of("action", "member.removed"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].before.role").value("USER"))
                .andExpect(jsonPath("$.items[0].after").doesNotExist());
        // The account's own creation belongs to no organization; nor does its password show anywhere.
        audit(manager, org, Map.of("action", "user.created")).andExpect(jsonPath("$.total").value(0));
        assertThat(audit(manager, org, Map.of("size", "200")).andReturn().getResponse().getContentAsString())
                .doesNotContain("Velvet-Canyon-Orbit-23", "argon2");
    }

    @Test
    void filtersByActorActionAndTime() throws Exception {
        OrganizationView created = data.organization();
        OrganizationId org = OrganizationId.parse(created.id());
        TestMember manager = data.manager(org);
        data.user(org);
        String adminId = JsonPath.read(mvc.perform(asAdmin(get("/api/v1/me"))).andReturn().getResponse().getContentAsString(),
                "$.userId");

        Instant beforeRename = pause();
        mvc.perform(as(manager, patch("/api/v1/organizations/{org}", org))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + TestData.unique("Audited") + "\"}"))
                .andExpect(status().isOk());
        Instant between = pause();
        mvc.perform(asAdmin(post("/api/v1/organizations/{org}/sites", org))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Depot\"}"))
                .andExpect(status().isCreated());
        Instant after = pause();

        // Three entries came first (organization.created, member.added twice), then the rename, then the site.
        audit(manager, org, Map.of()).andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.items[0].action").value("site.created"))
                .andExpect(jsonPath("$.items[1].action").value("organization.updated"));
        audit(manager, org, Map.of("actor", manager.id()))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].action").value("organization.updated"));
        audit(manager, org, Map.of("actor", adminId))
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.items[*].actorId", everyItem(is(adminId))));
        audit(manager, org, Map.of("actor", adminId, "action", "member.added"))
                .andExpect(jsonPath("$.total").value(2));
        audit(manager, org, Map.of("action", "site.created"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].after.name").value("Depot"));
        audit(manager, org, Map.of("from", beforeRename.toString()))
                .andExpect(jsonPath("$.total").value(2));
        audit(manager, org, Map.of("from", between.toString()))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].action").value("site.created"));
        audit(manager, org, Map.of("to", between.toString()))
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.items[*].action", hasItem("organization.created")));
        audit(manager, org, Map.of("from", beforeRename.toString(), "to", between.toString()))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].action").value("organization.updated"));
        audit(manager, org, Map.of("from", after.toString())).andExpect(jsonPath("$.total").value(0));

        // Dates alone count from midnight UTC.
        LocalDate today = LocalDate.ofInstant(after, ZoneOffset.UTC);
        audit(manager, org, Map.of("from", today.toString())).andExpect(jsonPath("$.total").value(5));
        audit(manager, org, Map.of("to", today.minusDays(1).toString())).andExpect(jsonPath("$.total").value(0));

        audit(manager, org, Map.of("size", "2", "page", "1"))
                .andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.items.length()").value(2));
    }

    @Test
    void malformedFiltersAreFieldErrors() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        audit(manager, org, Map.of("from", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        audit(manager, org, Map.of("to", "31/01/2026"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
        audit(manager, org, Map.of("actor", "somebody"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("actor"));
    }

    @Test
    void membersWithoutTheManagerRoleCannotReadTheAudit() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember user = data.user(org, "Licenses");
        TestMember userManager = data.userManager(org);
        TestMember contributor = data.member(org, Role.CONTRIBUTOR, List.of(), "User Management");

        for (TestMember member : List.of(user, userManager, contributor)) {
            audit(member, org, Map.of())
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.reason").value("policy.managerOnly"));
        }
        audit(manager, org, Map.of()).andExpect(status().isOk());
    }

    @Test
    void blockedManagerCannotReadTheAudit() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember other = data.manager(org);
        mvc.perform(as(manager, patch("/api/v1/organizations/{org}/members/{user}", org, other.id()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"blocked\":true}"))
                .andExpect(status().isOk());

        audit(other, org, Map.of())
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.membershipBlocked"));
    }

    @Test
    void vendorStaffReadTheAuditOfAnyOrganization() throws Exception {
        OrganizationView created = data.organization();
        OrganizationId org = OrganizationId.parse(created.id());
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        mvc.perform(asAdmin(get("/api/v1/organizations/{org}/audit", org)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].action").value("organization.created"))
                .andExpect(jsonPath("$.items[0].after.name").value(created.name()))
                .andExpect(jsonPath("$.items[0].after.region").value("EU"));
        mvc.perform(get("/api/v1/organizations/{org}/audit", org).with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void accountChangeIsRecordedInEveryOrganizationOfThePerson() throws Exception {
        OrganizationId first = data.organizationId();
        OrganizationId second = data.organizationId();
        TestMember person = data.join(data.user(first), second, Role.USER);

        mvc.perform(asAdmin(patch("/api/v1/users/{id}", person.id()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"position\":\"Auditor\"}"))
                .andExpect(status().isOk());

        for (OrganizationId org : List.of(first, second)) {
            mvc.perform(asAdmin(get("/api/v1/organizations/{org}/audit", org)).param("action", "user.updated"))
                    .andExpect(jsonPath("$.total").value(1))
                    .andExpect(jsonPath("$.items[0].targetType").value("user"))
                    .andExpect(jsonPath("$.items[0].targetId").value(person.id()))
                    .andExpect(jsonPath("$.items[0].before.position").doesNotExist())
                    .andExpect(jsonPath("$.items[0].after.position").value("Auditor"));
        }
    }

    @Test
    void refusedOrInvalidChangesWriteNoEntry() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember userManager = data.userManager(org);
        TestMember member = data.user(org);
        int before = JsonPath.read(audit(manager, org, Map.of()).andReturn().getResponse().getContentAsString(), "$.total");

        mvc.perform(as(userManager, patch("/api/v1/organizations/{org}/members/{user}", org, member.id()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"MANAGER\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(as(manager, patch("/api/v1/organizations/{org}/members/{user}", org, member.id()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rights\":[\"Licenses\",\"No Such Right\"]}"))
                .andExpect(status().isBadRequest());
        mvc.perform(as(manager, patch("/api/v1/organizations/{org}", org))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"region\":\"US\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(as(manager, patch("/api/v1/users/{id}", member.id()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"not an email\"}"))
                .andExpect(status().isBadRequest());
        // A change to nothing is not a change.
        mvc.perform(as(manager, patch("/api/v1/organizations/{org}/members/{user}", org, member.id()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\":\"USER\",\"rights\":[]}"))
                .andExpect(status().isOk());

        audit(manager, org, Map.of()).andExpect(jsonPath("$.total").value(before));
    }

    private ResultActions audit(TestMember actor, OrganizationId org, Map<String, String> params) throws Exception {
        MockHttpServletRequestBuilder request = as(actor, get("/api/v1/organizations/{org}/audit", org));
        params.forEach(request::param);
        return mvc.perform(request);
    }

    /** A clear gap in time on either side of the returned instant, so entries fall plainly before or after it. */
    private static Instant pause() throws InterruptedException {
        Thread.sleep(30);
        Instant now = Instant.now();
        Thread.sleep(30);
        return now;
    }

    private static RequestPostProcessor remoteAddress(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static MockHttpServletRequestBuilder as(TestMember member, MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(member.email(), member.password()));
    }

    private static MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD));
    }
}
