package io.gatehouse.oidc;

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
@IntegrationTest
class ExampleApplicationWalkTest {

    static final UUID SHOWCASE = OidcFlowTest.SHOWCASE;

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    ClientRegistrations registrations;

    ConfigurableApplicationContext example;
    String exampleUrl;

    @BeforeEach
    void startTheExampleApplication() throws Exception {
        int examplePort;
        try (ServerSocket free = new ServerSocket(0)) {
            examplePort = free.getLocalPort();
        }
        exampleUrl = "http://127.0.0.1:" + examplePort;
        ClientRegistration registration = ClientRegistration.of(List.of(exampleUrl + "/login/oauth2/code/gatehouse"),
                List.of(exampleUrl + "/"), exampleUrl + "/logout/connect/back-channel/gatehouse", null, false, false);
        registrations.register(data.admin(), SHOWCASE, registration);
        String secret = registrations.rotateSecret(data.admin(), SHOWCASE).clientSecret();
        example = new SpringApplicationBuilder(ShowcaseApplication.class).properties(Map.of(
                // Its own settings only: nothing of Gatehouse's configuration or database.
                "spring.config.name", "showcase-example",
                "spring.autoconfigure.exclude", "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "spring.main.banner-mode", "off",
                "server.port", Integer.toString(examplePort),
                "server.address", "127.0.0.1",
                "spring.security.oauth2.client.registration.gatehouse.client-id", SHOWCASE.toString(),
                "spring.security.oauth2.client.registration.gatehouse.client-secret", secret,
                "spring.security.oauth2.client.registration.gatehouse.scope", "openid,profile,email",
                "spring.security.oauth2.client.provider.gatehouse.issuer-uri", "http://localhost:" + port,
                "showcase.admin-right", "Showcase 360 Administrator"))
                .properties(Map.of("showcase.webhook-secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]),
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
        TestMember person = data.member(organization, Role.USER, List.of(site.id()), "Showcase 360 Administrator", "Licenses");
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
            assertThat(browser.driver().findElement(By.id("rights")).getText()).isEqualTo("Showcase 360 Administrator");
            assertThat(browser.driver().findElement(By.id("sites")).getText()).isEqualTo(site.name());

            browser.driver().get(exampleUrl + "/admin");
            assertThat(browser.driver().findElement(By.id("admin")).getText()).contains("Administration of");
        }
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
