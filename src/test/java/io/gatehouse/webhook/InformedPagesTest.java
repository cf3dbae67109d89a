package io.gatehouse.webhook;

import static io.gatehouse.webhook.WebhookFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.access.Role;
import io.gatehouse.access.StaffRole;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import io.gatehouse.webhook.WebhookFixtures.App;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** An approved ticket and the member's page say which applications were told of the change, and how far each got. */
@IntegrationTest
class InformedPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationWebhooks webhooks;

    @Test
    void anApprovedRequestsTicketShowsTheApplicationsInformed() throws Exception {
        App app = WebhookFixtures.application(jdbc);
        OrganizationId org = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        TestMember manager = data.member(org, Role.MANAGER, List.of(), "User Management", app.right());
        TestMember person = data.user(org, app.right(), "Licenses");
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            webhooks.configure(data.admin(), app.id(), receiver.url());
            String body = mvc.perform(patch("/api/v1/organizations/{org}/members/{user}", org, person.id())
                            .with(httpBasic(manager.email(), manager.password()))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"rights\":[\"Licenses\"]}"))
                    .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
            String requestId = JsonPath.read(body, "$.requestId");
            assertThat(receiver.received()).as("nothing changes, nobody is told, until the vendor approves").isEmpty();

            mvc.perform(post("/api/v1/requests/{id}/approve", requestId).with(httpBasic(support.email(), TestData.PASSWORD)))
                    .andExpect(status().isOk());
            await("the application is told", () -> receiver.accepted().size() == 1);
            assertThat(receiver.accepted().get(0).body()).contains("\"changeRequestId\":\"" + requestId + "\"");
            await("recorded as delivered", () -> "DELIVERED".equals(jdbc.sql(
                    "select status from webhook_delivery where user_id = ?").param(person.userId().value()).query(String.class).single()));

            String ticket = page(get("/requests/{id}", requestId).with(user(support.userId().toString())));
            assertThat(ticket).contains("1 of 1 applications informed").contains(app.name() + ": informed after")
                    .containsPattern("Applied (less than )?[0-9.,]+ (s|min) ago");

            String memberPage = page(get("/organizations/{org}/users/{user}", org, person.id())
                    .with(user(manager.userId().toString())));
            assertThat(memberPage).contains("1 of 1 applications informed");
        } finally {
            webhooks.remove(data.admin(), app.id());
        }
    }

    @Test
    void aTicketWithoutDeliveriesSaysNothingAboutApplications() throws Exception {
        OrganizationId org = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        TestMember manager = data.member(org, Role.MANAGER, List.of(), "User Management", "Licenses");
        TestMember person = data.user(org, "Licenses");
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String body = mvc.perform(patch("/api/v1/organizations/{org}/members/{user}", org, person.id())
                        .with(httpBasic(manager.email(), manager.password()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rights\":[]}"))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        String requestId = JsonPath.read(body, "$.requestId");
        mvc.perform(post("/api/v1/requests/{id}/approve", requestId).with(httpBasic(support.email(), TestData.PASSWORD)))
                .andExpect(status().isOk());

        assertThat(page(get("/requests/{id}", requestId).with(user(support.userId().toString())))).doesNotContain("informed");
    }

    private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
