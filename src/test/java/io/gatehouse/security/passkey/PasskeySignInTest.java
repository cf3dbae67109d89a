package io.gatehouse.security.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.jackson.SecurityJacksonModules;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Signing in with a passkey through Spring Security's WebAuthn endpoints, the session kept in the
 * database between the options and the ceremony: a passkey alone, a passkey after the password,
 * and every assertion that must not sign anyone in.
 */
@IntegrationTest
class PasskeySignInTest {

    private static final String REQUEST_OPTIONS =
            "org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsRepository.ATTR_NAME";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    Passkeys passkeys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPasskeyAloneSignsInAsItsAccountWithTheWebAuthnFactorAndIsRecorded() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Laptop");
        PortalClient browser = new PortalClient(mvc);
        MockHttpServletResponse options = browser.postJson("/webauthn/authenticate/options", null);
        // What the ceremony needs is kept in the session row between the two requests.
        assertThat(jdbc.sql("select count(*) from spring_session_attributes where attribute_name = ?").param(REQUEST_OPTIONS)
                .query(Long.class).single()).isPositive();
        assertThat(options.getContentAsString()).contains("\"userVerification\":\"required\"");

        MockHttpServletResponse answer = browser.postJson("/login/webauthn", me.authenticator().assertion(options.getContentAsString()));

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getContentAsString()).contains("\"authenticated\":true").contains("\"redirectUrl\"");
        List<java.util.Set<String>> sessions = new StoredSessions(jdbc).authorities(me.member().userId());
        assertThat(sessions.get(0)).contains("FACTOR_WEBAUTHN", "ROLE_USER").doesNotContain("FACTOR_PASSWORD");
        assertThat(browser.get("/account/passkeys").getStatus()).isEqualTo(200);
        assertThat(accounts.find(me.member().userId()).lastSignInAt()).isNotNull();
        assertThat(audited("passkey.signedIn", me.member())).isEqualTo(1);
        assertThat(passkeys.list(me.member().userId()).get(0).lastUsed())
                .isAfter(passkeys.list(me.member().userId()).get(0).created());
    }

    @Test
    void aPasskeySignInIsKeptByTheAuthorizationServerAsAPasswordOneIs() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Laptop");
        assertThat(me.signInAlone(new PortalClient(mvc), SoftwareAuthenticator::assertion).getStatus()).isEqualTo(200);
        Authentication signedIn = new StoredSessions(jdbc).authentications(me.member().userId()).get(0);
        // Applications signing in through Gatehouse get authorizations that keep the sign-in as JSON, with Spring Security's modules.
        JsonMapper json = JsonMapper.builder().addModules(SecurityJacksonModules.getModules(getClass().getClassLoader())).build();

        Map<String, Object> kept = json.readValue(json.writeValueAsString(new java.util.HashMap<>(Map.of("principal", signedIn))),
                new TypeReference<Map<String, Object>>() { });

        Authentication back = (Authentication) kept.get("principal");
        assertThat(back.getName()).isEqualTo(me.member().id());
        assertThat(back.getAuthorities()).extracting(GrantedAuthority::getAuthority).contains("FACTOR_WEBAUTHN");
    }

    @Test
    void aTamperedSignatureIsRefusedCountedByTheThrottleAndChangesNothing() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Laptop");
        Passkeys.PasskeyView before = passkeys.list(me.member().userId()).get(0);
        PortalClient browser = new PortalClient(mvc);

        MockHttpServletResponse answer = me.signInAlone(browser, SoftwareAuthenticator::tamperedAssertion);

        assertThat(answer.getStatus()).isEqualTo(401);
        assertThat(answer.getContentAsString()).isEqualTo("{\"authenticated\":false,\"error\":\"bad\"}");
        assertThat(browser.get("/account/passkeys").getRedirectedUrl()).isEqualTo("/signin");
        assertThat(failures(me.member())).isEqualTo(1);
        assertThat(passkeys.list(me.member().userId())).containsExactly(before);
        assertThat(audited("passkey.signedIn", me.member())).isZero();
    }

    @Test
    void anotherAccountsPasskeyIdWithThisPasskeysSignatureIsRefused() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Laptop");
        Enrolment other = Enrolment.of(mvc, data.user(data.organizationId()), "Phone");
        PortalClient browser = new PortalClient(mvc);

        MockHttpServletResponse answer = me.signInAlone(browser,
                (authenticator, options) -> authenticator.assertionAs(options, other.authenticator().credentialId()));

        assertThat(answer.getStatus()).isEqualTo(401);
        assertThat(browser.get("/account/passkeys").getRedirectedUrl()).isEqualTo("/signin");
        assertThat(failures(other.member())).isEqualTo(1);
        assertThat(new StoredSessions(jdbc).authorities(other.member().userId())).hasSize(1);
    }

    @Test
    void aDisabledAccountsPasskeySignsNobodyIn() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Laptop");
        accounts.update(data.admin(), me.member().userId(), new AccountChanges(null, null, null, null, true, null, null, null));
        PortalClient browser = new PortalClient(mvc);

        MockHttpServletResponse answer = me.signInAlone(browser, SoftwareAuthenticator::assertion);

        assertThat(answer.getStatus()).isEqualTo(401);
        assertThat(answer.getContentAsString()).contains("\"error\":\"disabled\"");
        assertThat(new StoredSessions(jdbc).authorities(me.member().userId())).isEmpty();
    }

    @Test
    void repeatedForgedAssertionsThrottleTheAccountUntilEvenItsPasskeyWaits() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Laptop");
        PortalClient browser = new PortalClient(mvc);
        String error = "";
        for (int attempt = 0; attempt < 15 && !error.contains("throttled"); attempt++) {
            error = me.signInAlone(browser, SoftwareAuthenticator::tamperedAssertion).getContentAsString();
        }
        assertThat(error).contains("\"error\":\"throttled\"");
        assertThat(me.signInAlone(browser, SoftwareAuthenticator::assertion).getContentAsString()).contains("\"error\":\"throttled\"");
        assertThat(browser.get("/account/passkeys").getRedirectedUrl()).isEqualTo("/signin");
    }

    @Test
    void aPasswordSessionProvingItsOwnPasskeyKeepsThePasswordFactorAndGainsThePasskeys() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Laptop");
        PortalClient signedIn = me.client();
        MockHttpServletResponse options = signedIn.postJson("/webauthn/authenticate/options", null);
        // Only this account's own passkeys are offered.
        assertThat(options.getContentAsString()).contains(me.authenticator().credentialId());

        MockHttpServletResponse answer = signedIn.postJson("/login/webauthn", me.authenticator().assertion(options.getContentAsString()));

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(new StoredSessions(jdbc).authorities(me.member().userId()).get(0))
                .contains("FACTOR_PASSWORD", "FACTOR_WEBAUTHN", "ROLE_USER");
    }

    @Test
    void aPasswordSessionCannotProveSomeoneElsesPasskey() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Laptop");
        Enrolment other = Enrolment.of(mvc, data.user(data.organizationId()), "Phone");
        PortalClient signedIn = me.client();
        MockHttpServletResponse options = signedIn.postJson("/webauthn/authenticate/options", null);

        MockHttpServletResponse answer = signedIn.postJson("/login/webauthn", other.authenticator().assertion(options.getContentAsString()));

        assertThat(answer.getStatus()).isEqualTo(401);
        assertThat(new StoredSessions(jdbc).authorities(me.member().userId())).allSatisfy(authorities ->
                assertThat(authorities).contains("FACTOR_PASSWORD").doesNotContain("FACTOR_WEBAUTHN"));
        assertThat(new StoredSessions(jdbc).authorities(other.member().userId())).hasSize(1)
                .allSatisfy(authorities -> assertThat(authorities).doesNotContain("FACTOR_WEBAUTHN"));
    }

    private long audited(String action, TestMember member) {
        return jdbc.sql("select count(*) from audit_entry where action = ? and actor_id = ?")
                .params(action, member.userId().value()).query(Long.class).single();
    }

    /** The throttle's count of the account's failed sign-ins (its counters are keyed by a digest). */
    private int failures(TestMember member) throws Exception {
        String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("ACCOUNT:id:" + member.userId()).getBytes(StandardCharsets.UTF_8)));
        return jdbc.sql("select failures from sign_in_attempt where counter_key = ?").param(key).query(Integer.class)
                .optional().orElse(0);
    }
}
