package io.gatehouse.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import jakarta.servlet.http.Cookie;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
@TestPropertySource(properties = "gatehouse.api-docs=authenticated")
class ApiDocsAuthenticatedTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Test
    void theApiDescriptionAsksStrangersToSignInFirst() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(redirectedUrl("/signin"));
        mvc.perform(get("/swagger-ui/index.html")).andExpect(redirectedUrl("/signin"));
    }

    @Test
    void anyoneSignedInReadsTheApiDescription() throws Exception {
        var person = data.user(data.organizationId());
        Cookie session = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/signin").param("email", person.email()).param("password", person.password())
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(redirectedUrl("/")).andReturn().getResponse().getCookie("SESSION");

        mvc.perform(get("/v3/api-docs").cookie(session)).andExpect(status().isOk());
    }
}
