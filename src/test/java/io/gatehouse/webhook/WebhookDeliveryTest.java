package io.gatehouse.webhook;

import static io.gatehouse.webhook.WebhookFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.standardwebhooks.Webhook;
import io.gatehouse.access.Memberships;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.webhook.WebhookFixtures.App;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class WebhookDeliveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    Accounts accounts;

    @Autowired
    Memberships memberships;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    WebhookRenderer renderer;

    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<App> apps = new ArrayList<>();

    @AfterEach
    void stopReceivers() {
        apps.forEach(app -> webhooks.remove(data.admin(), app.id()));
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void aRightWithdrawnThroughTheApiArrivesAsASignedWebhook() throws Exception {
        App app = app();
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org, app.right(), "Licenses");
        WebhookReceiver receiver = receiver();
        String secret = webhooks.configure(data.admin(), app.id(), receiver.url()).secret();
        assertThat(secret).startsWith("whsec_");

        mvc.perform(patch("/api/v1/organizations/{org}/members/{user}", org, person.id())
                        .with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rights\":[\"Licenses\"]}"))
                .andExpect(status().isOk());

        await("the webhook arrives", () -> receiver.accepted().size() == 1);
        WebhookReceiver.Received message = receiver.accepted().get(0);
        // An independent implementation of Standard Webhooks accepts the signature (it throws otherwise).
        new Webhook(secret).verify(message.body(), message.headers());
        assertThat(message.header("content-type")).startsWith("application/json");
        JsonNode body = JSON.readTree(message.body());
        assertThat(body.get("type").asText()).isEqualTo("access.changed");
        JsonNode change = body.get("data");
        assertThat(change.get("sub").asText()).isEqualTo(person.id());
        assertThat(change.get("organization").get("id").asText()).isEqualTo(org.toString());
        assertThat(change.get("application").get("id").asText()).isEqualTo(app.id().toString());
        assertThat(change.get("application").get("name").asText()).isEqualTo(app.name());
        assertThat(texts(change.get("changes"))).containsExactly("rights_withdrawn");
        assertThat(texts(change.get("rightsWithdrawn"))).containsExactly(app.right());
        assertThat(texts(change.get("rights"))).as("only this application's rights, and none is left").isEmpty();
        assertThat(change.get("active").asBoolean()).isTrue();
        assertThat(change.get("changeRequestId").isNull()).isTrue();
        await("recorded as delivered", () -> "DELIVERED".equals(deliveryStatus(message.header("webhook-id"))));
    }

    @Test
    void aReceiverThatIsDownIsRetriedUntilItAnswersAndGetsEachMessageOnceUnderTheSameId() throws Exception {
        App app = app();
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org, app.right());
        WebhookReceiver receiver = receiver();
        receiver.answer(503);
        webhooks.configure(data.admin(), app.id(), receiver.url());

        memberships.block(org, person.userId()); // outside a request: the service every path shares
        await("the first attempt is refused", () -> !receiver.received().isEmpty());
        String id = receiver.received().get(0).header("webhook-id");
        await("it waits for its next attempt", () -> "RETRYING".equals(deliveryStatus(id)));
        assertThat(jdbc.sql("select last_status_code from webhook_delivery where event_id = ?").param(id).query(Integer.class).single())
                .isEqualTo(503);

        receiver.answer(200);
        // The next attempts are due within seconds; a clock an hour ahead makes them due now.
        dispatcher.sendDue(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
        await("delivered once it answers", () -> "DELIVERED".equals(deliveryStatus(id)));
        dispatcher.sendDue(Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));

        assertThat(receiver.received()).extracting(r -> r.header("webhook-id")).containsOnly(id);
        assertThat(receiver.accepted()).hasSize(1);
        assertThat(receiver.received().size()).isGreaterThan(1);
    }

    @Test
    void aRefusedConnectionIsRetriedAndAfterADayGivenUp() throws Exception {
        App app = app();
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org, app.right());
        WebhookReceiver receiver = receiver();
        String url = receiver.url();
        receiver.close(); // nothing listens on that port any more
        webhooks.configure(data.admin(), app.id(), url);

        memberships.remove(org, person.userId());
        await("the refused attempt is recorded", () -> "RETRYING".equals(statusOf(person)));
        assertThat(jdbc.sql("select last_error from webhook_delivery where user_id = ?").param(person.userId().value())
                .query(String.class).single()).isNotBlank();

        dispatcher.sendDue(Clock.offset(Clock.systemUTC(), Duration.ofHours(25)));
        assertThat(statusOf(person)).isEqualTo("FAILED");
    }

    @Test
    void aRolledBackChangeLeavesNoDelivery() throws Exception {
        App app = app();
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org, app.right());
        webhooks.configure(data.admin(), app.id(), receiver().url());

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            memberships.replaceRights(org, person.userId(), Set.of());
            assertThat(count(person)).as("written with the change, before it commits").isEqualTo(0);
            status.setRollbackOnly();
        });
        new TransactionTemplate(transactions).executeWithoutResult(status -> memberships.block(org, person.userId()));

        assertThat(count(person)).as("only the committed change is told").isEqualTo(1);
        assertThat(jdbc.sql("select payload from webhook_delivery where user_id = ?").param(person.userId().value())
                .query(String.class).single()).contains("\"blocked\"").doesNotContain("rights_withdrawn");
    }

    @Test
    void aPersonDisabledIsOneDeliveryPerApplicationTheyHeldRightsOf() throws Exception {
        App first = app();
        App second = app();
        App without = app();
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org, first.right(), second.right(), without.right(), "Licenses");
        data.join(person, data.organizationId(), io.gatehouse.access.Role.USER, second.right());
        TestMember other = data.user(org, first.right());
        WebhookReceiver receiver = receiver();
        webhooks.configure(data.admin(), first.id(), receiver.url());
        webhooks.configure(data.admin(), second.id(), receiver.url());

        accounts.update(data.admin(), person.userId(), new AccountChanges(null, null, null, null, true, null, null, null));

        assertThat(count(person)).as("one per organization and application with a webhook the person held a right of").isEqualTo(3);
        await("three messages: two organizations, two applications here", () -> receiver.accepted().size() == 3);
        List<JsonNode> bodies = receiver.accepted().stream().map(r -> JSON.readTree(r.body())).toList();
        assertThat(bodies).allSatisfy(body -> {
            assertThat(body.get("data").get("sub").asText()).isEqualTo(person.id());
            assertThat(texts(body.get("data").get("changes"))).containsExactly("account_disabled");
            assertThat(body.get("data").get("active").asBoolean()).isFalse();
        });
        assertThat(bodies.stream().filter(b -> b.get("data").get("organization").get("id").asText().equals(org.toString()))
                .map(b -> b.get("data").get("application").get("id").asText()).collect(Collectors.toList()))
                .containsExactlyInAnyOrder(first.id().toString(), second.id().toString());
        assertThat(count(other)).isZero();
        assertThat(receiver.accepted()).extracting(r -> r.header("webhook-id")).doesNotHaveDuplicates();
    }

    @Test
    void afterARotationBothTheOldAndTheNewSecretVerifyUntilTheOverlapEnds() throws Exception {
        App app = app();
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org, app.right());
        WebhookReceiver receiver = receiver();
        String old = webhooks.configure(data.admin(), app.id(), receiver.url()).secret();
        String rotated = webhooks.rotateSecret(data.admin(), app.id());
        assertThat(rotated).isNotEqualTo(old).startsWith("whsec_");

        memberships.block(org, person.userId());
        await("the webhook arrives", () -> receiver.accepted().size() == 1);
        WebhookReceiver.Received message = receiver.accepted().get(0);
        assertThat(message.header("webhook-signature").split(" ")).hasSize(2);
        new Webhook(rotated).verify(message.body(), message.headers());
        new Webhook(old).verify(message.body(), message.headers());

        // A day later only the new secret signs.
        Delivery again = new Delivery(java.util.UUID.randomUUID(), app.id(), WebhookRenderer.KIND, "msg_test", org, person.userId(), null,
                "{}", 0, java.time.Instant.now());
        assertThat(renderer.render(again, java.time.Instant.now().plus(Duration.ofHours(25))).orElseThrow().headers()
                .get("webhook-signature").split(" ")).hasSize(1);
    }

    @Test
    void anApplicationWithoutAWebhookIsNotQueued() {
        App app = app();
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org, app.right());
        memberships.block(org, person.userId());
        assertThat(count(person)).isZero();
    }

    private App app() {
        App app = WebhookFixtures.application(jdbc);
        apps.add(app);
        return app;
    }

    private WebhookReceiver receiver() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    private String deliveryStatus(String eventId) {
        return jdbc.sql("select status from webhook_delivery where event_id = ?").param(eventId).query(String.class).optional()
                .orElse(null);
    }

    private String statusOf(TestMember person) {
        return jdbc.sql("select status from webhook_delivery where user_id = ?").param(person.userId().value()).query(String.class)
                .optional().orElse(null);
    }

    private long count(TestMember person) {
        return jdbc.sql("select count(*) from webhook_delivery where user_id = ?").param(person.userId().value()).query(Long.class)
                .single();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
