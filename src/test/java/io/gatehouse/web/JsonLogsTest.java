package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GATEHOUSE_LOG_FORMAT=json: each console line is one JSON object naming the request, who acts and the organization. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"gatehouse.log-format=json", "logging.level.io.gatehouse.web.RequestLogging=debug"})
@DirtiesContext
class JsonLogsTest {

    private static final LoggingSystem LOGGING = LoggingSystem.get(JsonLogsTest.class.getClassLoader());

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    /**
     * The logging system is set up once per JVM and kept while any context of the test run lives, so a
     * context started after others would keep their plain format: forget it, so this one sets it up.
     */
    @BeforeAll
    static void letThisContextSetUpTheLogging() {
        LOGGING.cleanUp();
    }

    /** The configuration the other contexts log with (plain lines), for those of them that run after this one. */
    @AfterAll
    static void backToPlainLines() throws IOException {
        StandardEnvironment plain = new StandardEnvironment();
        plain.getPropertySources().addLast(new ResourcePropertySource("classpath:application-test.properties"));
        plain.getPropertySources().addLast(new ResourcePropertySource("classpath:application.properties"));
        // The format is handed to Logback as a system property, which a later context would not overwrite.
        System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
        LOGGING.cleanUp();
        LOGGING.beforeInitialize();
        LOGGING.initialize(new LoggingInitializationContext(plain), null, null);
        for (String level : List.of("root", "io.gatehouse")) {
            LOGGING.setLogLevel(level, LogLevel.valueOf(plain.getRequiredProperty("logging.level." + level).toUpperCase(Locale.ROOT)));
        }
    }

    @Test
    void aLogLineIsJsonWithTheRequestIdTheActorAndTheOrganizationOfThePath(CapturedOutput output) throws Exception {
        OrganizationId organization = data.organizationId();
        TestMember person = data.manager(organization);
        int before = output.getOut().length();

        String requestId = mvc.perform(get("/organizations/{org}/users", organization).with(user(person.id())))
                .andReturn().getResponse().getHeader("X-Request-Id");

        assertThat(requestId).isNotBlank();
        List<JsonNode> lines = output.getOut().substring(before).lines().filter(line -> line.contains(requestId))
                .map(line -> new JsonMapper().readTree(line)).toList();
        assertThat(lines).isNotEmpty();
        JsonNode access = lines.get(lines.size() - 1);
        assertThat(access.path("requestId").asString()).isEqualTo(requestId);
        assertThat(access.path("actorId").asString()).isEqualTo(person.id());
        assertThat(access.path("organizationId").asString()).isEqualTo(organization.toString());
        assertThat(access.toString()).contains("/organizations/" + organization + "/users");
    }
}
