package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.webhook.WebhookFixtures.App;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class WebhookAdminPagesTest {

    private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]{44}");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationWebhooks webhooks;

    @Test
    void theVendorAdminSetsTheUrlSeesTheSecretOnceAndRotatesIt() throws Exception {
        App app = WebhookFixtures.application(jdbc);
        String base = "/admin/applications/" + app.id() + "/webhook";
        try {
            assertThat(page(asAdmin(get("/admin/applications")))).contains("href=\"" + base + "\"");
            assertThat(page(asAdmin(get(base)))).contains("Webhook URL", "Create the webhook").doesNotContain("whsec_");

            String refused = page(asAdmin(post(base)).param("url", "http://app.example.com/hook"));
            assertThat(refused).contains("Only https is accepted", "aria-invalid=\"true\"", "value=\"http://app.example.com/hook\"");
            assertThat(webhooks.find(data.admin(), app.id())).isEmpty();

            String created = page(asAdmin(post(base)).param("url", "https://app.example.com/hook"));
            Matcher secret = SECRET.matcher(created);
            assertThat(secret.find()).isTrue();
            assertThat(created).contains("shown only this once");
            assertThat(page(asAdmin(get(base)))).contains("value=\"https://app.example.com/hook\"").doesNotContain("whsec_");
            assertThat(jdbc.sql("select secret_sealed from application_webhook where application_id = ?").param(app.id())
                    .query(String.class).single()).as("sealed at rest").doesNotContain(secret.group().substring(6));

            assertThat(page(asAdmin(post(base + "/secret")))).as("asks first").contains("confirmed").doesNotContain("whsec_");
            Matcher rotated = SECRET.matcher(page(asAdmin(post(base + "/secret")).param("confirmed", "true")));
            assertThat(rotated.find()).isTrue();
            assertThat(rotated.group()).isNotEqualTo(secret.group());
            assertThat(jdbc.sql("select count(*) from audit_entry where target_id = ? and action in"
                            + " ('webhook.configured', 'webhook.secretRotated')").param(app.id().toString()).query(Long.class).single())
                    .isEqualTo(2);

            assertThat(page(asAdmin(post(base + "/remove")).param("confirmed", "true"))).contains("Create the webhook");
            assertThat(webhooks.find(data.admin(), app.id())).isEmpty();
        } finally {
            webhooks.remove(data.admin(), app.id());
        }
    }

    @Test
    void anOrganizationsManagerCannotOpenAnApplicationsWebhook() throws Exception {
        App app = WebhookFixtures.application(jdbc);
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        mvc.perform(get("/admin/applications/{app}/webhook", app.id()).with(user(manager.userId().toString())))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/applications/{app}/webhook", app.id()).param("url", "https://evil.example.com/")
                        .with(user(manager.userId().toString())).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(webhooks.find(data.admin(), app.id())).isEmpty();
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(user(data.admin().userId().toString())).with(csrf());
    }
}
