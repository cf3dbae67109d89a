package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.shared.OrganizationId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class MemberApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Test
    void managerCreatesUserWithAccessRightsAndFindsThemBySearch() throws Exception {
        OrganizationId org = data.organizationId();
        var manager = data.manager(org);
        mvc.perform(post("/api/v1/organizations/{org}/members", org)
                        .with(httpBasic(manager.email(), manager.password()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"firstName":"Zoé","lastName":"Durand","email":"Zoe.Durand@Shop.test","password":"Blue-Kitchen-Cabinet-7",
                                 "role":"USER","rights":["Showcase 360 Administrator","Licenses"]}"""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.login").value("Zoe.Durand@Shop.test"))
                .andExpect(jsonPath("$.rights.length()").value(2))
                .andExpect(jsonPath("$.status").value("ACTIVE"));

        mvc.perform(get("/api/v1/organizations/{org}/members", org).param("q", "zo")
                        .with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].lastName").value("Durand"));
        assertThat(data.auditEntries(org, "member.added")).isEqualTo(2);
    }
}
