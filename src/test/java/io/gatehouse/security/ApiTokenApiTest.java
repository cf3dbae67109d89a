package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class ApiTokenApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Test
    void createdTokenIsShownOnceAndListedWithoutIt() throws Exception {
        TestMember member = data.user(data.organizationId());

        MvcResult created = mvc.perform(post("/api/v1/me/tokens")
                        .with(httpBasic(member.email(), member.password()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"  Nightly export  \",\"expiresInDays\":30}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.token").value(startsWith("gh_")))
                .andExpect(jsonPath("$.name").value("Nightly export"))
                .andReturn();
        JsonNode issued = json(created);
        String id = issued.path("id").asString();
        String token = issued.path("token").asString();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo("/api/v1/me/tokens/" + id);
        Instant expires = Instant.parse(issued.path("expiresAt").asString());
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));

        MvcResult listed = mvc.perform(get("/api/v1/me/tokens").with(httpBasic(member.email(), member.password())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(id))
                .andExpect(jsonPath("$[0].name").value("Nightly export"))
                .andExpect(jsonPath("$[0].token").doesNotExist())
                .andReturn();
        assertThat(listed.getResponse().getContentAsString()).doesNotContain(token.substring(3));
    }

    @Test
    void tokenAuthenticatesAsItsOwnerWithTheBearerScheme() throws Exception {
        TestMember member = data.user(data.organizationId());
        String token = issue(member, "scripts").path("token").asString();

        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(member.id()))
                .andExpect(jsonPath("$.email").value(member.email()));

        assertThat(jdbc.sql("select last_used_at from api_token where token_hash = ?").param(sha256(token))
                .query(Timestamp.class).single()).isNotNull();
    }

    @Test
    void revokedTokenIsRefused() throws Exception {
        TestMember member = data.user(data.organizationId());
        JsonNode issued = issue(member, "laptop");
        String bearer = "Bearer " + issued.path("token").asString();
        mvc.perform(get("/api/v1/me").header("Authorization", bearer)).andExpect(status().isOk());

        mvc.perform(delete("/api/v1/me/tokens/{id}", issued.path("id").asString()).header("Authorization", bearer))
                .andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/me").header("Authorization", bearer))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/me/tokens").with(httpBasic(member.email(), member.password())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void nobodyRevokesSomeoneElsesToken() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember owner = data.user(org);
        TestMember stranger = data.user(org);
        JsonNode issued = issue(owner, "ci");

        mvc.perform(delete("/api/v1/me/tokens/{id}", issued.path("id").asString())
                        .with(httpBasic(stranger.email(), stranger.password())))
                .andExpect(status().isNotFound());

        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + issued.path("token").asString()))
                .andExpect(status().isOk());
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        TestMember member = data.user(data.organizationId());
        JsonNode issued = issue(member, "short-lived");
        String bearer = "Bearer " + issued.path("token").asString();
        mvc.perform(get("/api/v1/me").header("Authorization", bearer)).andExpect(status().isOk());

        jdbc.sql("update api_token set expires_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))), UUID.fromString(issued.path("id").asString()))
                .update();

        mvc.perform(get("/api/v1/me").header("Authorization", bearer))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void invalidTokenIsRefusedWithAProblemAndAChallenge() throws Exception {
        for (String token : new String[] {"gh_" + "A".repeat(43), "not-a-gatehouse-token", ""}) {
            mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(jsonPath("$.type").value(containsString("unauthorized")))
                    .andExpect(header().string("WWW-Authenticate", containsString("Bearer")));
        }
    }

    @Test
    void tokensAreStoredAsSha256HexNeverInPlainText() throws Exception {
        TestMember member = data.user(data.organizationId());
        JsonNode issued = issue(member, "backup");
        String token = issued.path("token").asString();

        String stored = jdbc.sql("select token_hash from api_token where id = ?")
                .param(UUID.fromString(issued.path("id").asString()))
                .query(String.class)
                .single();

        assertThat(stored).matches("[0-9a-f]{64}").isEqualTo(sha256(token)).isNotEqualTo(token);
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = ? or name = ?").params(token, token)
                .query(Long.class).single()).isZero();
    }

    @Test
    void cookieSessionNeedsTheCsrfTokenToCreateATokenWhileBasicDoesNot() throws Exception {
        TestMember member = data.user(data.organizationId());
        MvcResult signedIn = mvc.perform(formLogin("/signin").userParameter("email").passwordParam("password")
                        .user(member.email()).password(member.password()))
                .andExpect(redirectedUrl("/"))
                .andReturn();
        Cookie session = signedIn.getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        mvc.perform(get("/api/v1/me/tokens").cookie(session)).andExpect(status().isOk());

        mvc.perform(post("/api/v1/me/tokens").cookie(session)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"forged\"}"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/me/tokens").with(httpBasic(member.email(), member.password()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"script\"}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/me/tokens").cookie(session).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"from the portal\"}"))
                .andExpect(status().isCreated());

        mvc.perform(get("/api/v1/me/tokens").cookie(session))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name").value(containsInAnyOrder("script", "from the portal")));
    }

    private JsonNode issue(TestMember member, String name) throws Exception {
        return json(mvc.perform(post("/api/v1/me/tokens")
                        .with(httpBasic(member.email(), member.password()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\"}"))
                .andExpect(status().isCreated())
                .andReturn());
    }

    private static JsonNode json(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
