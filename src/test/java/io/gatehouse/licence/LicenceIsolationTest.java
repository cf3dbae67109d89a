package io.gatehouse.licence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.gatehouse.product.ProductSummary;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A Manager of organization A aims every licence endpoint and page at organization B: B's
 * organization id, B's licence and activation ids under A's own id. Each answers 404, shows nothing
 * of B, and B's licence, machines and audit trail stay as they were.
 */
@IntegrationTest
@Import(LicenceFixtures.class)
class LicenceIsolationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    LicenceFixtures fixtures;

    @Autowired
    Activations activations;

    @Autowired
    JdbcClient jdbc;

    OrganizationId orgA;
    TestMember managerA;
    LicenceView licenceA;
    OrganizationId orgB;
    LicenceView licenceB;
    String activationB;

    @BeforeEach
    void twoOrganizations() {
        ProductSummary product = fixtures.desktopProduct();
        orgA = data.organizationId();
        managerA = data.manager(orgA);
        licenceA = fixtures.licence(orgA, product, 5);
        orgB = data.organizationId();
        data.manager(orgB);
        licenceB = fixtures.licence(orgB, product, 5);
        String keyB = jdbc.sql("select key_sealed from licence where id = ?").param(UUID.fromString(licenceB.id()))
                .query(String.class).single();
        assertThat(keyB).isNotBlank();
        activationB = jdbc.sql("""
                        insert into activation (id, licence_id, machine_name, fingerprint, activated_by, activated_at)
                        values (?, ?, 'Machine of B', 'fp-b', 'licence key', current_timestamp)""")
                .params(UUID.randomUUID(), UUID.fromString(licenceB.id())).update() == 1
                ? jdbc.sql("select id from activation where licence_id = ?").param(UUID.fromString(licenceB.id()))
                        .query(UUID.class).single().toString() : null;
    }

    @Test
    void everyLicenceEndpointAndPageAnswersNotFoundForAnotherOrganizationsIds() throws Exception {
        String a = orgA.toString();
        String b = orgB.toString();
        String lb = licenceB.id();
        String stateBefore = stateOfB();
        SoftAssertions softly = new SoftAssertions();

        List<MockHttpServletRequestBuilder> api = List.of(
                get("/api/v1/organizations/" + b + "/licences"),
                get("/api/v1/organizations/" + b + "/licences/" + lb),
                patch("/api/v1/organizations/" + b + "/licences/" + lb).contentType(MediaType.APPLICATION_JSON).content("{\"seats\":99}"),
                get("/api/v1/organizations/" + b + "/licences/" + lb + "/activations"),
                delete("/api/v1/organizations/" + b + "/licences/" + lb + "/activations/" + activationB),
                post("/api/v1/organizations/" + b + "/licences/" + lb + "/seat-requests").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seats\":99}"),
                get("/api/v1/organizations/" + a + "/licences/" + lb),
                patch("/api/v1/organizations/" + a + "/licences/" + lb).contentType(MediaType.APPLICATION_JSON).content("{\"seats\":99}"),
                get("/api/v1/organizations/" + a + "/licences/" + lb + "/activations"),
                delete("/api/v1/organizations/" + a + "/licences/" + lb + "/activations/" + activationB),
                delete("/api/v1/organizations/" + a + "/licences/" + licenceA.id() + "/activations/" + activationB),
                post("/api/v1/organizations/" + a + "/licences/" + lb + "/seat-requests").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seats\":99}"),
                post("/api/v1/organizations/" + b + "/licences/" + lb + "/key"),
                post("/api/v1/organizations/" + a + "/licences/" + lb + "/key"));
        for (MockHttpServletRequestBuilder request : api) {
            MockHttpServletResponse response = mvc.perform(request.with(httpBasic(managerA.email(), managerA.password())))
                    .andReturn().getResponse();
            softly.assertThat(response.getStatus()).as(describe(request)).isEqualTo(404);
            softly.assertThat(response.getContentAsString()).as(describe(request)).doesNotContain(licenceB.number(), "Machine of B");
        }

        List<MockHttpServletRequestBuilder> pages = List.of(
                get("/organizations/" + b + "/licences"),
                get("/organizations/" + b + "/licences/" + lb),
                post("/organizations/" + b + "/licences/" + lb + "/activations/" + activationB + "/deactivate"),
                post("/organizations/" + b + "/licences/" + lb + "/seat-requests").param("seats", "99"),
                get("/organizations/" + a + "/licences/" + lb),
                post("/organizations/" + a + "/licences/" + lb + "/activations/" + activationB + "/deactivate"),
                post("/organizations/" + a + "/licences/" + licenceA.id() + "/activations/" + activationB + "/deactivate"),
                post("/organizations/" + a + "/licences/" + lb + "/seat-requests").param("seats", "99"),
                post("/organizations/" + b + "/licences/" + lb + "/key").param("confirmed", "true"),
                post("/organizations/" + a + "/licences/" + lb + "/key").param("confirmed", "true"),
                post("/organizations/" + a + "/licences/" + lb + "/key"));
        for (MockHttpServletRequestBuilder request : pages) {
            MockHttpServletResponse response = mvc.perform(request.with(user(managerA.id())).with(csrf())).andReturn().getResponse();
            softly.assertThat(response.getStatus()).as(describe(request)).isEqualTo(404);
            softly.assertThat(response.getContentAsString()).as(describe(request)).doesNotContain(licenceB.number(), "Machine of B");
        }
        softly.assertAll();
        assertThat(stateOfB()).isEqualTo(stateBefore);
    }

    @Test
    void theManagersOwnLicencesShowNothingOfTheOtherOrganization() throws Exception {
        String page = mvc.perform(get("/organizations/" + orgA + "/licences").with(user(managerA.id())))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(licenceA.number()).doesNotContain(licenceB.number());
    }

    private String stateOfB() {
        UUID id = UUID.fromString(licenceB.id());
        return jdbc.sql("select seats from licence where id = ?").param(id).query(Integer.class).single()
                + " " + jdbc.sql("select key_hash from licence where id = ?").param(id).query(String.class).single()
                + " " + jdbc.sql("select count(*) from activation where licence_id = ? and deactivated_at is null").param(id)
                        .query(Long.class).single()
                + " " + jdbc.sql("select count(*) from audit_entry where organization_id = ?").param(orgB.value()).query(Long.class).single()
                + " " + jdbc.sql("select count(*) from change_request where organization_id = ?").param(orgB.value())
                        .query(Long.class).single();
    }

    private static String describe(MockHttpServletRequestBuilder request) {
        return request.buildRequest(new org.springframework.mock.web.MockServletContext()).getMethod() + " "
                + request.buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI();
    }
}
