package io.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Mail is part of the change that causes it; without a mail server it is delivered to the Mailbox at once. */
@IntegrationTest
class MailOutboxTest {

    @Autowired
    Mails mails;

    @Autowired
    MailDispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    static MailRequest reset(String to, Locale locale) {
        return new MailRequest(to, locale, "password-reset", Map.of("name", "Grace", "link", "/password/reset/abc", "validMinutes", 30));
    }

    static String address() {
        return TestData.unique("grace").toLowerCase() + "@example.test";
    }

    @Test
    void queueingOutsideATransactionIsRefused() {
        String to = address();
        assertThatThrownBy(() -> mails.enqueue(reset(to, Locale.ENGLISH))).isInstanceOf(IllegalTransactionStateException.class);
        assertThat(mails.to(to)).isEmpty();
    }

    @Test
    void aRolledBackChangeLeavesNoMail() {
        String to = address();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            mails.enqueue(reset(to, Locale.ENGLISH));
            assertThat(mails.to(to)).hasSize(1);
            status.setRollbackOnly();
        });
        assertThat(mails.to(to)).isEmpty();
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient_key = ?").param(to).query(Long.class).single()).isZero();
    }

    @Test
    void withoutAMailServerACommittedMailIsInTheMailboxAtOnceNewestFirst() {
        String to = address();
        UUID first = enqueue(reset(to, Locale.ENGLISH));
        UUID second = enqueue(reset(to.toUpperCase(), Locale.FRENCH));
        assertThat(dispatcher.smtp()).isFalse();

        List<MailView> received = mails.to(to.toUpperCase());
        assertThat(received).extracting(MailView::id).containsExactly(second, first);
        MailView english = received.get(1);
        assertThat(english.to()).isEqualTo(to);
        assertThat(english.status()).isEqualTo("SENT");
        assertThat(english.sentAt()).isEqualTo(english.createdAt());
        assertThat(english.attempts()).isZero();
        assertThat(english.subject()).isEqualTo("Reset your password");
        assertThat(english.text()).contains("Choose a new password: http://localhost:8080/password/reset/abc");
        assertThat(english.html()).contains("href=\"http://localhost:8080/password/reset/abc\"");
        assertThat(received.get(0).subject()).isEqualTo("Réinitialiser votre mot de passe");
        assertThat(jdbc.sql("select delivery from mail_outbox where id = ?").param(first).query(String.class).single()).isEqualTo("MAILBOX");
    }

    @Test
    void mailLeftPendingWhenTheMailServerWentAwayIsDeliveredToTheMailbox() {
        String to = address();
        UUID id = enqueue(reset(to, Locale.ENGLISH));
        jdbc.sql("update mail_outbox set status = 'PENDING', delivery = 'SMTP', sent_at = null where id = ?").param(id).update();

        dispatcher.dispatchNow();

        MailView mail = mails.to(to).get(0);
        assertThat(mail.status()).isEqualTo("SENT");
        assertThat(mail.attempts()).isEqualTo(1);
        assertThat(jdbc.sql("select delivery from mail_outbox where id = ?").param(id).query(String.class).single()).isEqualTo("MAILBOX");
    }

    @Test
    void aTemplateThatCannotBeRenderedFailsTheCallersChange() {
        String to = address();
        assertThatThrownBy(() -> enqueue(new MailRequest(to, Locale.ENGLISH, "invitation", Map.of("inviterName", "Ada"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(mails.to(to)).isEmpty();
    }

    private UUID enqueue(MailRequest request) {
        return new TransactionTemplate(transactions).execute(status -> mails.enqueue(request));
    }
}
