package io.gatehouse.security.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.TestData.TestMember;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** A member signed in with their password who added a passkey through the portal's own endpoints. */
record Enrolment(TestMember member, PortalClient client, SoftwareAuthenticator authenticator) {

    /** The origin the tests' browsers are at: the portal's public address in the tests. */
    static final String ORIGIN = "http://localhost:8080";

    static Enrolment of(MockMvc mvc, TestMember member, String passkeyName) throws Exception {
        PortalClient client = new PortalClient(mvc);
        assertThat(client.signIn(member.email(), member.password()).getRedirectedUrl()).isEqualTo("/");
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator(ORIGIN);
        MockHttpServletResponse options = client.postJson("/webauthn/register/options", null);
        assertThat(options.getStatus()).isEqualTo(200);
        MockHttpServletResponse added = client.postJson("/account/passkeys",
                authenticator.register(options.getContentAsString(), passkeyName));
        assertThat(added.getStatus()).as(added.getContentAsString()).isEqualTo(200);
        return new Enrolment(member, client, authenticator);
    }

    /** A fresh browser signing in with this passkey alone: the answer of {@code POST /login/webauthn}. */
    MockHttpServletResponse signInAlone(PortalClient browser, java.util.function.BiFunction<SoftwareAuthenticator, String, String> answer)
            throws Exception {
        MockHttpServletResponse options = browser.postJson("/webauthn/authenticate/options", null);
        assertThat(options.getStatus()).isEqualTo(200);
        return browser.postJson("/login/webauthn", answer.apply(authenticator, options.getContentAsString()));
    }
}
