package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
@TestPropertySource(properties = "gatehouse.metrics.token=scrape-token-for-tests")
class OperationsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MeterRegistry registry;
    @Autowired
    HealthEndpointGroups groups;

    @Test
    void probesAnswerAnyoneAndOnlyReadinessAsksTheDatabase() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.components").doesNotExist());
        assertThat(groups.get("readiness").isMember("db")).isTrue();
        assertThat(groups.get("liveness").isMember("db")).isFalse();
    }

    @Test
    void metricsRefuseACallerWithoutTheRightToken() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer wrong-token")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/env").header("Authorization", "Bearer scrape-token-for-tests")).andExpect(status().is4xxClientError());
    }

    @Test
    void metricsWithTheTokenListEveryFigureAndRoutesByTemplate() throws Exception {
        mvc.perform(get("/organizations/00000000-0000-0000-0000-000000000001/users"));
        mvc.perform(get("/signin")).andExpect(status().isOk());
        String text = mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer scrape-token-for-tests"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(text).contains("gatehouse_sign_ins_total", "gatehouse_sign_in_failures_total", "gatehouse_sign_in_throttled_total",
                "gatehouse_support_requests_pending", "gatehouse_support_requests_oldest_pending_seconds", "gatehouse_mail_queued",
                "gatehouse_mail_retrying", "gatehouse_mail_failed", "gatehouse_webhook_deliveries_pending",
                "http_server_requests_seconds_bucket", "uri=\"/signin\"");
        assertThat(text).doesNotContain("00000000-0000-0000-0000-000000000001");
    }

    @Test
    void aWrongPasswordCountsAsAFailedSignIn() throws Exception {
        double before = failures("bad_credentials");
        mvc.perform(post("/signin").with(csrf()).param("email", "nobody-" + System.nanoTime() + "@example.test")
                .param("password", "wrong"));
        assertThat(failures("bad_credentials")).isEqualTo(before + 1);
    }

    @Test
    void everyResponseCarriesARequestIdAndAProxysPlainIdIsKept() throws Exception {
        mvc.perform(get("/signin")).andExpect(header().string("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{32}")));
        mvc.perform(get("/signin").header("X-Request-Id", "proxy-id.42_A")).andExpect(header().string("X-Request-Id", "proxy-id.42_A"));
        mvc.perform(get("/signin").header("X-Request-Id", "bad id\nforged"))
                .andExpect(header().string("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{32}")));
        mvc.perform(get("/css/gatehouse.css")).andExpect(header().exists("X-Request-Id"));
    }

    @Test
    void aProblemNamesItsRequestId() throws Exception {
        mvc.perform(get("/api/v1/requests").header("X-Request-Id", "quote-me-1"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("X-Request-Id", "quote-me-1"))
                .andExpect(jsonPath("$.requestId").value("quote-me-1"));
    }

    private double failures(String reason) {
        return registry.get("gatehouse.sign.in.failures").tags("reason", reason, "channel", "portal", "method", "password")
                .counter().count();
    }
}
