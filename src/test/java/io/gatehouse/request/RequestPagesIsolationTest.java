package io.gatehouse.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.member.ApprovalRequests;
import io.gatehouse.member.ApprovalRequests.Receipt;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.Accounts;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * An admin of one vendor-managed organization aims at another by every address of the ticket pages
 * and the team table's request forms: each answers the "page not found" page, shows nothing of the
 * other organization, and neither changes nor asks for anything there.
 */
@IntegrationTest
class RequestPagesIsolationTest {

    /** One route; {org}, {ticket} and {user} are filled in per attempt. */
    record Route(HttpMethod method, String path, String... params) {

        MockHttpServletRequestBuilder build(String org, String ticket, String user) {
            MockHttpServletRequestBuilder builder = request(method, path.replace("{org}", org).replace("{ticket}", ticket)
                    .replace("{user}", user));
            for (int i = 0; i + 1 < params.length; i += 2) {
                builder = builder.param(params[i], params[i + 1]);
            }
            return builder;
        }

        boolean namesTicket() {
            return path.contains("{ticket}");
        }

        boolean namesUser() {
            return path.contains("{user}");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route(HttpMethod.GET, "/organizations/{org}/requests"),
            new Route(HttpMethod.GET, "/organizations/{org}/requests", "status", "OPEN", "page", "2"),
            new Route(HttpMethod.GET, "/organizations/{org}/requests/{ticket}"),
            new Route(HttpMethod.POST, "/organizations/{org}/requests/{ticket}/comments", "text", "Intruding"),
            new Route(HttpMethod.POST, "/organizations/{org}/requests/{ticket}/cancel"),
            new Route(HttpMethod.GET, "/organizations/{org}/users"),
            new Route(HttpMethod.GET, "/organizations/{org}/users/new"),
            new Route(HttpMethod.POST, "/organizations/{org}/users/new", "firstName", "Eve", "lastName", "Intruder", "email",
                    "eve@intruder.test", "role", "USER", "note", "Intruding"),
            new Route(HttpMethod.GET, "/organizations/{org}/users/{user}/request-rights"),
            new Route(HttpMethod.GET, "/organizations/{org}/users/{user}/request-rights", "application", "Showcase 360"),
            new Route(HttpMethod.POST, "/organizations/{org}/users/{user}/request-rights", "application", "Showcase 360",
                    "rights", "Showcase 360 Administrator", "note", "Intruding"),
            new Route(HttpMethod.GET, "/organizations/{org}/users/{user}/request-deactivation"),
            new Route(HttpMethod.POST, "/organizations/{org}/users/{user}/request-deactivation", "reason", "Intruding"));

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ApprovalRequests approvals;

    @Autowired
    ChangeRequests requests;

    @Autowired
    Memberships memberships;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyAddressGivesTheNotFoundPageForAnotherOrganizationsIdsAndChangesNothingThere() throws Exception {
        OrganizationId mine = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        OrganizationView theirs = data.organization(ManagementMode.VENDOR_MANAGED);
        OrganizationId theirsId = OrganizationId.parse(theirs.id());
        TestMember admin = data.manager(mine);
        TestMember colleague = data.user(mine, "Licenses");
        Receipt myTicket = approvals.deactivation(data.actor(admin.userId()), mine, colleague.userId(), "Mine", null);
        TestMember theirAdmin = data.manager(theirsId);
        TestMember stranger = data.user(theirsId, "Licenses");
        Receipt theirTicket = approvals.deactivation(data.actor(theirAdmin.userId()), theirsId, stranger.userId(),
                "Their secret reason", "Their secret note");
        String strangerName = accounts.find(stranger.userId()).lastName();
        long theirRequests = requestsOf(theirsId);
        String unknown = UUID.randomUUID().toString();

        SoftAssertions soft = new SoftAssertions();
        for (Route route : ROUTES) {
            // Their organization with their ids; mine with theirs; theirs with mine; nonsense; mine with unknown ids.
            String[][] attempts = {
                    {theirs.id(), theirTicket.requestId(), stranger.id()},
                    {mine.toString(), theirTicket.requestId(), stranger.id()},
                    {theirs.id(), myTicket.requestId(), colleague.id()},
                    {"not-an-id", theirTicket.requestId(), stranger.id()},
                    {mine.toString(), "not-an-id", unknown}};
            for (String[] attempt : attempts) {
                if (attempt[0].equals(mine.toString()) && !route.namesTicket() && !route.namesUser()) {
                    // My own organization's address, with nothing of theirs in it.
                    continue;
                }
                MockHttpServletResponse response = mvc.perform(route.build(attempt[0], attempt[1], attempt[2])
                        .with(user(admin.id())).with(csrf())).andReturn().getResponse();
                String body = response.getContentAsString();
                String label = route + " with " + String.join(", ", attempt);
                soft.assertThat(response.getStatus()).as(label).isEqualTo(404);
                soft.assertThat(body).as(label).contains("Page not found").doesNotContain(theirs.name(), strangerName,
                        stranger.email(), "Their secret reason", "Their secret note");
            }
        }
        soft.assertAll();

        RequestView after = requests.get(data.admin(), UUID.fromString(theirTicket.requestId()));
        assertThat(after.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(after.timeline()).extracting(RequestView.Event::kind).containsExactly("CREATED");
        assertThat(requestsOf(theirsId)).isEqualTo(theirRequests);
        assertThat(requestsOf(mine)).as("nothing asked for in my organization about their people").isEqualTo(1);
        assertThat(memberships.get(theirsId, stranger.userId()).rights()).containsExactly("Licenses");
        assertThat(memberships.find(theirsId, colleague.userId())).isEmpty();
    }

    @Test
    void theSameAddressesAnswerForTheAdminsOwnOrganization() throws Exception {
        // Guards the table: the 404s above come from isolation, not from a broken route.
        OrganizationId mine = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        TestMember admin = data.manager(mine);
        TestMember colleague = data.member(mine, Role.USER, List.of(), "Licenses");
        Receipt ticket = approvals.deactivation(data.actor(admin.userId()), mine, colleague.userId(), "Mine", null);

        for (Route route : ROUTES) {
            if (route.method() != HttpMethod.GET) {
                continue;
            }
            MockHttpServletResponse response = mvc.perform(route.build(mine.toString(), ticket.requestId(), colleague.id())
                    .with(user(admin.id()))).andReturn().getResponse();
            assertThat(response.getStatus()).as(route.toString()).isEqualTo(200);
        }
    }

    private long requestsOf(OrganizationId organization) {
        return jdbc.sql("select count(*) from change_request where organization_id = ?").param(organization.value())
                .query(Long.class).single();
    }
}
