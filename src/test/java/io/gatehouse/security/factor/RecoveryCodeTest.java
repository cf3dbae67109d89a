package io.gatehouse.security.factor;

import io.gatehouse.support.PortalSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.mail.MailView;
import io.gatehouse.mail.Mails;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Recovery codes: ten shown once with the first second factor, each good for one sign-in, renewed on demand. */
@IntegrationTest
class RecoveryCodeTest {

    private static final Pattern CODE = Pattern.compile("class=\"recovery-code\">([a-z0-9-]+)<");

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    SecondFactors factors;

    @Autowired
    Mails mails;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theFirstSecondFactorBringsTenCodesKeptOnlyAsDigests() throws Exception {
        TestMember member = data.user(data.organizationId());
        List<String> codes = enrolThroughThePage(member);

        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(jdbc.sql("select code_digest from recovery_code where user_id = ?").param(member.userId().value())
                .query(String.class).list()).hasSize(10).allSatisfy(digest -> assertThat(codes).doesNotContain(digest));
    }

    @Test
    void usedRecoveryCodeIsRefused() throws Exception {
        TestMember member = data.user(data.organizationId());
        String code = enrolThroughThePage(member).get(3);

        PortalSession first = signedIn(member);
        HttpResponse<String> used = first.submit("/signin/second-factor?recovery=true", "/signin/second-factor/recovery",
                Map.of("code", code.toUpperCase()));
        assertThat(used.statusCode()).isEqualTo(302);
        assertThat(first.get("/profile").statusCode()).isEqualTo(200);

        PortalSession second = signedIn(member);
        HttpResponse<String> again = second.submit("/signin/second-factor?recovery=true", "/signin/second-factor/recovery",
                Map.of("code", code));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("used already");
        assertThat(second.get("/profile").statusCode()).isEqualTo(302);
        assertThat(factors.status(member.userId()).recoveryCodes()).isEqualTo(9);
        assertThat(mailsTo(member)).anySatisfy(m -> assertThat(m.text()).contains("A recovery code was used"));
        assertThat(data.auditEntries(member.organizationId(), "user.secondFactor.recoveryCodeUsed")).isEqualTo(1);
    }

    @Test
    void newRecoveryCodesKillTheOldOnes() throws Exception {
        TestMember member = data.user(data.organizationId());
        List<String> old = enrolThroughThePage(member);
        PortalSession browser = signedIn(member);
        browser.submit("/signin/second-factor?recovery=true", "/signin/second-factor/recovery", Map.of("code", old.get(0)));

        HttpResponse<String> asked = browser.submit("/account/security", "/account/security/recovery-codes", Map.of());
        assertThat(asked.body()).as("asks first").contains("will stop working").doesNotContain("class=\"recovery-code\"");
        HttpResponse<String> renewed = browser.submit("/account/security", "/account/security/recovery-codes", Map.of("confirmed", "true"));
        List<String> fresh = codes(renewed);

        assertThat(fresh).hasSize(10);
        assertThat(factors.useRecoveryCode(member.userId(), old.get(1))).isFalse();
        assertThat(factors.useRecoveryCode(member.userId(), fresh.get(1))).isTrue();
        assertThat(data.auditEntries(member.organizationId(), "user.secondFactor.recoveryCodesRenewed")).isEqualTo(2);
    }

    @Test
    void ofParallelUsesOfOneCodeOnlyOneSignsIn() throws Exception {
        TestMember member = data.user(data.organizationId());
        String code = enrolThroughThePage(member).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return factors.useRecoveryCode(member.userId(), code);
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
    void enrolmentAndRemovalAreAuditedAndToldByMail() throws Exception {
        TestMember member = data.user(data.organizationId());
        enrolThroughThePage(member);
        PortalSession browser = signedIn(member);
        browser.submit("/signin/second-factor?recovery=true", "/signin/second-factor/recovery",
                Map.of("code", factors.newRecoveryCodes(data.actor(member.userId())).get(0)));

        HttpResponse<String> asked = browser.submit("/account/security", "/account/security/authenticator/remove", Map.of());
        assertThat(asked.body()).contains("Remove the authenticator app?");
        assertThat(factors.status(member.userId()).of("totp")).as("nothing removed before the answer").isEqualTo(1);
        HttpResponse<String> removed = browser.submit("/account/security", "/account/security/authenticator/remove",
                Map.of("confirmed", "true"));

        assertThat(removed.body()).contains("The authenticator app is removed.");
        assertThat(factors.status(member.userId()).total()).isZero();
        assertThat(factors.status(member.userId()).recoveryCodes()).as("codes stand in for nothing now").isZero();
        assertThat(data.auditEntries(member.organizationId(), "user.secondFactor.authenticatorAdded")).isEqualTo(1);
        assertThat(data.auditEntries(member.organizationId(), "user.secondFactor.authenticatorRemoved")).isEqualTo(1);
        assertThat(mailsTo(member)).extracting(MailView::subject).contains("The sign-in security of your account changed");
        assertThat(mailsTo(member)).anySatisfy(m -> assertThat(m.text()).contains("An authenticator app was set up"));
        assertThat(mailsTo(member)).anySatisfy(m -> assertThat(m.text()).contains("authenticator app of your account was removed"));
        assertThat(mailsTo(member)).allSatisfy(m -> assertThat(m.text()).doesNotContain("mail.second-factor"));
    }

    @Test
    void recoveryCodesNeedASecondFactor() {
        TestMember member = data.user(data.organizationId());

        assertThatThrownBy(() -> factors.newRecoveryCodes(data.actor(member.userId()))).isInstanceOf(InvalidInputException.class);
        assertThat(factors.status(member.userId()).recoveryCodes()).isZero();
    }

    List<String> enrolThroughThePage(TestMember member) throws Exception {
        PortalSession browser = signedIn(member);
        HttpResponse<String> pending = browser.submit("/account/security", "/account/security/authenticator", Map.of());
        Matcher secret = Pattern.compile("id=\"authenticator-secret\">([A-Z2-7 ]+)<").matcher(pending.body());
        assertThat(secret.find()).isTrue();
        TotpCodes.awayFromStepEdge();
        HttpResponse<String> confirmed = browser.submit("/account/security", "/account/security/authenticator/confirm",
                Map.of("code", TotpCodes.code(secret.group(1).replace(" ", ""), 0)));
        return codes(confirmed);
    }

    PortalSession signedIn(TestMember member) throws Exception {
        PortalSession browser = new PortalSession(port);
        assertThat(browser.signIn(member.email(), member.password()).statusCode()).isEqualTo(302);
        return browser;
    }

    List<MailView> mailsTo(TestMember member) {
        return mails.to(member.email());
    }

    static List<String> codes(HttpResponse<String> page) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = CODE.matcher(page.body());
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }
}
