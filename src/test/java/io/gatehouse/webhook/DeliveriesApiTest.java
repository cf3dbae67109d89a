package io.gatehouse.webhook;

import static io.gatehouse.webhook.WebhookFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Memberships;
import io.gatehouse.access.StaffRole;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import io.gatehouse.webhook.WebhookFixtures.App;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class DeliveriesApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationWebhooks webhooks;

    @Autowired
    DeliveryDispatcher dispatcher;

    @Autowired
    Memberships memberships;

    @Test
    void theVendorAdminRetriesAFailedDeliveryOnceTheApplicationIsBack() throws Exception {
        App app = WebhookFixtures.application(jdbc);
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org, app.right());
        try (WebhookReceiver back = new WebhookReceiver()) {
            String gone;
            try (WebhookReceiver down = new WebhookReceiver()) {
                gone = down.url();
            }
            webhooks.configure(data.admin(), app.id(), gone);
            memberships.block(org, person.userId());
            String id = deliveryOf(person);
            await("tried and refused", () -> "RETRYING".equals(statusOf(id)));
            dispatcher.sendDue(Clock.offset(Clock.systemUTC(), Duration.ofHours(25)));
            assertThat(statusOf(id)).isEqualTo("FAILED");

            mvc.perform(get("/api/v1/applications/{app}/deliveries", app.id()).param("status", "failed").with(admin()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").value(1))
                    .andExpect(jsonPath("$.items[0].id").value(id))
                    .andExpect(jsonPath("$.items[0].userId").value(person.id()))
                    .andExpect(jsonPath("$.items[0].lastError").isNotEmpty());
            mvc.perform(get("/api/v1/applications/{app}/deliveries", app.id()).param("status", "delivered").with(admin()))
                    .andExpect(jsonPath("$.total").value(0));

            webhooks.configure(data.admin(), app.id(), back.url());
            mvc.perform(post("/api/v1/applications/{app}/deliveries/{id}/retry", app.id(), id).with(admin()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("RETRYING"));
            await("delivered once retried", () -> "DELIVERED".equals(statusOf(id)));
            assertThat(back.accepted()).hasSize(1);
            assertThat(jdbc.sql("select count(*) from audit_entry where action = 'delivery.retried' and target_id = ?").param(id)
                    .query(Long.class).single()).isEqualTo(1);

            mvc.perform(post("/api/v1/applications/{app}/deliveries/{id}/retry", app.id(), id).with(admin()))
                    .andExpect(status().isConflict())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
            mvc.perform(get("/api/v1/applications/{app}/deliveries", app.id()).param("status", "delivered").with(admin()))
                    .andExpect(jsonPath("$.items[*].id").value(hasItem(id)));
        } finally {
            webhooks.remove(data.admin(), app.id());
        }
    }

    @Test
    void onlyTheVendorAdminSeesDeliveriesAndUnknownIdsAreNotFound() throws Exception {
        App app = WebhookFixtures.application(jdbc);
        App other = WebhookFixtures.application(jdbc);
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        TestMember person = data.user(org, app.right());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            webhooks.configure(data.admin(), app.id(), receiver.url());
            memberships.block(org, person.userId());
            String id = deliveryOf(person);

            mvc.perform(get("/api/v1/applications/{app}/deliveries", app.id()).with(httpBasic(manager.email(), manager.password())))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/applications/{app}/deliveries", app.id()).with(httpBasic(support.email(), TestData.PASSWORD)))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/api/v1/applications/{app}/deliveries/{id}/retry", app.id(), id)
                            .with(httpBasic(manager.email(), manager.password())))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/applications/{app}/deliveries", UUID.randomUUID()).with(admin()))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/api/v1/applications/{app}/deliveries", "not-an-id").with(admin()))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/api/v1/applications/{app}/deliveries/{id}/retry", app.id(), UUID.randomUUID()).with(admin()))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
            // A delivery is found under its own application only.
            mvc.perform(get("/api/v1/applications/{app}/deliveries/{id}", other.id(), id).with(admin()))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/api/v1/applications/{app}/deliveries", other.id()).with(admin()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.items[*].id").value(not(hasItem(id))));
            mvc.perform(get("/api/v1/applications/{app}/deliveries", app.id()).param("status", "lost").with(admin()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
            mvc.perform(get("/api/v1/applications/{app}/deliveries/{id}", app.id(), id).with(admin()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.eventId").value(startsWith("msg_")))
                    .andExpect(jsonPath("$.kind").value("WEBHOOK"));
        } finally {
            webhooks.remove(data.admin(), app.id());
        }
    }

    private String deliveryOf(TestMember person) {
        return jdbc.sql("select id from webhook_delivery where user_id = ?").param(person.userId().value()).query(UUID.class)
                .single().toString();
    }

    private String statusOf(String id) {
        return jdbc.sql("select status from webhook_delivery where id = ?").param(UUID.fromString(id)).query(String.class).single();
    }

    private static RequestPostProcessor admin() {
        return httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD);
    }
}
