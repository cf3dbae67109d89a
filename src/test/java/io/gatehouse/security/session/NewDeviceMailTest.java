package io.gatehouse.security.session;

import static io.gatehouse.security.session.HttpBrowser.CHROME_ON_LINUX;
import static io.gatehouse.security.session.HttpBrowser.FIREFOX_ON_WINDOWS;
import static io.gatehouse.security.session.HttpBrowser.SAFARI_ON_IPHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gatehouse.mail.Mails;
import io.gatehouse.security.SignedLinks;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Was this you?": a sign-in from a device the account has not used before is mailed, through a real
 * SMTP server (GreenMail), in the person's language, with a link that ends exactly that session.
 */
@IntegrationTest
class NewDeviceMailTest {

    private static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static final Pattern LINK = Pattern.compile(
            "http://localhost:8080(/account/sessions/end-link)\\?session=([0-9a-f-]{36})&expires=([0-9]+)&signature=([A-Za-z0-9_-]{43})");

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopServer() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    Mails mails;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Autowired
    SignedLinks signedLinks;

    @Test
    void aSignInFromADeviceTheAccountHasNotUsedBeforeIsMailedOnceButTheAccountsFirstSignInIsNot() throws Exception {
        TestMember me = data.user(data.organizationId());
        HttpBrowser laptop = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        laptop.signIn(me.email(), me.password());
        laptop.signIn(me.email(), me.password());
        assertThat(mails.to(me.email())).as("the first sign-in of an account, then the same device again").isEmpty();

        HttpBrowser phone = new HttpBrowser(port, SAFARI_ON_IPHONE);
        phone.signIn(me.email(), me.password());
        phone.signIn(me.email(), me.password());
        laptop.signIn(me.email(), me.password());

        assertThat(mails.to(me.email())).hasSize(1);
        MimeMessage message = awaitMail(me.email());
        assertThat(message.getSubject()).isEqualTo("New sign-in to your account: Safari on iOS");
        String text = text(message);
        assertThat(text).contains("Device: Safari on iOS", "Address: 127.0.0.1", "Time: ", "End that session",
                "change your password");
        assertThat(LINK.matcher(text).find()).isTrue();

        HttpBrowser desktop = new HttpBrowser(port, CHROME_ON_LINUX);
        desktop.signIn(me.email(), me.password());
        assertThat(mails.to(me.email())).as("another new device, another mail").hasSize(2);
        assertThat(mails.to(me.email()).get(0).subject()).isEqualTo("New sign-in to your account: Chrome on Linux");
    }

    @Test
    void theMailIsWrittenInThePersonsLanguage() throws Exception {
        TestMember me = data.user(data.organizationId());
        accounts.updateOwn(data.actor(me.userId()), new AccountChanges(null, null, null, null, null, Language.FR, null, null));
        new HttpBrowser(port, CHROME_ON_LINUX).signIn(me.email(), me.password());

        new HttpBrowser(port, FIREFOX_ON_WINDOWS).signIn(me.email(), me.password());

        MimeMessage message = awaitMail(me.email());
        assertThat(message.getSubject()).isEqualTo("Nouvelle connexion à votre compte : Firefox sous Windows");
        assertThat(text(message)).contains("Appareil : Firefox sous Windows", "Terminer cette session");
    }

    @Test
    void theLinkEndsThatSessionWithoutSigningInAndWorksOnce() throws Exception {
        TestMember me = data.user(data.organizationId());
        HttpBrowser laptop = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        laptop.signIn(me.email(), me.password());
        HttpBrowser intruder = new HttpBrowser(port, SAFARI_ON_IPHONE);
        intruder.signIn(me.email(), me.password());
        Matcher link = LINK.matcher(text(awaitMail(me.email())));
        assertThat(link.find()).isTrue();
        assertThat(link.group(2)).isEqualTo(primaryId(intruder));

        HttpBrowser mailReader = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        HttpResponse<String> opened = mailReader.get(link.group(0).substring("http://localhost:8080".length()));
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains("Safari on iOS", "127.0.0.1", "End that session");
        assertThat(intruder.signedIn()).as("opening the link alone ends nothing").isTrue();

        Map<String, String> fields = Map.of("session", link.group(2), "expires", link.group(3), "signature", link.group(4));
        String page = link.group(0).substring("http://localhost:8080".length());
        HttpResponse<String> ended = mailReader.post(link.group(1), fields, page);

        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(ended.body()).contains("That session has ended", "Choose a new password");
        assertThat(intruder.signedIn()).isFalse();
        assertThat(laptop.signedIn()).as("exactly that session").isTrue();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'session.endedByLink' and target_id = ? and actor_id = ?")
                .params(link.group(2), me.userId().value()).query(Long.class).single()).isEqualTo(1);

        HttpResponse<String> again = mailReader.post(link.group(1), fields, "/signin");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("This link no longer works");
        assertThat(mailReader.get(page).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'session.endedByLink' and target_id = ?")
                .param(link.group(2)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aForgedAlteredOrExpiredLinkEndsNothing() throws Exception {
        TestMember me = data.user(data.organizationId());
        HttpBrowser laptop = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        laptop.signIn(me.email(), me.password());
        HttpBrowser phone = new HttpBrowser(port, SAFARI_ON_IPHONE);
        phone.signIn(me.email(), me.password());
        Matcher link = LINK.matcher(text(awaitMail(me.email())));
        assertThat(link.find()).isTrue();
        String phoneSession = link.group(2);
        String laptopSession = primaryId(laptop);
        long expires = Long.parseLong(link.group(3));
        String signature = link.group(4);
        long past = Instant.now().minusSeconds(60).getEpochSecond();

        List<Map<String, String>> forged = List.of(
                Map.of("session", laptopSession, "expires", String.valueOf(expires), "signature", signature),
                Map.of("session", phoneSession, "expires", String.valueOf(expires + 86_400), "signature", signature),
                Map.of("session", phoneSession, "expires", String.valueOf(expires), "signature", "A".repeat(43)),
                Map.of("session", phoneSession, "expires", String.valueOf(expires), "signature", ""),
                Map.of("session", phoneSession, "expires", "soon", "signature", signature),
                // Signed by this server, but for another purpose, and one that has expired.
                Map.of("session", phoneSession, "expires", String.valueOf(expires),
                        "signature", signedLinks.sign("download", phoneSession, Instant.ofEpochSecond(expires))),
                Map.of("session", phoneSession, "expires", String.valueOf(past),
                        "signature", signedLinks.sign("session-end", phoneSession, Instant.ofEpochSecond(past))));
        HttpBrowser stranger = new HttpBrowser(port, CHROME_ON_LINUX);
        for (Map<String, String> fields : forged) {
            HttpResponse<String> refused = stranger.post("/account/sessions/end-link", fields, "/signin");
            assertThat(refused.statusCode()).as(fields.toString()).isEqualTo(404);
            assertThat(refused.body()).contains("This link no longer works");
        }

        assertThat(phone.signedIn()).isTrue();
        assertThat(laptop.signedIn()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'session.endedByLink' and actor_id = ?")
                .param(me.userId().value()).query(Long.class).single()).isZero();
    }

    private String primaryId(HttpBrowser browser) {
        return jdbc.sql("select primary_id from spring_session where session_id = ?").param(browser.sessionId())
                .query(String.class).single().strip();
    }

    private static MimeMessage awaitMail(String to) {
        await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(to).size() == 1);
        return messagesTo(to).get(0);
    }

    private static List<MimeMessage> messagesTo(String to) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.asList(message.getRecipients(Message.RecipientType.TO)).contains(new InternetAddress(to));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String text(MimeMessage message) throws Exception {
        return (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
    }
}
