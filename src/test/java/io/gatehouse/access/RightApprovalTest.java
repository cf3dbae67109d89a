package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * "Always needs approval": the vendor admin marks a right, and from then on an organization
 * admin's grant or withdrawal of it becomes a request, even in a self-managed organization. Each
 * test marks only rights of an application of its own: the catalogue is shared.
 */
@IntegrationTest
class RightApprovalTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RequestPostProcessor ADMIN = httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Catalog catalog;

    @Autowired
    CatalogAdmin catalogAdmin;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRightMarkedThroughTheApiMakesAManagersGrantAndWithdrawalRequestsInASelfManagedOrganization() throws Exception {
        UUID application = application();
        CatalogRight right = right(application);
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        send(patch("/api/v1/applications/{a}/rights/{r}", application, right.id()), ADMIN, Map.of("needsApproval", true))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(right.id().toString()))
                .andExpect(jsonPath("$.name").value(right.name()))
                .andExpect(jsonPath("$.needsApproval").value(true));
        mvc.perform(get("/api/v1/applications").with(httpBasic(manager.email(), manager.password())))
                .andExpect(jsonPath("$[*].rights[?(@.name == '" + right.name() + "')].needsApproval").value(true));

        String grant = com.jayway.jsonpath.JsonPath.read(send(patch("/api/v1/organizations/{o}/members/{u}", org, person.id()),
                httpBasic(manager.email(), manager.password()), Map.of("rights", List.of(right.name())))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.requestId");
        assertThat(data.actor(person.userId()).in(org).orElseThrow().rights()).doesNotContain(right.name());

        // The vendor grants it itself; the Manager's withdrawal then becomes a request too, once the first is withdrawn:
        // one rights change per person waits at a time.
        send(patch("/api/v1/organizations/{o}/members/{u}", org, person.id()), ADMIN, Map.of("rights", List.of(right.name())))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/requests/{id}/cancel", grant).with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isOk());
        send(patch("/api/v1/organizations/{o}/members/{u}", org, person.id()), httpBasic(manager.email(), manager.password()),
                Map.of("rights", List.of()))
                .andExpect(status().isAccepted());
        assertThat(data.actor(person.userId()).in(org).orElseThrow().rights()).contains(right.name());

        send(patch("/api/v1/applications/{a}/rights/{r}", application, right.id()), ADMIN, Map.of("needsApproval", false))
                .andExpect(status().isOk()).andExpect(jsonPath("$.needsApproval").value(false));
        send(patch("/api/v1/organizations/{o}/members/{u}", org, person.id()), httpBasic(manager.email(), manager.password()),
                Map.of("rights", List.of()))
                .andExpect(status().isOk());
        assertThat(entries("catalog.rightUpdated", right.id())).isEqualTo(2);
    }

    @Test
    void onlyTheVendorAdminMarksARightAndUnknownRightsAreNotFound() throws Exception {
        UUID application = application();
        CatalogRight right = right(application);
        TestMember manager = data.manager(data.organizationId());
        String support = data.staff(StaffRole.VENDOR_SUPPORT).email();

        for (RequestPostProcessor refused : List.of(httpBasic(manager.email(), manager.password()),
                httpBasic(support, TestData.PASSWORD))) {
            send(patch("/api/v1/applications/{a}/rights/{r}", application, right.id()), refused, Map.of("needsApproval", true))
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.reason").value("policy.vendorAdminOnly"));
        }
        UUID otherApplication = application();
        send(patch("/api/v1/applications/{a}/rights/{r}", otherApplication, right.id()), ADMIN, Map.of("needsApproval", true))
                .andExpect(status().isNotFound());
        send(patch("/api/v1/applications/{a}/rights/{r}", application, UUID.randomUUID()), ADMIN, Map.of("needsApproval", true))
                .andExpect(status().isNotFound());
        send(patch("/api/v1/applications/{a}/rights/{r}", application, "nonsense"), ADMIN, Map.of("needsApproval", true))
                .andExpect(status().isNotFound());
        send(patch("/api/v1/applications/{a}/rights/{r}", application, right.id()), ADMIN, Map.of())
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("needsApproval"));

        assertThat(rightById(right.id()).needsApproval()).isFalse();
        assertThat(entries("catalog.rightUpdated", right.id())).isZero();
    }

    @Test
    void theApplicationsPageTicksAndUnticksAlwaysNeedsApprovalPerRight() throws Exception {
        UUID application = application();
        UUID first = catalogAdmin.addRight(data.admin(), application, TestData.unique("Approved Editor"));
        UUID second = catalogAdmin.addRight(data.admin(), application, TestData.unique("Plain Viewer"));

        mvc.perform(asAdmin(post("/admin/applications/" + application + "/approval")).with(csrf())
                        .param("needsApproval", first.toString()))
                .andExpect(redirectedUrl("/admin/applications#app-" + application))
                .andExpect(flash().attribute("flash", "staff.approval.saved"));
        assertThat(needsApproval(application)).containsExactly(Map.entry(first, true), Map.entry(second, false));

        String page = mvc.perform(asAdmin(get("/admin/applications"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<th scope=\"col\">Always needs approval</th>",
                "<label class=\"check approval-check\" for=\"approval-" + first + "\">",
                "<span class=\"visually-hidden\">Always needs approval: ", "id=\"approval-form-" + application + "\"");
        assertThat(input(page, first)).contains("checked=\"checked\"", "form=\"approval-form-" + application + "\"");
        assertThat(input(page, second)).doesNotContain("checked").contains("form=\"approval-form-" + application + "\"");

        // Nothing ticked: the application's rights no longer need approval.
        mvc.perform(asAdmin(post("/admin/applications/" + application + "/approval")).with(csrf()))
                .andExpect(redirectedUrl("/admin/applications#app-" + application));
        assertThat(needsApproval(application)).containsExactly(Map.entry(first, false), Map.entry(second, false));
        assertThat(entries("catalog.rightUpdated", first)).isEqualTo(2);
        assertThat(entries("catalog.rightUpdated", second)).isZero();
    }

    @Test
    void rightsOfAnExternallyManagedApplicationHaveNoApprovalBox() throws Exception {
        CatalogApplication contacts = catalog.applications().stream().filter(a -> a.name().equals("Contacts")).findFirst().orElseThrow();
        String page = mvc.perform(asAdmin(get("/admin/applications"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("approval-form-" + contacts.id(), "approval-" + contacts.rights().get(0).id());
    }

    @Test
    void theApprovalFormRefusesOtherPeopleAndRightsOfAnotherApplication() throws Exception {
        UUID application = application();
        UUID right = catalogAdmin.addRight(data.admin(), application, TestData.unique("Guarded"));
        UUID elsewhere = catalogAdmin.addRight(data.admin(), application(), TestData.unique("Elsewhere"));
        TestMember manager = data.manager(data.organizationId());
        UserId support = data.staff(StaffRole.VENDOR_SUPPORT).id();

        for (String refused : List.of(manager.id(), support.toString())) {
            String page = mvc.perform(post("/admin/applications/" + application + "/approval").with(user(refused)).with(csrf())
                            .param("needsApproval", right.toString()))
                    .andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
            assertThat(page).contains("Only a vendor admin can do this.");
        }
        mvc.perform(asAdmin(post("/admin/applications/" + application + "/approval")).with(csrf())
                        .param("needsApproval", right.toString(), elsewhere.toString()))
                .andExpect(status().isNotFound());
        assertThat(needsApproval(application)).containsExactly(Map.entry(right, false));
    }

    /** The approval box of a right, as the page renders it. */
    private static String input(String page, UUID right) {
        Matcher box = Pattern.compile("<input[^>]*id=\"approval-" + right + "\"[^>]*>").matcher(page);
        assertThat(box.find()).as("box of " + right).isTrue();
        return box.group();
    }

    private UUID application() {
        return catalogAdmin.addApplication(data.admin(), TestData.unique("Approvals"), false);
    }

    /** A new right of the application, as the catalogue reads it. */
    private CatalogRight right(UUID application) {
        UUID id = catalogAdmin.addRight(data.admin(), application, TestData.unique("Approval Right"));
        return rightById(id);
    }

    private CatalogRight rightById(UUID id) {
        return catalog.rights().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private List<Map.Entry<UUID, Boolean>> needsApproval(UUID application) {
        return catalog.applications().stream().filter(a -> a.id().equals(application)).findFirst().orElseThrow().rights().stream()
                .map(r -> Map.entry(r.id(), r.needsApproval())).toList();
    }

    private long entries(String action, UUID target) {
        return jdbc.sql("select count(*) from audit_entry where organization_id is null and action = ? and target_id = ?")
                .params(action, target.toString()).query(Long.class).single();
    }

    private ResultActions send(MockHttpServletRequestBuilder request, RequestPostProcessor who, Map<String, Object> body)
            throws Exception {
        return mvc.perform(request.with(who).contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body)));
    }

    private MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(user(data.admin().userId().toString()));
    }
}
