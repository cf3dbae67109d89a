package io.gatehouse.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.GatehouseApplication;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Two nodes of Gatehouse on one database, as behind a load balancer: the second is a whole
 * application of its own, started here on the first one's database.
 */
@IntegrationTest
@TestPropertySource(properties = "gatehouse.sign-in.max-failures-per-account=6")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedSignInCountsTest {

    private static final String WRONG = "Definitely-Not-It-404";

    @Autowired
    MockMvc first;

    @Autowired
    TestData data;

    @Autowired
    Environment environment;

    private ConfigurableApplicationContext secondNode;
    private MockMvc second;

    @BeforeAll
    void startASecondNode() {
        // As arguments, which come before application.properties (defaults would come after it).
        List<String> arguments = new ArrayList<>();
        for (String name : new String[] {"spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "gatehouse.sign-in.max-failures-per-account"}) {
            arguments.add("--" + name + "=" + environment.getProperty(name, ""));
        }
        arguments.add("--server.port=0");
        arguments.add("--spring.datasource.hikari.maximum-pool-size=3");
        secondNode = new SpringApplicationBuilder(GatehouseApplication.class).profiles("test").run(arguments.toArray(String[]::new));
        second = MockMvcBuilders.webAppContextSetup((WebApplicationContext) secondNode).apply(springSecurity()).build();
    }

    @AfterAll
    void stopTheSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    @Test
    void failuresCountedOnEitherNodeAddUpAndLockTheAccountOnBoth() throws Exception {
        TestMember person = data.user(data.organizationId());
        for (int attempt = 1; attempt <= 3; attempt++) {
            first.perform(get("/api/v1/me").with(httpBasic(person.email(), WRONG)).with(from("192.0.2.10"))).andExpect(status().isUnauthorized());
            second.perform(get("/api/v1/me").with(httpBasic(person.email(), WRONG)).with(from("192.0.2.11"))).andExpect(status().isUnauthorized());
        }

        first.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(from("198.51.100.10")))
                .andExpect(status().isTooManyRequests());
        second.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(from("198.51.100.11")))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void aDeviceCookieOneNodeSetIsHonouredByTheOther() throws Exception {
        TestMember person = data.user(data.organizationId());
        Cookie device = ThrottlingTest.deviceCookie(first.perform(post("/signin").param("email", person.email())
                        .param("password", person.password()).with(csrf()).with(from("198.51.100.12")))
                .andExpect(redirectedUrl("/")).andReturn());
        for (int attempt = 1; attempt <= 6; attempt++) {
            first.perform(get("/api/v1/me").with(httpBasic(person.email(), WRONG)).with(from("192.0.2.12"))).andExpect(status().isUnauthorized());
        }

        second.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).cookie(device).with(from("198.51.100.12")))
                .andExpect(status().isOk());
        second.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(from("198.51.100.12")))
                .andExpect(status().isTooManyRequests());
    }

    private static RequestPostProcessor from(String remoteAddress) {
        return request -> {
            request.setRemoteAddr(remoteAddress);
            return request;
        };
    }
}
