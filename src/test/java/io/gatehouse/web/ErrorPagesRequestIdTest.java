package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.PortalSession;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Over real HTTP, so that the server's own error dispatch draws the page: the id a person can quote to support. */
@IntegrationTest
class ErrorPagesRequestIdTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Test
    void anUnknownOrganizationsPageShowsTheRequestIdInEnglishAndInFrench() throws Exception {
        TestMember person = data.manager(data.organizationId());
        PortalSession browser = signedIn(person);
        String unknown = "/organizations/" + new OrganizationId(UUID.randomUUID()) + "/users";

        notFoundShowingItsId(browser.page(unknown, "en"), "Page not found", "Request id:");

        speaks(person, Language.FR);
        notFoundShowingItsId(browser.page(unknown, "en"), "Page introuvable", "Identifiant de la requête :");
    }

    @Test
    void anUnknownPathShowsTheRequestIdInEnglishAndInFrench() throws Exception {
        TestMember person = data.manager(data.organizationId());
        PortalSession browser = signedIn(person);

        notFoundShowingItsId(browser.page("/no-such-page-here", "en"), "Page not found", "Request id:");

        speaks(person, Language.FR);
        notFoundShowingItsId(browser.page("/no-such-page-here", "en"), "Page introuvable", "Identifiant de la requête :");
    }

    @Test
    void anApiNotFoundProblemCarriesTheRequestIdOfItsHeader() throws Exception {
        TestMember person = data.manager(data.organizationId());
        String basic = "Basic " + Base64.getEncoder().encodeToString((person.email() + ":" + person.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/organizations/" + new OrganizationId(UUID.randomUUID()) + "/requests"))
                .header("Authorization", basic).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        JsonNode problem = new JsonMapper().readTree(response.body());
        assertThat(problem.path("requestId").asString()).isEqualTo(id);
    }

    private PortalSession signedIn(TestMember person) throws Exception {
        PortalSession browser = new PortalSession(port);
        HttpResponse<String> home = browser.follow(browser.signIn(person.email(), person.password()));
        assertThat(home.statusCode()).isEqualTo(200);
        return browser;
    }

    private void speaks(TestMember person, Language language) {
        accounts.update(data.admin(), person.userId(), new AccountChanges(null, null, null, null, null, language, null, null));
    }

    private static void notFoundShowingItsId(HttpResponse<String> response, String title, String label) {
        assertThat(response.statusCode()).isEqualTo(404);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(response.body()).contains(title, label, "<code>" + id + "</code>");
    }
}
