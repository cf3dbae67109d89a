package io.gatehouse.security.session;

import io.gatehouse.mail.MailRequest;
import io.gatehouse.mail.Mails;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notes what a portal session was signed in from, and tells the account's owner by mail when that
 * was a device the account had not used before ("was this you?"), with a link that ends that session.
 * An account's very first sign-in mails nothing: there is no device yet to compare with, and the
 * person has just chosen their password or received it from an admin.
 */
@Service
@Transactional
class SignIns {

    static final int MAX_USER_AGENT = 400;

    /** What the sign-in request showed; the session is named by the id it has after sign-in. */
    record SignIn(UserId account, String sessionId, String userAgent, String address, Instant at, boolean newDevice,
            boolean firstSignIn) {
    }

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Mails mails;
    private final SessionEndLinks links;
    private final MessageSource messages;

    SignIns(JdbcClient jdbc, Accounts accounts, Mails mails, SessionEndLinks links, MessageSource messages) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.mails = mails;
        this.links = links;
        this.messages = messages;
    }

    /** Runs once Spring Session has written the session's row; nothing is noted when it has none. */
    void record(SignIn signIn) {
        Optional<String> primaryId = jdbc.sql("select primary_id from spring_session where session_id = ? and principal_name = ?")
                .params(signIn.sessionId(), signIn.account().toString())
                .query(String.class).optional().map(String::strip);
        if (primaryId.isEmpty()) {
            return;
        }
        // Signing in again within the same session replaces what was noted.
        jdbc.sql("delete from session_sign_in where session_primary_id = ?").param(primaryId.get()).update();
        jdbc.sql("""
                        insert into session_sign_in (session_primary_id, user_id, user_agent, client_address, signed_in_at)
                        values (?, ?, ?, ?, ?)""")
                .params(primaryId.get(), signIn.account().value(), cut(signIn.userAgent(), MAX_USER_AGENT), ClientAddress.of(signIn.address()),
                        Timestamp.from(signIn.at()))
                .update();
        if (signIn.newDevice() && !signIn.firstSignIn()) {
            mail(signIn, primaryId.get());
        }
    }

    private void mail(SignIn signIn, String primaryId) {
        AccountView account = accounts.find(signIn.account());
        java.util.Locale locale = account.language().locale();
        Map<String, Object> variables = new LinkedHashMap<>();
        String name = (account.firstName() + " " + account.lastName()).strip();
        variables.put("name", name.isEmpty() ? account.email() : name);
        variables.put("device", Device.of(signIn.userAgent()).label(messages, locale));
        String address = ClientAddress.of(signIn.address());
        variables.put("address", address == null ? "" : address);
        ZoneId zone = zone(account.timeZone());
        variables.put("time", DateTimeFormatter.ofPattern(account.dateFormat().pattern() + " HH:mm")
                .format(signIn.at().atZone(zone)) + " (" + zone.getId() + ")");
        variables.put("link", links.link(primaryId));
        variables.put("subjectArgs", List.of(variables.get("device")));
        mails.enqueue(new MailRequest(account.email(), locale, "new-sign-in", variables));
    }

    private static ZoneId zone(String id) {
        try {
            return id == null || id.isBlank() ? ZoneId.of("UTC") : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    static String cut(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }
}
