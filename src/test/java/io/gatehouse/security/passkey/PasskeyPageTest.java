package io.gatehouse.security.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.mail.MailView;
import io.gatehouse.mail.Mails;
import io.gatehouse.security.SecondFactorKind;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** "Passkeys" in User profile: one's own passkeys only, named, renamed and removed, each change audited and told by mail. */
@IntegrationTest
class PasskeyPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Passkeys passkeys;

    @Autowired
    List<SecondFactorKind> kinds;

    @Autowired
    Accounts accounts;

    @Autowired
    Mails mails;

    @Autowired
    JdbcClient jdbc;

    @Test
    void thePageListsOnlyOnesOwnPasskeysAndSaysAddingOneNeedsJavaScript() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Work laptop");
        Enrolment.of(mvc, data.user(data.organizationId()), "Someone else’s phone");

        MockHttpServletResponse page = me.client().get("/account/passkeys");

        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString())
                .contains("Work laptop", "/js/passkeys.js", "id=\"passkeys-need-javascript\"",
                        "Adding a passkey and signing in with one need JavaScript", "<form id=\"passkey-add\" class=\"form-narrow\" hidden")
                .doesNotContain("Someone else");
        assertThat(mails.to(me.member().email())).extracting(MailView::subject).contains("A passkey was added to your account");
        assertThat(audited("passkey.registered", me.member())).isEqualTo(1);
    }

    @Test
    void aPasskeyIsRenamedAndTheChangeAudited() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Work laptop");
        String id = passkeys.list(me.member().userId()).get(0).id();

        MockHttpServletResponse answer = me.client().postForm("/account/passkeys/" + id + "/rename", "name", "  Home desktop ");

        assertThat(answer.getRedirectedUrl()).isEqualTo("/account/passkeys");
        assertThat(passkeys.list(me.member().userId())).extracting(Passkeys.PasskeyView::name).containsExactly("Home desktop");
        assertThat(audited("passkey.renamed", me.member())).isEqualTo(1);
    }

    @Test
    void aBlankOrTooLongNameIsRefusedNextToTheFieldAndNothingChanges() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Work laptop");
        String id = passkeys.list(me.member().userId()).get(0).id();

        MockHttpServletResponse blank = me.client().postForm("/account/passkeys/" + id + "/rename", "name", "   ");
        MockHttpServletResponse tooLong = me.client().postForm("/account/passkeys/" + id + "/rename", "name", "x".repeat(65));
        MockHttpServletResponse control = me.client().postForm("/account/passkeys/" + id + "/rename", "name", "Tab\u0007");

        assertThat(blank.getStatus()).isEqualTo(422);
        assertThat(blank.getContentAsString()).contains("This field is required.", "aria-invalid=\"true\"");
        assertThat(tooLong.getStatus()).isEqualTo(422);
        assertThat(tooLong.getContentAsString()).contains("At most 64 characters.");
        // A control character is refused before any page sees it, as in every form of the portal.
        assertThat(control.getStatus()).isEqualTo(400);
        assertThat(passkeys.list(me.member().userId())).extracting(Passkeys.PasskeyView::name).containsExactly("Work laptop");
        assertThat(audited("passkey.renamed", me.member())).isZero();
    }

    @Test
    void anotherAccountsPasskeyIsNotFoundWhetherRenamedOrRemoved() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Work laptop");
        Enrolment other = Enrolment.of(mvc, data.user(data.organizationId()), "Their phone");
        String theirs = passkeys.list(other.member().userId()).get(0).id();

        assertThat(me.client().postForm("/account/passkeys/" + theirs + "/rename", "name", "Mine now").getStatus()).isEqualTo(404);
        assertThat(me.client().postForm("/account/passkeys/" + theirs + "/remove").getStatus()).isEqualTo(404);
        assertThat(me.client().postForm("/account/passkeys/" + theirs + "/remove", "confirmed", "true").getStatus()).isEqualTo(404);
        assertThat(me.client().postForm("/account/passkeys/not-base64!/remove", "confirmed", "true").getStatus()).isEqualTo(404);

        assertThat(passkeys.list(other.member().userId())).extracting(Passkeys.PasskeyView::name).containsExactly("Their phone");
        assertThat(audited("passkey.renamed", me.member()) + audited("passkey.removed", me.member())).isZero();
    }

    @Test
    void removingAsksFirstNamingThePasskeyThenRemovesItAuditedAndToldInThePersonsLanguage() throws Exception {
        TestMember member = data.user(data.organizationId());
        Enrolment me = Enrolment.of(mvc, member, "Work laptop");
        accounts.update(data.admin(), member.userId(), new AccountChanges(null, null, null, null, null, Language.FR, null, null));
        String id = passkeys.list(member.userId()).get(0).id();

        MockHttpServletResponse question = me.client().postForm("/account/passkeys/" + id + "/remove");
        assertThat(question.getStatus()).isEqualTo(200);
        assertThat(question.getContentAsString()).contains("Supprimer la clé d’accès Work laptop ?",
                "La clé d’accès Work laptop ne vous connectera plus.", "name=\"confirmed\"");
        assertThat(passkeys.list(member.userId())).hasSize(1);

        MockHttpServletResponse removed = me.client().postForm("/account/passkeys/" + id + "/remove", "confirmed", "true");

        assertThat(removed.getRedirectedUrl()).isEqualTo("/account/passkeys");
        assertThat(passkeys.list(member.userId())).isEmpty();
        assertThat(audited("passkey.removed", member)).isEqualTo(1);
        assertThat(mails.to(member.email())).anySatisfy(mail -> {
            assertThat(mail.subject()).isEqualTo("Une clé d’accès a été supprimée de votre compte");
            assertThat(mail.text()).contains("« Work laptop »", "/account/passkeys");
        });
    }

    @Test
    void theSecondStepLearnsHowManyPasskeysAnAccountHoldsAndAResetRemovesThemAll() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Work laptop");
        SecondFactorKind kind = kinds.stream().filter(k -> k.name().equals("passkey")).findFirst().orElseThrow();
        assertThat(kind.enrolled(me.member().userId())).isEqualTo(1);

        kind.removeAll(me.member().userId());

        assertThat(kind.enrolled(me.member().userId())).isZero();
        assertThat(passkeys.list(me.member().userId())).isEmpty();
    }

    @Test
    void deletingAnAccountDeletesItsPasskeysAndItsUserHandle() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Work laptop");
        Enrolment colleague = Enrolment.of(mvc, data.user(data.organizationId()), "Desk key");
        String name = me.member().userId().toString();

        accounts.delete(data.admin(), me.member().userId());

        assertThat(jdbc.sql("select count(*) from user_entities where name = ?").param(name).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from user_credentials c join user_entities u on u.id = c.user_entity_user_id where u.name = ?")
                .param(name).query(Long.class).single()).isZero();
        assertThat(passkeys.list(colleague.member().userId())).hasSize(1);
    }

    @Test
    void aRegistrationThatDoesNotVerifyIsRefusedInThePersonsLanguageAndAddsNothing() throws Exception {
        TestMember member = data.user(data.organizationId());
        PortalClient client = new PortalClient(mvc);
        client.signIn(member.email(), member.password());
        MockHttpServletResponse options = client.postJson("/webauthn/register/options", null);
        SoftwareAuthenticator elsewhere = new SoftwareAuthenticator("https://evil.example");

        MockHttpServletResponse wrongOrigin = client.postJson("/account/passkeys", elsewhere.register(options.getContentAsString(), "Laptop"));
        MockHttpServletResponse noOptions = client.postJson("/account/passkeys",
                new SoftwareAuthenticator(Enrolment.ORIGIN).register(options.getContentAsString(), "Laptop"));
        MockHttpServletResponse garbage = client.postJson("/account/passkeys", "{\"publicKey\": 42}");

        assertThat(wrongOrigin.getStatus()).isEqualTo(400);
        assertThat(wrongOrigin.getContentAsString()).contains("The passkey could not be verified");
        // The options served one attempt: the same ones cannot be replayed.
        assertThat(noOptions.getStatus()).isEqualTo(400);
        assertThat(garbage.getStatus()).isEqualTo(400);
        assertThat(passkeys.list(member.userId())).isEmpty();
        assertThat(mails.to(member.email())).isEmpty();
    }

    @Test
    void springsOwnRegistrationAndRemovalEndpointsAreClosed() throws Exception {
        Enrolment me = Enrolment.of(mvc, data.user(data.organizationId()), "Work laptop");
        String id = passkeys.list(me.member().userId()).get(0).id();

        assertThat(me.client().postJson("/webauthn/register", "{}").getStatus()).isEqualTo(403);
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/webauthn/register/" + id)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(me.member().id())))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(passkeys.list(me.member().userId())).hasSize(1);
    }

    private long audited(String action, TestMember member) {
        return jdbc.sql("select count(*) from audit_entry where action = ? and actor_id = ?")
                .params(action, member.userId().value()).query(Long.class).single();
    }
}
