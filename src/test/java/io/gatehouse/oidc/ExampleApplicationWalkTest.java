package io.gatehouse.oidc;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.showcase.ShowcaseApplication;
import io.gatehouse.access.Role;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.Browser;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example application (examples/showcase), a Spring Boot application using Spring Security's
 * OAuth 2.0 client, run against Gatehouse and driven in headless Chromium: a person signs in
 * through Gatehouse and the application shows their organization, role, rights and sites.
 */
@Tag("browser")
@IntegrationTest
class ExampleApplicationWalkTest {


    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    ClientRegistrations registrations;

    @Autowired
    io.gatehouse.webhook.ApplicationWebhooks webhooks;

    @Autowired
    io.gatehouse.member.Members members;

    @Autowired
    io.gatehouse.user.Accounts accounts;

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    UUID application;
    String adminRight;
    String userRight;

    ConfigurableApplicationContext example;
    String exampleUrl;

    @BeforeEach
    void startTheExampleApplication() throws Exception {
        int examplePort;
        try (ServerSocket free = new ServerSocket(0)) {
            examplePort = free.getLocalPort();
        }
        exampleUrl = "http://127.0.0.1:" + examplePort;
        adminRight = TestData.unique("Planner Administrator");
        userRight = TestData.unique("Planner User");
        application = UUID.fromString(com.jayway.jsonpath.JsonPath.read(mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/applications")
                                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                        .httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))
                                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                                .content("{\"name\": \"%s\", \"rights\": [{\"name\": \"%s\"}, {\"name\": \"%s\"}]}"
                                        .formatted(TestData.unique("Planner"), adminRight, userRight)))
                .andReturn().getResponse().getContentAsString(), "$.id"));
        ClientRegistration registration = ClientRegistration.of(List.of(exampleUrl + "/login/oauth2/code/gatehouse"),
                List.of(exampleUrl + "/"), exampleUrl + "/logout/connect/back-channel/gatehouse", null, false, false, null);
        ClientRegistrations.WithWebhook registered = registrations.registerWithWebhook(data.admin(), application, registration,
                exampleUrl + "/webhooks/gatehouse");
        String secret = registered.client().clientSecret();
        String webhookSecret = registered.webhookSecret();
        example = new SpringApplicationBuilder(ShowcaseApplication.class).properties(Map.of(
                // Its own settings only: nothing of Gatehouse's configuration or database.
                "spring.config.name", "showcase-example",
                "spring.autoconfigure.exclude", "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "spring.main.banner-mode", "off",
                "server.port", Integer.toString(examplePort),
                "server.address", "127.0.0.1",
                "spring.security.oauth2.client.registration.gatehouse.client-id", application.toString(),
                "spring.security.oauth2.client.registration.gatehouse.client-secret", secret,
                "spring.security.oauth2.client.registration.gatehouse.scope", "openid,profile,email",
                "spring.security.oauth2.client.provider.gatehouse.issuer-uri", "http://localhost:" + port,
                "showcase.admin-right", adminRight))
                .properties(Map.of("showcase.webhook-secret", webhookSecret,
                        "spring.thymeleaf.check-template-location", "false"))
                .run();
    }

    @AfterEach
    void stopTheExampleApplication() {
        if (example != null) {
            example.close();
        }
    }

    @Test
    void aPersonSignsInToTheExampleApplicationThroughGatehouseAndItShowsTheirOrganizationRoleRightsAndSites() {
        OrganizationId organization = data.organizationId();
        var site = data.site(organization);
        TestMember person = data.member(organization, Role.USER, List.of(site.id()), adminRight, userRight, "Licenses");
        try (Browser browser = Browser.open(port, "example-application")) {
            browser.driver().get(exampleUrl + "/");
            assertThat(browser.driver().getCurrentUrl()).startsWith("http://localhost:" + port + "/signin");
            browser.field("Email").sendKeys(person.email());
            browser.field("Password").sendKeys(person.password());
            browser.click("Sign in");
            eventually(() -> browser.driver().getCurrentUrl().startsWith(exampleUrl),
                    () -> browser.driver().getCurrentUrl() + "\n" + browser.text());
            browser.shot("example-home");

            assertThat(browser.driver().findElement(By.id("who")).getText()).contains(person.email());
            assertThat(browser.driver().findElement(By.id("role")).getText()).isEqualTo("USER");
            assertThat(browser.driver().findElement(By.id("rights")).getText().lines().sorted().toList())
                    .isEqualTo(List.of(adminRight, userRight).stream().sorted().toList());
            assertThat(browser.driver().findElement(By.id("sites")).getText()).isEqualTo(site.name());

            browser.driver().get(exampleUrl + "/admin");
            assertThat(browser.driver().findElement(By.id("admin")).getText()).contains("Administration of");
        }
    }

    @Test
    void aRightWithdrawnInThePortalClosesTheApplicationsPageOnItsNextRequest() {
        OrganizationId organization = data.organizationId();
        TestMember person = data.user(organization, adminRight, userRight);
        try (Browser browser = Browser.open(port, "example-application-right-withdrawn")) {
            signInThroughTheExample(browser, person);
            browser.driver().get(exampleUrl + "/admin");
            assertThat(browser.driver().findElement(By.id("admin")).getText()).contains("Administration of");

            members.change(data.admin(), organization, person.userId(), new io.gatehouse.member.Members.MemberChange(null,
                    List.of(userRight), null, null));

            eventually(() -> {
                browser.driver().get(exampleUrl + "/admin");
                return browser.driver().findElements(By.id("admin")).isEmpty();
            }, () -> browser.driver().getCurrentUrl() + "\n" + browser.text());
            browser.shot("admin-refused");
            browser.driver().get(exampleUrl + "/");
            assertThat(browser.driver().findElement(By.id("rights")).getText()).isEqualTo(userRight);
        }
    }

    @Test
    void aDisabledAccountsSessionInTheApplicationEndsAtOnce() {
        OrganizationId organization = data.organizationId();
        TestMember person = data.user(organization, adminRight);
        try (Browser browser = Browser.open(port, "example-application-disabled")) {
            signInThroughTheExample(browser, person);

            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch("/api/v1/users/{id}", person.id())
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                            .httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{\"disabled\": true}"))
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());

            eventually(() -> {
                browser.driver().get(exampleUrl + "/");
                return browser.driver().getCurrentUrl().startsWith("http://localhost:" + port + "/signin");
            }, () -> browser.driver().getCurrentUrl() + "\n" + browser.text());
            browser.shot("signed-out");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void signInThroughTheExample(Browser browser, TestMember person) {
        browser.driver().get(exampleUrl + "/");
        browser.field("Email").sendKeys(person.email());
        browser.field("Password").sendKeys(person.password());
        browser.click("Sign in");
        eventually(() -> browser.driver().getCurrentUrl().startsWith(exampleUrl),
                () -> browser.driver().getCurrentUrl() + "\n" + browser.text());
    }

    static void eventually(BooleanSupplier condition, java.util.function.Supplier<String> state) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 15 s: " + state.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
