package io.gatehouse.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.gatehouse.product.ProductSummary;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The Licenses pages, the vendor admin's licence page, and a request for more seats through the request flow. */
@IntegrationTest
@Import(LicenceFixtures.class)
class LicencePagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    LicenceFixtures fixtures;

    @Autowired
    Licences licences;

    @Autowired
    JdbcClient jdbc;

    @Test
    void activeLicencesComeFirstWithSeatsUsedAndTheCauseOfAnInactiveOne() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        LicenceView active = fixtures.licence(org, cloud.product(), 4);
        data.user(org, cloud.right());
        ProductSummary desktop = fixtures.desktopProduct();
        LicenceView expired = licences.issue(data.admin(), org, new Licences.NewLicence(desktop.id(), "Basic", 2,
                LocalDate.now().minusYears(1), LocalDate.now().minusDays(1), List.of(), null, null));
        LicenceView endingSoon = licences.issue(data.admin(), org, new Licences.NewLicence(desktop.id(), "Pro", 2,
                LocalDate.now().minusYears(1), LocalDate.now().plusDays(10), List.of(), null, null));

        String page = mvc.perform(get("/organizations/" + org + "/licences").with(user(manager.id())))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("1 of 4 used", "Inactive", "(expired)", "Ends within 30 days");
        assertThat(page.indexOf(active.number())).isLessThan(page.indexOf(expired.number()));
        assertThat(page.indexOf(endingSoon.number())).isLessThan(page.indexOf(expired.number()));
    }

    @Test
    void aHolderOfLicensesSeesLicencesButNotTheKeyNorUserManagement() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember holder = data.user(org, "Licenses");
        LicenceView licence = fixtures.licence(org, fixtures.desktopProduct(), 3);
        String key = licences.get(data.actor(manager.userId()), org, UUID.fromString(licence.id())).key();
        assertThat(key).isNotBlank();

        String welcome = mvc.perform(get("/").with(user(holder.id()))).andReturn().getResponse().getContentAsString();
        assertThat(welcome).contains("/organizations/" + org + "/licences").doesNotContain("/organizations/" + org + "/users");
        String page = mvc.perform(get("/organizations/" + org + "/licences/" + licence.id()).with(user(holder.id())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(licence.number()).doesNotContain(key);
        String managersPage = mvc.perform(get("/organizations/" + org + "/licences/" + licence.id()).with(user(manager.id())))
                .andReturn().getResponse().getContentAsString();
        assertThat(managersPage).contains(key);
        assertThat(mvc.perform(get("/organizations/" + org + "/users").with(user(holder.id()))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
    }

    @Test
    void aPlainMemberSeesNoLicencesEntryAndIsRefused() throws Exception {
        OrganizationId org = data.organizationId();
        data.manager(org);
        TestMember plain = data.user(org);

        String welcome = mvc.perform(get("/").with(user(plain.id()))).andReturn().getResponse().getContentAsString();
        assertThat(welcome).doesNotContain("/licences");
        assertThat(mvc.perform(get("/organizations/" + org + "/licences").with(user(plain.id()))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
    }

    @Test
    void aSeatRequestBecomesATicketAndItsApprovalRaisesTheSeatsExactlyOnce() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        LicenceView licence = fixtures.licence(org, fixtures.desktopProduct(), 3);

        String answer = mvc.perform(post("/api/v1/organizations/" + org + "/licences/" + licence.id() + "/seat-requests")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"seats\":10,\"note\":\"New team\"}")
                        .with(httpBasic(manager.email(), manager.password())))
                .andReturn().getResponse().getContentAsString();
        assertThat(answer).contains("\"status\":\"OPEN\"");
        String requestId = tools.jackson.databind.json.JsonMapper.builder().build().readTree(answer).get("requestId").asString();
        assertThat(seats(licence)).isEqualTo(3);

        String mine = mvc.perform(get("/organizations/" + org + "/requests").with(user(manager.id())))
                .andReturn().getResponse().getContentAsString();
        assertThat(mine).contains("More seats");

        String support = data.staff(io.gatehouse.access.StaffRole.VENDOR_SUPPORT).email();
        assertThat(mvc.perform(post("/api/v1/requests/" + requestId + "/approve").with(httpBasic(support, TestData.PASSWORD)))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(seats(licence)).isEqualTo(10);
        assertThat(mvc.perform(post("/api/v1/requests/" + requestId + "/approve").with(httpBasic(support, TestData.PASSWORD)))
                .andReturn().getResponse().getStatus()).isEqualTo(409);
        assertThat(data.auditEntries(org, "licence.changed")).isEqualTo(1);
    }

    @Test
    void askingForNoMoreSeatsThanTheLicenceHasIsRefusedAndRaisesNoTicket() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        LicenceView licence = fixtures.licence(org, fixtures.desktopProduct(), 3);

        mvc.perform(post("/organizations/" + org + "/licences/" + licence.id() + "/seat-requests").param("seats", "3")
                .with(user(manager.id())).with(csrf()));
        assertThat(jdbc.sql("select count(*) from change_request where organization_id = ?").param(org.value()).query(Long.class).single())
                .isZero();
    }

    @Test
    void theVendorAdminIssuesSuspendsAndResumesFromTheOrganizationsLicencePage() throws Exception {
        OrganizationId org = data.organizationId();
        ProductSummary product = fixtures.desktopProduct();
        String admin = data.admin().userId().toString();

        mvc.perform(post("/admin/organizations/" + org + "/licences").param("productId", product.id().toString())
                .param("edition", "Studio").param("seats", "7").with(user(admin)).with(csrf()));
        UUID id = jdbc.sql("select id from licence where organization_id = ?").param(org.value()).query(UUID.class).single();
        mvc.perform(post("/admin/organizations/" + org + "/licences/" + id + "/suspend").with(user(admin)).with(csrf()));
        String page = mvc.perform(get("/admin/organizations/" + org + "/licences").with(user(admin)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("(suspended by the vendor)", "Resume");
        mvc.perform(post("/admin/organizations/" + org + "/licences/" + id + "/resume").with(user(admin)).with(csrf()));

        assertThat(data.auditEntries(org, "licence.issued")).isEqualTo(1);
        assertThat(data.auditEntries(org, "licence.suspended")).isEqualTo(1);
        assertThat(data.auditEntries(org, "licence.resumed")).isEqualTo(1);
        TestMember manager = data.manager(org);
        assertThat(mvc.perform(get("/admin/organizations/" + org + "/licences").with(user(manager.id()))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
    }

    @Test
    void createNewUserAndThePersonsRightsTickSayHowManySeatsAreUsedOfHowMany() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        fixtures.licence(org, cloud.product(), 1);
        data.user(org, cloud.right());
        TestMember waiting = data.user(org);

        String page = mvc.perform(post("/organizations/" + org + "/users/new").param("firstName", "Nia").param("lastName", "Seat")
                        .param("email", TestData.unique("nia").toLowerCase() + "@example.test").param("generatePassword", "true")
                        .param("role", "USER").param("rights", cloud.right())
                        .with(user(manager.id())).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("All seats of " + cloud.product().name() + " are in use: 1 of 1.");

        String tick = mvc.perform(post("/organizations/" + org + "/users/" + waiting.id() + "/rights").param("rights", cloud.right())
                        .param("changed", cloud.right()).header("HX-Request", "true").with(user(manager.id())).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(tick).contains("1 of 1");
        assertThat(jdbc.sql("select count(*) from membership where organization_id = ?").param(org.value()).query(Long.class).single())
                .isEqualTo(3);
    }

    private int seats(LicenceView licence) {
        return jdbc.sql("select seats from licence where id = ?").param(UUID.fromString(licence.id())).query(Integer.class).single();
    }
}
