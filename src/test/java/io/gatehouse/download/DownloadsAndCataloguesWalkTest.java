package io.gatehouse.download;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.catalogue.CatalogueView;
import io.gatehouse.catalogue.Catalogues;
import io.gatehouse.request.ChangeRequests;
import io.gatehouse.access.StaffRole;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * In English, French and Spanish, as a shop's Manager: Products download lists only the releases the
 * licence entitles the shop to, and a file downloaded from it matches the SHA-256 shown beside it; a
 * catalogue requested from Catalogue selection is approved by vendor support and then shows as on the account.
 */
@Tag("browser")
@IntegrationTest
class DownloadsAndCataloguesWalkTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    Catalogues catalogues;

    @Autowired
    ChangeRequests requests;

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "EN|Products download|Catalogue selection|Send request|On your account since",
            "FR|Téléchargement des produits|Sélection de catalogue|Envoyer la demande|Sur votre compte depuis",
            "ES|Descarga de productos|Selección de catálogo|Enviar solicitud|En su cuenta desde"})
    void aManagerDownloadsWhatTheLicenceCoversAndRequestsACatalogueThatSupportApproves(Language language, String productsDownload,
            String catalogueSelection, String sendRequest, String onAccount) throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        accounts.update(data.admin(), manager.userId(), new AccountChanges(null, null, null, null, null, language, null, null));
        String product = api("POST", "/api/v1/products", Map.of("name", TestData.unique("Winner Design"), "kind", "DESKTOP"));
        String stable = api("POST", "/api/v1/products/" + product + "/releases",
                Map.of("version", "12.4", "channel", "STABLE", "releasedOn", "2026-10-01", "notes", Map.of("en", "Faster rendering")));
        String beta = api("POST", "/api/v1/products/" + product + "/releases",
                Map.of("version", "13.0-beta.1", "channel", "BETA", "releasedOn", "2026-11-01"));
        upload(product, stable, "winner-12.4.exe", "the stable installer".getBytes(StandardCharsets.UTF_8));
        upload(product, beta, "winner-13.0-beta.exe", "the beta installer".getBytes(StandardCharsets.UTF_8));
        api("POST", "/api/v1/organizations/" + org + "/licences", Map.of("productId", product, "edition", "Studio",
                "validFrom", "2026-01-01", "channels", List.of("STABLE")));
        CatalogueView catalogue = catalogues.define(data.admin(), TestData.unique("Nobilia"), "Nobilia", "Kitchen fronts", "2026.2",
                null, List.of("EU"), List.of("en", "fr", "es"));
        String walk = "downloads-" + language.name().toLowerCase();

        try (Browser browser = Browser.open(port, walk)) {
            browser.signIn(manager.email(), manager.password());
            browser.click(productsDownload);
            assertThat(browser.text()).contains("winner-12.4.exe").doesNotContain("winner-13.0-beta.exe");
            String shown = browser.one(".sha256").getText().strip();
            String href = browser.one(".download-release a[download]").getDomAttribute("href");
            Object digest = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => crypto.subtle.digest('SHA-256', b))
                      .then(d => done(Array.from(new Uint8Array(d)).map(x => x.toString(16).padStart(2, '0')).join('')))
                      .catch(e => done('failed: ' + e));""", href);
            assertThat(digest).isEqualTo(shown);

            browser.click(catalogueSelection);
            browser.one("tr[data-catalogue='" + catalogue.id() + "'] a.button").click();
            browser.settle().shot("request-form");
            browser.click(sendRequest);
            assertThat(browser.one(".notice").getText()).contains(catalogue.name());
            UUID ticket = UUID.fromString(JsonPath.read(get("/api/v1/organizations/" + org + "/requests"), "$.items[0].id"));
            AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
            requests.approve(data.actor(support.id()), ticket);

            browser.go("/organizations/" + org + "/catalogues?q=" + catalogue.name());
            assertThat(browser.one("tr[data-catalogue='" + catalogue.id() + "']").getText()).contains(onAccount);
            browser.shot("on-account");
        }
    }

    private String api(String method, String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
        return JsonPath.read(response.body(), "$.id");
    }

    private String get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void upload(String product, String release, String name, byte[] content) throws Exception {
        HttpResponse<String> response = http.send(request("/api/v1/products/" + product + "/releases/" + release
                        + "/files?platform=WINDOWS&name=" + name).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private HttpRequest.Builder request(String path) {
        String credentials = TestData.ADMIN_EMAIL + ":" + TestData.ADMIN_PASSWORD;
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
}
