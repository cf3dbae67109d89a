package io.gatehouse.member;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.Role;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** "Export the user list": a Manager exports the pre-filtered list as CSV. */
@Tag("browser")
@IntegrationTest
class ExportUsersWalkTest {

    /** Fetches a link signed in as the page is, as clicking it would, and reports what came back. */
    private static final String FETCH = """
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], {credentials: 'same-origin'})
              .then(r => r.arrayBuffer().then(b => {
                const bytes = new Uint8Array(b);
                done({status: r.status, type: r.headers.get('Content-Type'),
                      disposition: r.headers.get('Content-Disposition'),
                      bom: Array.from(bytes.slice(0, 3)).join(','),
                      text: new TextDecoder('utf-8').decode(bytes)});
              }))
              .catch(e => done({error: String(e)}));""";

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Members members;

    @Test
    void aManagerExportsTheFilteredListAsCsv() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        for (String last : List.of("Durand", "Dupont", "Lopez")) {
            members.add(data.admin(), org, new Members.NewMember("Test", last, TestData.unique(last).toLowerCase() + "@example.test",
                    null, null, TestData.PASSWORD, Role.USER, List.of("Licenses"), List.of()));
        }

        try (Browser browser = Browser.open(port, "export-users")) {
            browser.signIn(manager.email(), manager.password());
            browser.click("User Management");
            browser.type("Search", "du");
            MemberListWalkTest.waitForRows(browser, 2);
            browser.shot("filtered");

            // The "Export users" button carries the list's filters.
            String href = browser.one("#export-users").getAttribute("href");
            assertThat(href).endsWith("/organizations/" + org + "/users/export.csv?q=du");
            @SuppressWarnings("unchecked")
            Map<String, Object> file = (Map<String, Object>) MemberListWalkTest.js(browser).executeAsyncScript(FETCH, href);

            assertThat(file.get("status")).isEqualTo(200L);
            assertThat((String) file.get("type")).startsWith("text/csv");
            assertThat((String) file.get("disposition")).startsWith("attachment; filename=\"users-");
            assertThat(file.get("bom")).isEqualTo("239,187,191");
            String text = (String) file.get("text");
            assertThat(text).startsWith("First name,Last name,Email,Login,Created,Status,Version used,Language,Location,Company,Role,Sites,Applications\r\n");
            assertThat(text.split("\r\n")).hasSize(3);
            assertThat(text).contains("Test,Durand,", "Test,Dupont,").doesNotContain("Lopez");
        }
    }
}
