package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.MockMvc;

/** The shared context sets no metrics token, as an installation that never chose one. */
@IntegrationTest
class MetricsWithoutTokenTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Environment environment;

    @Test
    void withoutATokenConfiguredTheMetricsDoNotExistForAnyone() throws Exception {
        assertThat(environment.getProperty("gatehouse.metrics.token", "")).as("no token in this context").isBlank();

        mvc.perform(get("/actuator/prometheus")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer ")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer anything")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
    }
}
