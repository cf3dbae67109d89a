package io.gatehouse.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
@TestPropertySource(properties = "GATEHOUSE_API_DOCS=off")
class ApiDocsOffTest {

    @Autowired
    MockMvc mvc;

    @Test
    void withTheApiDescriptionOffItsPathsDoNotExistForAnyone() throws Exception {
        for (String path : new String[] {"/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui.html", "/swagger-ui/index.html"}) {
            mvc.perform(get(path)).andExpect(status().isNotFound());
            mvc.perform(get(path).with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))).andExpect(status().isNotFound());
        }
    }

    @Test
    void theApiItselfStillAnswers() throws Exception {
        mvc.perform(get("/api/v1/me").with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))).andExpect(status().isOk());
    }
}
