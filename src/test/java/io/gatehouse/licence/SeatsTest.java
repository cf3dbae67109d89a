package io.gatehouse.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Role;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** Seats of a cloud application: every way of granting its rights is held to them, and freeing one is immediate. */
@IntegrationTest
@Import(LicenceFixtures.class)
class SeatsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    LicenceFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void grantingBeyondTheSeatsIsRefusedSayingHowManyAreUsedOfHowMany() throws Exception {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        fixtures.licence(org, cloud.product(), 1);
        TestMember manager = data.manager(org);
        TestMember first = data.user(org);
        TestMember second = data.user(org);
        grant(manager, first, cloud.right()).andExpect(status().isOk());

        grant(manager, second, cloud.right())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.seatsUsed").value(1))
                .andExpect(jsonPath("$.seats").value(1))
                .andExpect(jsonPath("$.detail").value(containsString("1 of 1")))
                .andExpect(jsonPath("$.detail").value(containsString("Request more seats")));

        assertThat(rights(second)).isEmpty();
    }

    @Test
    void theRefusalIsInTheCallersLanguage() throws Exception {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        fixtures.licence(org, cloud.product(), 0);
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        mvc.perform(patch("/api/v1/organizations/" + org + "/members/" + person.id()).header("Accept-Language", "fr")
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("rights", List.of(cloud.right()))))
                        .with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("0 sur 0")));
    }

    @Test
    void blockingOrRemovingSomeoneFreesTheirSeatAtOnce() throws Exception {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        fixtures.licence(org, cloud.product(), 1);
        TestMember manager = data.manager(org);
        TestMember holder = data.user(org, cloud.right());
        TestMember waiting = data.user(org);
        grant(manager, waiting, cloud.right()).andExpect(status().isConflict());

        send(manager, patch("/api/v1/organizations/" + org + "/members/" + holder.id()), Map.of("blocked", true))
                .andExpect(status().isOk());
        grant(manager, waiting, cloud.right()).andExpect(status().isOk());

        // The blocked person coming back would be one seat too many.
        send(manager, patch("/api/v1/organizations/" + org + "/members/" + holder.id()), Map.of("blocked", false))
                .andExpect(status().isConflict());
        mvc.perform(delete("/api/v1/organizations/" + org + "/members/" + waiting.id())
                        .with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().is2xxSuccessful());
        send(manager, patch("/api/v1/organizations/" + org + "/members/" + holder.id()), Map.of("blocked", false))
                .andExpect(status().isOk());
    }

    @Test
    void aSecondRightOfAnApplicationAlreadyUsedTakesNoFurtherSeat() throws Exception {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        fixtures.licence(org, cloud.product(), 1);
        TestMember manager = data.manager(org);
        TestMember holder = data.user(org, cloud.right());

        // Rights of the application change freely while its seat is held: still one seat.
        grant(manager, holder, cloud.right(), cloud.secondRight()).andExpect(status().isOk());
        grant(manager, holder, cloud.secondRight()).andExpect(status().isOk());
        grant(manager, data.user(org), cloud.right()).andExpect(status().isConflict());
    }

    @Test
    void aTiedProductWithoutAnActiveLicenceGrantsToNobody() throws Exception {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        grant(manager, person, cloud.right())
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("needs an active licence")));

        LicenceView licence = fixtures.licence(org, cloud.product(), 3);
        grant(manager, person, cloud.right()).andExpect(status().isOk());
        // Suspended, the licence offers no seat to anyone new.
        send(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD,
                patch("/api/v1/organizations/" + org + "/licences/" + licence.id()), Map.of("suspended", true))
                .andExpect(status().isOk()).andExpect(jsonPath("$.inactiveReason").value("SUSPENDED"));
        grant(manager, data.user(org), cloud.right()).andExpect(status().isConflict());
    }

    @Test
    void createNewUserAndInvitationsAreHeldToTheSeats() throws Exception {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        fixtures.licence(org, cloud.product(), 1);
        TestMember manager = data.manager(org);
        data.user(org, cloud.right());

        send(manager, post("/api/v1/organizations/" + org + "/members"), Map.of("firstName", "New", "lastName", "Person",
                "email", TestData.unique("new").toLowerCase() + "@example.test", "password", TestData.PASSWORD, "role", "USER",
                "rights", List.of(cloud.right())))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.seats").value(1));
        String invited = TestData.unique("invited").toLowerCase() + "@example.test";
        send(manager, post("/api/v1/organizations/" + org + "/invitations"), Map.of("emails", invited, "role", "USER",
                "rights", List.of(cloud.right())))
                .andExpect(status().isConflict());

        assertThat(jdbc.sql("select count(*) from user_account where email_key = ?").param(invited).query(Long.class).single())
                .as("nothing half-done").isZero();
        assertThat(jdbc.sql("select count(*) from membership where organization_id = ?").param(org.value()).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void anUnlimitedLicenceGrantsToEveryone() throws Exception {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        fixtures.licence(org, cloud.product(), null);
        TestMember manager = data.manager(org);
        for (int i = 0; i < 3; i++) {
            grant(manager, data.user(org), cloud.right()).andExpect(status().isOk());
        }
    }

    @Test
    void disablingAnAccountFreesItsSeatAndEnablingItAgainNeedsOne() throws Exception {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        fixtures.licence(org, cloud.product(), 1);
        TestMember holder = data.user(org, cloud.right());
        TestMember waiting = data.user(org);

        send(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD, patch("/api/v1/users/" + holder.id()), Map.of("disabled", true))
                .andExpect(status().isOk());
        grant(data.manager(org), waiting, cloud.right()).andExpect(status().isOk());

        send(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD, patch("/api/v1/users/" + holder.id()), Map.of("disabled", false))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.seatsUsed").value(1));
        assertThat(jdbc.sql("select status from user_account where id = ?").param(holder.userId().value()).query(String.class).single())
                .isEqualTo("DISABLED");
    }

    @Test
    void theLicencesListCountsTheSeatsAgainAfterEveryChangeToWhoHoldsThem() throws Exception {
        OrganizationId org = data.organizationId();
        LicenceFixtures.Cloud cloud = fixtures.cloudProduct();
        fixtures.licence(org, cloud.product(), 5);
        TestMember manager = data.manager(org);
        TestMember holder = data.user(org, cloud.right());
        TestMember other = data.user(org);
        assertThat(seatsUsedInTheList(manager)).isEqualTo(1);
        assertThat(seatsUsedInTheList(manager)).as("counted once, read again").isEqualTo(1);

        grant(manager, other, cloud.right()).andExpect(status().isOk());
        assertThat(seatsUsedInTheList(manager)).isEqualTo(2);
        send(manager, patch("/api/v1/organizations/" + org + "/members/" + holder.id()), Map.of("blocked", true))
                .andExpect(status().isOk());
        assertThat(seatsUsedInTheList(manager)).isEqualTo(1);
        send(manager, patch("/api/v1/organizations/" + org + "/members/" + holder.id()), Map.of("blocked", false))
                .andExpect(status().isOk());
        assertThat(seatsUsedInTheList(manager)).isEqualTo(2);
        send(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD, patch("/api/v1/users/" + other.id()), Map.of("disabled", true))
                .andExpect(status().isOk());
        assertThat(seatsUsedInTheList(manager)).isEqualTo(1);
        grant(manager, holder).andExpect(status().isOk());
        assertThat(seatsUsedInTheList(manager)).isZero();
        grant(manager, holder, cloud.right()).andExpect(status().isOk());
        mvc.perform(delete("/api/v1/organizations/" + org + "/members/" + holder.id())
                        .with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().is2xxSuccessful());
        assertThat(seatsUsedInTheList(manager)).isZero();
    }

    @Test
    void issuingWithBadInputNamesTheFieldsAndStoresNothing() throws Exception {
        OrganizationId org = data.organizationId();
        send(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD, post("/api/v1/organizations/" + org + "/licences"),
                Map.of("productId", java.util.UUID.randomUUID().toString(), "edition", " ", "seats", -1,
                        "validFrom", "2026-06-01", "validUntil", "2026-05-01", "maxVersion", "not a version"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder(
                        "productId", "edition", "seats", "validUntil", "maxVersion")));
        TestMember manager = data.manager(org);
        send(manager, post("/api/v1/organizations/" + org + "/licences"), Map.of("productId", fixtures.desktopProduct().id().toString(),
                "edition", "Pro")).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from licence where organization_id = ?").param(org.value()).query(Long.class).single())
                .isZero();
    }

    private int seatsUsedInTheList(TestMember manager) throws Exception {
        String body = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/api/v1/organizations/" + manager.organizationId() + "/licences")
                        .with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<Integer> used = com.jayway.jsonpath.JsonPath.read(body, "$[*].seatsUsed");
        assertThat(used).hasSize(1);
        return used.get(0);
    }

    private ResultActions grant(TestMember actor, TestMember target, String... rights) throws Exception {
        return send(actor, patch("/api/v1/organizations/" + target.organizationId() + "/members/" + target.id()),
                Map.of("rights", List.of(rights)));
    }

    private ResultActions send(TestMember actor, MockHttpServletRequestBuilder request,
            Object body) throws Exception {
        return send(actor.email(), actor.password(), request, body);
    }

    private ResultActions send(String email, String password,
            MockHttpServletRequestBuilder request, Object body) throws Exception {
        return mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body))
                .with(httpBasic(email, password)));
    }

    private List<String> rights(TestMember member) {
        return jdbc.sql("""
                        select r.name from membership_right mr join membership m on m.id = mr.membership_id
                        join access_right r on r.id = mr.right_id where m.organization_id = ? and m.user_id = ?""")
                .params(member.organizationId().value(), member.userId().value()).query(String.class).list();
    }
}
