package io.gatehouse.security.factor;

import io.gatehouse.support.PortalSession;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The authenticator app as a person uses it: enrolled with a code, then asked for a code after the
 * password; each code once, one step of tolerance, guesses throttled. Codes are computed here from
 * the secret, by {@link TotpCodes}, apart from the portal's own implementation.
 */
@IntegrationTest
class AuthenticatorAppTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    SecondFactors factors;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theTestsCodesMatchRfc6238AppendixBAndThePortalsMatchThem() {
        byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        Map<Long, String> vectors = Map.of(59L, "94287082", 1111111109L, "07081804", 1111111111L, "14050471",
                1234567890L, "89005924", 2000000000L, "69279037", 20000000000L, "65353130");
        vectors.forEach((seconds, expected) -> {
            assertThat(TotpCodes.code(key, seconds / 30, 8)).as("RFC 6238 at %d", seconds).isEqualTo(expected);
            assertThat(Totp.code(key, Totp.step(Instant.ofEpochSecond(seconds)))).as("the portal at %d", seconds)
                    .isEqualTo(expected.substring(2));
        });
        String secret = Totp.base32(key);
        assertThat(secret).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(TotpCodes.decode(secret)).isEqualTo(key);
    }

    @Test
    void aPersonWithAnAuthenticatorAppIsAskedForACodeAfterThePasswordAndThenGoesWhereTheyWereGoing() throws Exception {
        TestMember member = data.user(data.organizationId());
        String secret = enrol(member);
        PortalSession browser = new PortalSession(port);

        HttpResponse<String> signedIn = browser.signIn(member.email(), member.password());
        HttpResponse<String> profile = browser.get("/profile");
        assertThat(profile.statusCode()).isEqualTo(302);
        assertThat(browser.location(profile)).endsWith("/signin/second-factor");
        HttpResponse<String> step = browser.get("/signin/second-factor");
        assertThat(step.body()).contains("name=\"code\"").contains("Use a recovery code").doesNotContain("passkey-second-step");

        TotpCodes.awayFromStepEdge();
        HttpResponse<String> done = browser.submit("/signin/second-factor", "/signin/second-factor", Map.of("code", TotpCodes.code(secret, 0)));

        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(browser.location(done)).endsWith("/profile");
        assertThat(browser.get("/profile").statusCode()).isEqualTo(200);
        assertThat(signedIn.statusCode()).isEqualTo(302);
    }

    @Test
    void replayedCodeIsRefused() throws Exception {
        TestMember member = data.user(data.organizationId());
        String secret = enrol(member);
        TotpCodes.awayFromStepEdge();
        String code = TotpCodes.code(secret, 0);
        assertThat(secondStep(member, code).statusCode()).isEqualTo(302);

        PortalSession again = signedInWithPassword(member);
        HttpResponse<String> replay = again.submit("/signin/second-factor", "/signin/second-factor", Map.of("code", code));

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("used already");
        assertThat(again.get("/profile").statusCode()).as("still half signed in").isEqualTo(302);
    }

    @Test
    void codeFromTwoStepsAgoIsRefused() throws Exception {
        TestMember member = data.user(data.organizationId());
        String secret = enrolledLongAgo(member);
        TotpCodes.awayFromStepEdge();

        assertThat(secondStep(member, TotpCodes.code(secret, -2)).statusCode()).isEqualTo(400);
        assertThat(secondStep(member, TotpCodes.code(secret, 2)).statusCode()).as("nor two steps ahead").isEqualTo(400);
    }

    @Test
    void codeFromThePreviousStepIsAccepted() throws Exception {
        TestMember member = data.user(data.organizationId());
        String secret = enrolledLongAgo(member);
        TotpCodes.awayFromStepEdge();

        assertThat(secondStep(member, TotpCodes.code(secret, -1)).statusCode()).isEqualTo(302);
        assertThat(data.auditEntries(member.organizationId(), "user.secondFactor.authenticatorUsed")).isEqualTo(1);
    }

    @Test
    void oneOfParallelSubmissionsOfTheSameCodePasses() throws Exception {
        TestMember member = data.user(data.organizationId());
        String secret = enrolledLongAgo(member);
        TotpCodes.awayFromStepEdge();
        String code = TotpCodes.code(secret, 0);
        int parallel = 8;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return factors.verifyAuthenticator(member.userId(), code);
                }));
            }
            start.countDown();
            int passed = 0;
            for (Future<Boolean> result : results) {
                passed += result.get() ? 1 : 0;
            }
            assertThat(passed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongCodesAreCountedByTheThrottleUntilEvenTheRightOneWaits() throws Exception {
        TestMember member = data.user(data.organizationId());
        String secret = enrolledLongAgo(member);
        PortalSession browser = signedInWithPassword(member);
        TotpCodes.awayFromStepEdge();
        String wrong = TotpCodes.code(secret, 0).equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 10; i++) {
            assertThat(browser.submit("/signin/second-factor", "/signin/second-factor", Map.of("code", wrong)).statusCode()).isEqualTo(400);
        }

        HttpResponse<String> right = browser.submit("/signin/second-factor", "/signin/second-factor", Map.of("code", TotpCodes.code(secret, 0)));

        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).isPresent();
        assertThat(right.body()).contains("Too many wrong codes");
        assertThat(browser.get("/profile").statusCode()).isEqualTo(302);
        assertThat(factors.verifyAuthenticator(member.userId(), TotpCodes.code(secret, 0)))
                .as("the throttled code was not even checked, so it is still unused").isTrue();
    }

    @Test
    void aHalfSignedInSessionGetsNothingButTheSecondStep() throws Exception {
        TestMember member = data.manager(data.organizationId());
        enrol(member);
        PortalSession browser = signedInWithPassword(member);

        for (String page : List.of("/", "/members", "/profile", "/account/security", "/account/passkeys", "/account/sessions")) {
            HttpResponse<String> response = browser.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(browser.location(response)).as(page).endsWith("/signin/second-factor");
        }
        HttpResponse<String> api = browser.getAsApi("/api/v1/me", null);
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("second-factor-required");
        assertThat(browser.get("/css/gatehouse.css").statusCode()).isEqualTo(200);
        assertThat(browser.get("/signin/second-factor").statusCode()).isEqualTo(200);
    }

    @Test
    void httpBasicIsRefusedForAnAccountThatHoldsASecondFactorAndToldToUseAToken() throws Exception {
        TestMember member = data.user(data.organizationId());
        TestMember without = data.user(data.organizationId());
        enrol(member);
        PortalSession client = new PortalSession(port);

        HttpResponse<String> refused = client.getAsApi("/api/v1/me", basic(member));
        HttpResponse<String> plain = client.getAsApi("/api/v1/me", basic(without));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("second-factor-required").contains("personal API token").doesNotContain("problem.");
        assertThat(plain.statusCode()).isEqualTo(200);
    }

    @Test
    void aPersonalApiTokenMadeAfterTheSecondStepServesScripts() throws Exception {
        TestMember member = data.user(data.organizationId());
        String secret = enrolledLongAgo(member);
        PortalSession browser = signedInWithPassword(member);
        TotpCodes.awayFromStepEdge();
        assertThat(browser.submit("/signin/second-factor", "/signin/second-factor", Map.of("code", TotpCodes.code(secret, 0)))
                .statusCode()).isEqualTo(302);

        HttpResponse<String> issued = browser.postJson("/profile", "/api/v1/me/tokens", "{\"name\":\"nightly export\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\"").matcher(issued.body());
        assertThat(token.find()).isTrue();

        assertThat(new PortalSession(port).getAsApi("/api/v1/me", "Bearer " + token.group(1)).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutASecondFactorThePasswordAloneSignsIn() throws Exception {
        TestMember member = data.user(data.organizationId());
        PortalSession browser = signedInWithPassword(member);

        assertThat(browser.get("/profile").statusCode()).isEqualTo(200);
        assertThat(browser.get("/members").statusCode()).isNotEqualTo(302);
    }

    // ---- helpers

    /** Enrols an app through the page, as a person does; answers its secret. */
    String enrol(TestMember member) throws Exception {
        PortalSession browser = signedInWithPassword(member);
        HttpResponse<String> pending = browser.submit("/account/security", "/account/security/authenticator", Map.of());
        assertThat(pending.statusCode()).isEqualTo(200);
        java.util.regex.Matcher secret = java.util.regex.Pattern.compile("id=\"authenticator-secret\">([A-Z2-7 ]+)<").matcher(pending.body());
        assertThat(secret.find()).as(pending.body()).isTrue();
        assertThat(pending.body()).contains("src=\"data:image/svg+xml;base64,");
        String text = secret.group(1).replace(" ", "");
        TotpCodes.awayFromStepEdge();
        HttpResponse<String> confirmed = browser.submit("/account/security", "/account/security/authenticator/confirm",
                Map.of("code", TotpCodes.code(text, -1)));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.body()).contains("id=\"recovery-codes\"");
        return text;
    }

    /** Enrolled, and no code used since long ago: any step in the window is fresh. */
    String enrolledLongAgo(TestMember member) throws Exception {
        String secret = enrol(member);
        jdbc.sql("update authenticator_app set last_used_step = 0 where user_id = ?").param(member.userId().value()).update();
        return secret;
    }

    PortalSession signedInWithPassword(TestMember member) throws Exception {
        PortalSession browser = new PortalSession(port);
        assertThat(browser.signIn(member.email(), member.password()).statusCode()).isEqualTo(302);
        return browser;
    }

    HttpResponse<String> secondStep(TestMember member, String code) throws Exception {
        return signedInWithPassword(member).submit("/signin/second-factor", "/signin/second-factor", Map.of("code", code));
    }

    static String basic(TestMember member) {
        return "Basic " + Base64.getEncoder().encodeToString((member.email() + ":" + member.password()).getBytes(StandardCharsets.UTF_8));
    }
}
