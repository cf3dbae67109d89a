package io.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.access.Role;
import io.gatehouse.invitation.Invitations;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two organizations side by side: a Manager of A, aiming at B by every route the API has, gets a
 * 404 that is indistinguishable from the one an unknown id gets, sees nothing of B, and changes
 * nothing in B.
 *
 * <p>Every org-scoped endpoint is a row of {@link #ENDPOINTS}: a new endpoint is one more line.
 */
@IntegrationTest
class TenantIsolationTest {

    /** One request shape. {org} and {user} are filled in with the ids under test. */
    record Endpoint(HttpMethod method, String template, String body) {

        boolean namesMember() {
            return template.contains("{org}") && template.contains("{user}");
        }

        String uri(String org, String user) {
            return template.replace("{org}", org).replace("{user}", user);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final String NEW_MEMBER = """
            {"firstName":"Eve","lastName":"Intruder","email":"%s","password":"Plant-Window-Lamp-31","role":"USER"}""";

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(HttpMethod.GET, "/api/v1/organizations/{org}", null),
            new Endpoint(HttpMethod.PATCH, "/api/v1/organizations/{org}", "{\"name\":\"Taken over %s\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/organizations/{org}/sites", null),
            new Endpoint(HttpMethod.POST, "/api/v1/organizations/{org}/sites", "{\"name\":\"Rogue site %s\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/organizations/{org}/members", null),
            new Endpoint(HttpMethod.GET, "/api/v1/organizations/{org}/members.csv", null),
            new Endpoint(HttpMethod.GET, "/api/v1/organizations/{org}/members?q=t&sort=email&page=0&size=5", null),
            new Endpoint(HttpMethod.POST, "/api/v1/organizations/{org}/members", NEW_MEMBER),
            new Endpoint(HttpMethod.GET, "/api/v1/organizations/{org}/members/{user}", null),
            new Endpoint(HttpMethod.PATCH, "/api/v1/organizations/{org}/members/{user}",
                    "{\"role\":\"MANAGER\",\"rights\":[\"Licenses\"],\"blocked\":true}"),
            new Endpoint(HttpMethod.DELETE, "/api/v1/organizations/{org}/members/{user}", null),
            new Endpoint(HttpMethod.GET, "/api/v1/organizations/{org}/invitations", null),
            new Endpoint(HttpMethod.GET, "/api/v1/organizations/{org}/invitations?status=PENDING", null),
            new Endpoint(HttpMethod.POST, "/api/v1/organizations/{org}/invitations", "{\"emails\":\"%s\",\"role\":\"USER\"}"),
            new Endpoint(HttpMethod.GET, "/api/v1/organizations/{org}/audit", null),
            new Endpoint(HttpMethod.GET, "/api/v1/organizations/{org}/audit?action=member.added", null),
            new Endpoint(HttpMethod.GET, "/api/v1/users/{user}", null),
            new Endpoint(HttpMethod.PATCH, "/api/v1/users/{user}", "{\"lastName\":\"Renamed %s\",\"disabled\":true}"),
            new Endpoint(HttpMethod.DELETE, "/api/v1/users/{user}", null));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Invitations invitations;

    OrganizationId orgA;
    TestMember managerA;
    TestMember memberA;

    OrganizationView orgB;
    SiteView siteB;
    TestMember managerB;
    TestMember memberB;

    /** Every string that would betray B: its ids, names and people. */
    List<String> secretsOfB;

    @BeforeEach
    void twoOrganizations() throws Exception {
        orgA = data.organizationId();
        data.site(orgA);
        managerA = data.manager(orgA);
        memberA = data.user(orgA, "Licenses");

        orgB = data.organization();
        OrganizationId b = OrganizationId.parse(orgB.id());
        siteB = data.site(b);
        managerB = data.manager(b);
        memberB = data.member(b, Role.USER, List.of(siteB.id()), "Licenses", "Showcase 360 Administrator");

        String invitedToB = TestData.unique("invited") + "@b.test";
        invitations.invite(data.actor(managerB.userId()), List.of(invitedToB),
                List.of(new Invitations.Target(b, Role.USER, List.of(), List.of())));

        secretsOfB = new ArrayList<>(List.of(orgB.id(), orgB.name(), siteB.id(), siteB.name(),
                managerB.id(), managerB.email(), memberB.id(), memberB.email(), invitedToB));
        secretsOfB.add(lastName(managerB));
        secretsOfB.add(lastName(memberB));
    }

    @Test
    void managerOfOneOrganizationGetsNotFoundForEveryRouteIntoAnother() throws Exception {
        Map<String, String> stateOfB = stateOfB();
        SoftAssertions softly = new SoftAssertions();
        String unknownOrg = UUID.randomUUID().toString();
        String unknownUser = UUID.randomUUID().toString();

        for (Endpoint endpoint : ENDPOINTS) {
            // B's own ids.
            probe(softly, endpoint, "B's ids", endpoint.uri(orgB.id(), memberB.id()), endpoint.uri(unknownOrg, unknownUser));
            if (endpoint.namesMember()) {
                // A's organization, B's member.
                probe(softly, endpoint, "A's org, B's member", endpoint.uri(orgA.toString(), memberB.id()),
                        endpoint.uri(orgA.toString(), unknownUser));
                probe(softly, endpoint, "A's org, B's manager", endpoint.uri(orgA.toString(), managerB.id()),
                        endpoint.uri(orgA.toString(), unknownUser));
            }
        }
        softly.assertAll();

        assertThat(stateOfB()).as("B after the attempts").isEqualTo(stateOfB);
        assertThat(jdbc.sql("select count(*) from user_account where email_key like 'intruder-%'").query(Long.class).single())
                .as("accounts created through B").isZero();
    }

    @Test
    void everyEndpointIsStillReachableForTheManagersOwnOrganization() throws Exception {
        // Guards the table itself: the 404s above must come from isolation, not from a broken route.
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.method() != HttpMethod.GET) {
                continue;
            }
            MockHttpServletResponse response = send(endpoint, endpoint.uri(orgA.toString(), memberA.id()));
            assertThat(response.getStatus()).as(endpoint + " on A's own ids").isEqualTo(200);
            assertContainsNothingOfB(response, endpoint + " on A's own ids");
        }
    }

    @Test
    void theSameRoutesShowBsDataToTheVendorAdmin() throws Exception {
        // The control for the search above: were B's data in a body, it would be found.
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.method() != HttpMethod.GET) {
                continue;
            }
            String uri = endpoint.uri(orgB.id(), memberB.id());
            MockHttpServletResponse response = mvc.perform(get(uri)
                    .with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))).andReturn().getResponse();
            assertThat(response.getStatus()).as(uri).isEqualTo(200);
            assertThat(secretsOfB).as(uri).anySatisfy(secret -> assertThat(response.getContentAsString()).contains(secret));
        }
    }

    @Test
    void listsOfTheManagersOwnOrganizationShowNothingOfTheOther() throws Exception {
        for (String uri : List.of("/api/v1/organizations", "/api/v1/organizations?size=200",
                "/api/v1/organizations/" + orgA + "/members?size=200",
                "/api/v1/organizations/" + orgA + "/members?site=" + siteB.id(),
                "/api/v1/organizations/" + orgA + "/audit?size=200",
                "/api/v1/organizations/" + orgA + "/audit?actor=" + managerB.id(),
                "/api/v1/me", "/api/v1/applications")) {
            MockHttpServletResponse response = mvc.perform(get(uri).with(httpBasic(managerA.email(), managerA.password())))
                    .andReturn().getResponse();
            assertThat(response.getStatus()).as(uri).isEqualTo(200);
            assertContainsNothingOfB(response, uri);
        }
        MockHttpServletResponse organizations = mvc.perform(get("/api/v1/organizations")
                .with(httpBasic(managerA.email(), managerA.password()))).andReturn().getResponse();
        assertThat((Integer) JsonPath.read(organizations.getContentAsString(), "$.total")).isEqualTo(1);
        assertThat((String) JsonPath.read(organizations.getContentAsString(), "$.items[0].id")).isEqualTo(orgA.toString());
    }

    @Test
    void foreignSiteIdsInABodyAreRefusedExactlyLikeUnknownOnes() throws Exception {
        String foreign = send(new Endpoint(HttpMethod.PATCH, "/api/v1/organizations/{org}/members/{user}",
                "{\"sites\":[\"" + siteB.id() + "\"]}"), "/api/v1/organizations/" + orgA + "/members/" + memberA.id())
                .getContentAsString();
        String unknownSite = UUID.randomUUID().toString();
        String unknown = send(new Endpoint(HttpMethod.PATCH, "/api/v1/organizations/{org}/members/{user}",
                "{\"sites\":[\"" + unknownSite + "\"]}"), "/api/v1/organizations/" + orgA + "/members/" + memberA.id())
                .getContentAsString();

        assertThat((Integer) JsonPath.read(foreign, "$.status")).isEqualTo(400);
        assertThat((String) JsonPath.read(foreign, "$.errors[0].field")).isEqualTo("sites");
        assertThat(withoutInstance(foreign).replace(siteB.id(), "ID"))
                .isEqualTo(withoutInstance(unknown).replace(unknownSite, "ID"));
        assertThat(withoutInstance(foreign)).doesNotContain(siteB.name(), orgB.id(), orgB.name());
    }

    private void probe(SoftAssertions softly, Endpoint endpoint, String variant, String uri, String unknownUri) throws Exception {
        String label = endpoint + " with " + variant;
        MockHttpServletResponse response = send(endpoint, uri);
        softly.assertThat(response.getStatus()).as(label).isEqualTo(404);
        softly.assertThat(response.getContentType()).as(label + " content type")
                .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // "instance" may only repeat the path the caller sent, nothing more.
        JsonNode instance = JSON.readTree(response.getContentAsString()).get("instance");
        if (instance != null) {
            softly.assertThat(instance.asString()).as(label + " instance").isEqualTo(uri.replaceFirst("\\?.*", ""));
        }
        String body = withoutInstance(response.getContentAsString());
        for (String secret : secretsOfB) {
            softly.assertThat(body).as(label + " body").doesNotContainIgnoringCase(secret);
        }
        // Nothing tells a foreign id from one that does not exist at all.
        MockHttpServletResponse unknown = send(endpoint, unknownUri);
        softly.assertThat(unknown.getStatus()).as(label + " vs unknown ids").isEqualTo(404);
        softly.assertThat(body).as(label + " vs unknown ids").isEqualTo(withoutInstance(unknown.getContentAsString()));
    }

    private MockHttpServletResponse send(Endpoint endpoint, String uri) throws Exception {
        MockHttpServletRequestBuilder request = request(endpoint.method(), uri)
                .with(httpBasic(managerA.email(), managerA.password()));
        if (endpoint.body() != null) {
            String unique = TestData.unique("intruder").toLowerCase();
            request.contentType(MediaType.APPLICATION_JSON)
                    .content(endpoint.body().formatted(unique + "@example.test"));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private void assertContainsNothingOfB(MockHttpServletResponse response, String label) throws Exception {
        String body = response.getContentAsString();
        for (String secret : secretsOfB) {
            assertThat(body).as(label).doesNotContainIgnoringCase(secret);
        }
    }

    /**
     * A problem's "instance" repeats the path the caller asked for; what the caller sent is not a
     * leak, so it is set aside before the body is searched for B's data.
     */
    private static String withoutInstance(String body) {
        JsonNode node = JSON.readTree(body);
        if (node instanceof ObjectNode object) {
            object.remove("instance");
            object.remove("requestId");
        }
        return node.toString();
    }

    /** Everything about B as its vendor admin sees it, to compare before and after. */
    private Map<String, String> stateOfB() throws Exception {
        Map<String, String> state = new LinkedHashMap<>();
        for (String uri : List.of("/api/v1/organizations/" + orgB.id(), "/api/v1/organizations/" + orgB.id() + "/sites",
                "/api/v1/organizations/" + orgB.id() + "/members?size=200",
                "/api/v1/organizations/" + orgB.id() + "/audit?size=200",
                "/api/v1/users/" + memberB.id(), "/api/v1/users/" + managerB.id())) {
            MockHttpServletResponse response = mvc.perform(get(uri)
                    .with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))).andReturn().getResponse();
            assertThat(response.getStatus()).as(uri).isEqualTo(200);
            state.put(uri, response.getContentAsString());
        }
        return state;
    }

    private String lastName(TestMember member) throws Exception {
        String body = mvc.perform(get("/api/v1/users/{id}", member.id())
                .with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.lastName");
    }
}
