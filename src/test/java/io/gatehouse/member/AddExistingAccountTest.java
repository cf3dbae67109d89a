package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.Accounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Adding an address that already has an account tells the one adding that the address is now a
 * member, with the access they gave: nothing of the person's own profile.
 */
@IntegrationTest
class AddExistingAccountTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Test
    void addingAnExistingAccountAnswersWithoutItsNamePositionLoginOrLastSignIn() throws Exception {
        TestMember elsewhere = data.user(data.organizationId());
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String body = mvc.perform(post("/api/v1/organizations/{org}/members", org).with(user(manager.id())).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"firstName":"Typed","lastName":"ByTheManager","email":"%s","role":"USER","rights":["Licenses"]}"""
                                .formatted(elsewhere.email().toUpperCase())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.userId").value(elsewhere.id()))
                .andExpect(jsonPath("$.email").value(elsewhere.email()))
                .andExpect(jsonPath("$.role").value("USER"))
                .andExpect(jsonPath("$.rights[0]").value("Licenses"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.firstName").doesNotExist())
                .andExpect(jsonPath("$.lastName").doesNotExist())
                .andExpect(jsonPath("$.login").doesNotExist())
                .andExpect(jsonPath("$.position").doesNotExist())
                .andExpect(jsonPath("$.lastSignInAt").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String surname = accounts.findByEmail(elsewhere.email()).orElseThrow().lastName();
        assertThat(body).doesNotContain(surname).doesNotContain("ByTheManager");
    }

    @Test
    void aNewAccountIsAnsweredWithWhatTheManagerTyped() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        mvc.perform(post("/api/v1/organizations/{org}/members", org).with(user(manager.id())).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"firstName":"Nina","lastName":"New","email":"nina-%d@example.test","position":"Buyer",
                                 "password":"Blue-Kitchen-Cabinet-7","role":"USER"}""".formatted(System.nanoTime())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.firstName").value("Nina"))
                .andExpect(jsonPath("$.position").value("Buyer"));
    }

    @Test
    void invitingAnExistingAccountAnswersOnlyThatItWasAdded() throws Exception {
        TestMember elsewhere = data.user(data.organizationId());
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String surname = accounts.findByEmail(elsewhere.email()).orElseThrow().lastName();
        String body = mvc.perform(post("/api/v1/organizations/{org}/invitations", org).with(user(manager.id())).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"emails\":\"" + elsewhere.email() + "\",\"role\":\"USER\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].outcome").value("ADDED"))
                .andExpect(jsonPath("$.results[0].email").value(elsewhere.email()))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain(surname).doesNotContain(elsewhere.id());
    }
}
