package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.access.StaffRole;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Input that used to break a request answers 400 naming the field, on H2 and PostgreSQL alike, and changes nothing. */
@IntegrationTest
class BadInputTest {

    private static final String NAME_100 = "N".repeat(100);

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    private ResultActions api(String actorId, MockHttpServletRequestBuilder request, String json) throws Exception {
        return mvc.perform(request.with(user(actorId)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private ResultActions page(String actorId, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(actorId)).with(csrf()));
    }

    private long auditRows() {
        return jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
    }

    private static String email134() {
        String local = ("p" + System.nanoTime()).concat("x".repeat(60)).substring(0, 60);
        return local + "@" + "d".repeat(60) + ".example.test";
    }

    @Test
    void tokenWithAnEmptyMissingOrTooLongNameAnswers400WithTheSizeInTheMessage() throws Exception {
        TestMember member = data.user(data.organizationId());
        for (String body : new String[] {"{\"name\":\"\"}", "{}", "{\"name\":\"" + "t".repeat(101) + "\"}"}) {
            api(member.id(), post("/api/v1/me/tokens"), body)
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("name"))
                    .andExpect(jsonPath("$.errors[0].message").value("Between 1 and 100 characters."));
        }
    }

    @Test
    void tokenNameSizeIsExplainedInEveryLanguage() throws Exception {
        TestMember member = data.user(data.organizationId());
        mvc.perform(post("/api/v1/me/tokens").with(user(member.id())).with(csrf()).header("Accept-Language", "ja")
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("1 文字以上 100 文字以内で入力してください。"));
    }

    @Test
    void aNullAmongRightsOrSitesAnswers400NamingTheElement() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        long before = auditRows();
        api(manager.id(), post("/api/v1/organizations/{org}/members", org), """
                {"firstName":"A","lastName":"B","email":"nulls-%d@example.test","password":"Blue-Kitchen-Cabinet-7",
                 "role":"USER","rights":[null]}""".formatted(System.nanoTime()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rights[0]"));
        api(manager.id(), post("/api/v1/organizations/{org}/members", org), """
                {"firstName":"A","lastName":"B","email":"nulls-%d@example.test","password":"Blue-Kitchen-Cabinet-7",
                 "role":"USER","sites":["x", null]}""".formatted(System.nanoTime()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sites[1]"));
        api(manager.id(), post("/api/v1/organizations/{org}/invitations", org),
                "{\"emails\":\"someone@example.test\",\"role\":\"USER\",\"rights\":[null]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rights[0]"));
        api(manager.id(), post("/api/v1/organizations/{org}/invitations", org),
                "{\"emails\":\"someone@example.test\",\"role\":\"USER\",\"sites\":[null]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sites[0]"));
        assertThat(auditRows()).isEqualTo(before);
    }

    @Test
    void switchingWithoutAnOrganizationOrDisablingWithANonBooleanIsABadRequestPage() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);
        page(manager.id(), post("/switch"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("organizationId")));
        page(manager.id(), post("/organizations/{org}/users/{user}/disabled", org, person.id()).param("disabled", "maybe"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Nothing was changed")));
        page(manager.id(), get("/organizations/{org}/users/{user}", org, person.id()))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/organizations/{org}/members/{user}", org, person.id()).with(user(manager.id())))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
    }

    @Test
    void aRejectReasonOverTwoThousandCharactersIsA400OnTheReasonAndTheTicketStaysOpen() throws Exception {
        OrganizationId org = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String id = JsonPath.read(api(admin.id(), patch("/api/v1/organizations/{org}/members/{user}", org, person.id()),
                "{\"rights\":[\"Licenses\"]}").andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(),
                "$.requestId");

        api(support.userId(), post("/api/v1/requests/{id}/reject", id), "{\"reason\":\"" + "r".repeat(2001) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(get("/api/v1/requests/{id}", id).with(user(support.userId()))).andExpect(jsonPath("$.status").value("OPEN"));
        api(support.userId(), post("/api/v1/requests/{id}/reject", id), "{\"reason\":\"" + "r".repeat(2000) + "\"}")
                .andExpect(jsonPath("$.status").value("REJECTED"));
    }

    @Test
    void aNulByteOrALoneSurrogateInANameIsRefusedWithItsField() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        long before = auditRows();
        for (String name : new String[] {"Nul\\u0000Byte", "Half\\ud83d", "\\udc00Low", "Tab\\tName", "Bell\\u0007"}) {
            api(manager.id(), post("/api/v1/organizations/{org}/members", org), """
                    {"firstName":"%s","lastName":"B","email":"nul-%d@example.test","password":"Blue-Kitchen-Cabinet-7","role":"USER"}"""
                    .formatted(name, System.nanoTime()))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("firstName"))
                    .andExpect(jsonPath("$.errors[0].message", startsWith("This text holds characters that cannot be stored")));
        }
        api(manager.id(), patch("/api/v1/me"), "{\"lastName\":\"x\\u0000y\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lastName"));
        assertThat(auditRows()).isEqualTo(before);
        api(manager.id(), post("/api/v1/organizations/{org}/members", org), """
                {"firstName":"Émoji 😀","lastName":"B","email":"emoji-%d@example.test","password":"Blue-Kitchen-Cabinet-7","role":"USER"}"""
                .formatted(System.nanoTime()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.firstName").value("Émoji 😀"));
    }

    @Test
    void aNulByteInASearchOrAFormFieldIsRefusedBeforeItReachesTheDatabase() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        mvc.perform(get("/api/v1/organizations/{org}/members", org).param("q", "a\u0000b").with(user(manager.id())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("q"));
        mvc.perform(get("/api/v1/organizations/{org}/members", org).param("q", "\ud800").with(user(manager.id())))
                .andExpect(status().isBadRequest());
        page(manager.id(), get("/organizations/{org}/users", org).param("q", "a\u0000b"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("q: This text holds characters")));
        page(manager.id(), post("/profile").param("firstName", "A\u0000").param("lastName", "B"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void lineBreaksAreKeptInNotesAndCommentsButNotInNames() throws Exception {
        OrganizationId org = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);
        String id = JsonPath.read(api(admin.id(), patch("/api/v1/organizations/{org}/members/{user}", org, person.id()),
                "{\"rights\":[\"Licenses\"],\"note\":\"First line\\r\\nSecond\\tline\"}")
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.requestId");
        api(admin.id(), post("/api/v1/requests/{id}/comments", id), "{\"text\":\"One\\nTwo\"}").andExpect(status().is2xxSuccessful());
        api(admin.id(), post("/api/v1/requests/{id}/comments", id), "{\"text\":\"One\\u0000Two\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        api(admin.id(), patch("/api/v1/me"), "{\"firstName\":\"Line\\nBreak\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("firstName"));
    }

    @Test
    void anAuditDateOutsideTheYearsOneTo9999IsA400() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        for (String from : new String[] {"+300000000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"}) {
            mvc.perform(get("/api/v1/organizations/{org}/audit", org).param("from", from).with(user(manager.id())))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("from"))
                    .andExpect(jsonPath("$.errors[0].message").value("Enter a date between the years 1 and 9999."));
        }
        mvc.perform(get("/api/v1/organizations/{org}/audit", org).param("to", "9999-12-31").with(user(manager.id())))
                .andExpect(status().isOk());
    }

    @Test
    void longestValidNamesAndEmailMakeALabelThatFitsInvitationsRequestsAndTheAudit() throws Exception {
        OrganizationId selfManaged = data.organizationId();
        TestMember root = data.manager(selfManaged);
        String email = email134();
        String created = api(root.id(), post("/api/v1/organizations/{org}/members", selfManaged), """
                {"firstName":"%s","lastName":"%s","email":"%s","password":"Blue-Kitchen-Cabinet-7","role":"MANAGER",
                 "rights":["User Management"]}""".formatted(NAME_100, NAME_100, email))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String longId = JsonPath.read(created, "$.userId");

        // The long-named Manager invites: the invitation and the audit entry carry the 338-character label.
        api(longId, post("/api/v1/organizations/{org}/invitations", selfManaged),
                "{\"emails\":\"label-" + System.nanoTime() + "@example.test\",\"role\":\"USER\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].outcome").value("INVITED"));
        String label = NAME_100 + " " + NAME_100 + " <" + email + ">";
        assertThat(label).hasSize(338);
        assertThat(jdbc.sql("select count(*) from audit_entry where actor_label = ?").param(label).query(Long.class).single())
                .isPositive();

        // A request about the long-named person, raised by someone else in a vendor-managed organization.
        OrganizationId vendorManaged = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        TestMember admin = data.manager(vendorManaged);
        data.join(new TestMember(io.gatehouse.shared.UserId.parse(longId), email, "x", selfManaged, null), vendorManaged,
                io.gatehouse.access.Role.USER);
        api(admin.id(), patch("/api/v1/organizations/{org}/members/{user}", vendorManaged, longId),
                "{\"rights\":[\"Licenses\"]}")
                .andExpect(status().isAccepted());
        assertThat(jdbc.sql("select count(*) from change_request where target_label = ?").param(label).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void organizationAndSiteNamesThatGrowWhenLowerCasedStillFit() throws Exception {
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        String name = "\u0130".repeat(200);
        String org = JsonPath.read(api(admin.userId(), post("/api/v1/organizations"),
                "{\"name\":\"" + name + "\",\"region\":\"EU\",\"managementMode\":\"SELF_MANAGED\"}").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.id");
        api(admin.userId(), post("/api/v1/organizations/{org}/sites", org), "{\"name\":\"" + name + "\"}")
                .andExpect(status().isCreated());
    }

    @Test
    void signingInWithANulByteOrHalfASurrogateIsAWrongPasswordNotAnError() throws Exception {
        mvc.perform(post("/signin").with(csrf()).param("email", "a\u0000b@example.test").param("password", "whatever-it-is"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/signin").with(csrf()).param("email", "\ud800@example.test").param("password", "whatever-it-is"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/v1/me").with(httpBasic("a\u0000b@example.test", "whatever-it-is")))
                .andExpect(status().isUnauthorized());
    }
}
