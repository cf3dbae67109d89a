package io.gatehouse.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.mail.Mails;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The per-organization hourly limit against spam, set low here so a test can reach it. */
@IntegrationTest
@TestPropertySource(properties = "gatehouse.invitations.per-hour=3")
class InvitationLimitTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Mails mails;

    @Test
    void anOrganizationPastItsHourlyLimitGetsAClearMessageAndNothingIsSent() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String first = address("a");
        String second = address("b");
        String third = address("c");

        invite(org, manager, "\"" + first + ";" + second + "\"").andExpect(status().isOk());
        invite(org, manager, "\"" + third + ";" + address("d") + "\"")
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.detail").value(containsString("at most 3 people per hour; 1 more can be invited now")));
        assertThat(mails.to(third)).isEmpty();

        invite(org, manager, "\"" + third + "\"").andExpect(status().isOk());
        // Another organization has a limit of its own.
        OrganizationId other = data.organizationId();
        invite(other, data.manager(other), "\"" + address("e") + "\"").andExpect(status().isOk());
    }

    private ResultActions invite(OrganizationId org, TestMember who, String emails) throws Exception {
        return mvc.perform(post("/api/v1/organizations/{org}/invitations", org).with(httpBasic(who.email(), who.password()))
                .contentType(MediaType.APPLICATION_JSON).content("{\"emails\":" + emails + ",\"role\":\"USER\"}"));
    }

    private static String address(String name) {
        return TestData.unique(name) + "@limit.test";
    }
}
