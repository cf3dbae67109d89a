package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.gatehouse.access.MembershipStatus;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A Manager of A aims at organization B and its people by every address of the page: each answers
 * the "page not found" page, shows nothing of B, and changes nothing in B.
 */
@IntegrationTest
class MemberDetailIsolationTest {

    /** One route of the page; {org}, {user} and {other} are filled in per attempt. */
    record Route(HttpMethod method, String path, String... params) {

        MockHttpServletRequestBuilder build(String org, String user, String other) {
            MockHttpServletRequestBuilder builder = request(method, "/organizations/" + org + "/users/" + user
                    + path.replace("{other}", other));
            for (int i = 0; i + 1 < params.length; i += 2) {
                builder = builder.param(params[i], params[i + 1].replace("{other}", other));
            }
            return builder;
        }

        boolean namesOther() {
            return path.contains("{other}") || String.join(" ", params).contains("{other}");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route(HttpMethod.GET, ""),
            new Route(HttpMethod.GET, "", "tab", "organizations"),
            new Route(HttpMethod.GET, "", "tab", "properties", "edit", ""),
            new Route(HttpMethod.POST, "/properties", "firstName", "Eve", "lastName", "Intruder", "email", "eve@intruder.test",
                    "position", "", "language", "en", "dateFormat", "dd/MM/yyyy"),
            new Route(HttpMethod.POST, "/disabled", "disabled", "true"),
            new Route(HttpMethod.POST, "/rights", "rights", "Licenses"),
            new Route(HttpMethod.POST, "/rights", "rights", "Licenses", "changed", "Licenses"),
            new Route(HttpMethod.POST, "/block"),
            new Route(HttpMethod.POST, "/unblock"),
            new Route(HttpMethod.GET, "/remove"),
            new Route(HttpMethod.POST, "/remove", "organizations", "{other}"),
            new Route(HttpMethod.POST, "/memberships", "organizationId", "{other}", "role", "USER"),
            new Route(HttpMethod.POST, "/memberships/{other}/role", "role", "MANAGER"),
            new Route(HttpMethod.POST, "/memberships/{other}/sites", "sites", "00000000-0000-0000-0000-000000000000"),
            new Route(HttpMethod.POST, "/memberships/{other}/remove"));

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    Memberships memberships;

    @Test
    void everyAddressOfThePageGivesTheNotFoundPageForAnotherOrganizationsIdsAndChangesNothingThere() throws Exception {
        OrganizationId mine = data.organizationId();
        OrganizationView theirs = data.organization();
        OrganizationId theirsId = OrganizationId.parse(theirs.id());
        TestMember manager = data.manager(mine);
        TestMember colleague = data.user(mine);
        TestMember stranger = data.user(theirsId, "Licenses");
        data.manager(theirsId);
        AccountView before = accounts.find(stranger.userId());

        SoftAssertions soft = new SoftAssertions();
        for (Route route : ROUTES) {
            // Their organization and their person; my organization and their person; my person with their organization.
            String[][] attempts = {
                    {theirs.id(), stranger.id(), theirs.id()},
                    {mine.toString(), stranger.id(), theirs.id()},
                    {theirs.id(), colleague.id(), theirs.id()},
                    {"not-an-id", stranger.id(), theirs.id()},
                    {mine.toString(), "00000000-0000-0000-0000-000000000001", theirs.id()}};
            for (String[] attempt : attempts) {
                MockHttpServletResponse response = mvc.perform(route.build(attempt[0], attempt[1], attempt[2])
                        .with(user(manager.id())).with(csrf())).andReturn().getResponse();
                String body = response.getContentAsString();
                String label = route + " with " + String.join(", ", attempt);
                soft.assertThat(response.getStatus()).as(label).isEqualTo(404);
                soft.assertThat(body).as(label).contains("Page not found")
                        .doesNotContain(before.lastName()).doesNotContain(stranger.email()).doesNotContain(theirs.name());
            }
        }
        // Routes whose own organization is mine and person is mine, but which name their organization in the path or form.
        for (Route route : ROUTES.stream().filter(Route::namesOther).toList()) {
            MockHttpServletResponse response = mvc.perform(route.build(mine.toString(), colleague.id(), theirs.id())
                    .with(user(manager.id())).with(csrf())).andReturn().getResponse();
            soft.assertThat(response.getStatus()).as(route + " naming their organization").isEqualTo(404);
            soft.assertThat(response.getContentAsString()).as(route + " naming their organization").doesNotContain(theirs.name());
        }
        soft.assertAll();

        assertThat(accounts.find(stranger.userId())).isEqualTo(before);
        assertThat(memberships.get(theirsId, stranger.userId()).status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(memberships.get(theirsId, stranger.userId()).rights()).containsExactly("Licenses");
        assertThat(memberships.find(theirsId, colleague.userId())).isEmpty();
        assertThat(memberships.get(theirsId, stranger.userId()).role()).isEqualTo(Role.USER);
    }
}
