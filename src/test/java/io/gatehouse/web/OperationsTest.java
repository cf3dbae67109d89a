package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.member.ApprovalRequests;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.time.Duration;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
// Two failures shut an account out: enough to see the throttle count.
@TestPropertySource(properties = {"gatehouse.metrics.token=scrape-token-for-tests", "gatehouse.sign-in.max-failures-per-account=2"})
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    MeterRegistry registry;
    @Autowired
    HealthEndpointGroups groups;
    @Autowired
    TestData data;
    @Autowired
    ApprovalRequests approvals;
    @Autowired
    JdbcClient jdbc;

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
        // Requests in progress are not counted: that gauge costs each request a few per cent of its time.
        assertThat(text).doesNotContain("http_server_requests_active");
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

    @Test
    void aThrottledAttemptCountsAsThrottledAndAsAFailureForThatReason() throws Exception {
        String email = "guessed-" + System.nanoTime() + "@example.test";
        double throttled = scraped("gatehouse_sign_in_throttled_total", "channel=\"portal\"", "step=\"first_factor\"");
        double failed = scraped("gatehouse_sign_in_failures_total", "channel=\"portal\"", "method=\"password\"", "reason=\"throttled\"");

        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/signin").with(csrf()).param("email", email).param("password", "wrong-" + i));
        }
        assertThat(scraped("gatehouse_sign_in_throttled_total", "channel=\"portal\"", "step=\"first_factor\"")).isEqualTo(throttled);

        mvc.perform(post("/signin").with(csrf()).param("email", email).param("password", "wrong-again"));

        assertThat(scraped("gatehouse_sign_in_throttled_total", "channel=\"portal\"", "step=\"first_factor\"")).isEqualTo(throttled + 1);
        assertThat(scraped("gatehouse_sign_in_failures_total", "channel=\"portal\"", "method=\"password\"", "reason=\"throttled\""))
                .isEqualTo(failed + 1);
    }

    @Test
    void aPendingSupportRequestShowsInTheQueueFiguresWithItsAge() throws Exception {
        OrganizationId organization = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        TestMember manager = data.manager(organization);
        approvals.deactivation(data.actor(manager.userId()), organization, data.user(organization).userId(), "Left the company", null);
        long waiting = jdbc.sql("select count(*) from change_request where status in ('OPEN', 'IN_PROGRESS')").query(Long.class).single();
        assertThat(waiting).isPositive();

        // The figures are read from the database at most every few seconds.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(scraped("gatehouse_support_requests_pending")).isEqualTo(waiting);
            assertThat(scraped("gatehouse_support_requests_oldest_pending_seconds")).isPositive();
        });
    }

    @Test
    void plainTextLogLinesAreNotJsonAndCarryTheRequestId(CapturedOutput output) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("io.gatehouse.web.RequestLogging", LogLevel.DEBUG);
        try {
            int before = output.getOut().length();
            String id = mvc.perform(get("/signin")).andReturn().getResponse().getHeader("X-Request-Id");
            List<String> lines = output.getOut().substring(before).lines().filter(line -> line.contains(id)).toList();
            assertThat(lines).isNotEmpty().allSatisfy(line -> {
                assertThat(line.strip()).doesNotStartWith("{");
                assertThatThrownBy(() -> new JsonMapper().readTree(line)).isInstanceOf(JacksonException.class);
            });
            assertThat(lines.get(lines.size() - 1)).contains("[" + id + "]", "GET /signin 200");
        } finally {
            logging.setLogLevel("io.gatehouse.web.RequestLogging", null);
        }
    }

    /** One sample of the Prometheus text: the line of that name with all those labels. */
    private double scraped(String name, String... labels) throws Exception {
        String text = mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer scrape-token-for-tests"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> lines = text.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains)).toList();
        assertThat(lines).as("%s %s", name, List.of(labels)).hasSize(1);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private double failures(String reason) {
        return registry.get("gatehouse.sign.in.failures").tags("reason", reason, "channel", "portal", "method", "password")
                .counter().count();
    }
}
