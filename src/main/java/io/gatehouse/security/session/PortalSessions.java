package io.gatehouse.security.session;

import io.gatehouse.security.ApiTokens;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's open portal sessions, read from Spring Session's table beside what was noted at
 * sign-in. Ending one deletes its row: every node finds the session gone on its next request, and
 * what was noted goes with it. Ids are Spring Session's primary ids, which a session keeps when its
 * id changes at sign-in; only their owner's ones are found, anyone else's answer "not found".
 */
@Service
@Transactional
public class PortalSessions {

    private static final String SELECT = """
            select s.primary_id, s.session_id, s.creation_time, s.last_access_time,
                   f.user_agent, f.client_address, f.signed_in_at
            from spring_session s left join session_sign_in f on f.session_primary_id = s.primary_id
            """;

    private final JdbcClient jdbc;
    private final ApiTokens tokens;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PortalSessions(JdbcClient jdbc, ApiTokens tokens, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One session. {@code current}: the session the request came with.
     *
     * @param userAgent as the browser sent it at sign-in (null for a session older than this record)
     * @param address   the client address at sign-in, as the trusted proxies vouch for it
     */
    record SessionView(String id, String userAgent, String address, Instant startedAt, Instant lastSeenAt, boolean current) {

        Device device() {
            return Device.of(userAgent);
        }
    }

    /** What "sign out everywhere" ended. */
    public record Ended(int sessions, int apiTokens) {
    }

    @Transactional(readOnly = true)
    List<SessionView> list(UserId owner, String currentSessionId) {
        return jdbc.sql(SELECT + " where s.principal_name = ? and s.expiry_time > ? order by s.last_access_time desc")
                .params(owner.toString(), clock.instant().toEpochMilli())
                .query((rs, n) -> view(rs, currentSessionId))
                .list();
    }

    @Transactional(readOnly = true)
    SessionView find(UserId owner, String id, String currentSessionId) {
        return one(id).filter(found -> owner.toString().equals(found.owner())).map(found -> found.view(currentSessionId))
                .orElseThrow(() -> new NotFoundException("session"));
    }

    /** Ends one of the owner's sessions; another person's, or one already ended, is not found. */
    void end(ActorRef owner, String id) {
        Owned found = one(id).filter(session -> owner.userId().toString().equals(session.owner()))
                .orElseThrow(() -> new NotFoundException("session"));
        delete(found);
        events.publishEvent(new Audited(owner, null, "session.ended", "session", found.primaryId(), facts(found.view(null)), null));
    }

    /**
     * The session a "was this you?" link names, ended by the one who opened the link. The link is
     * proof enough: it went to the account's own address. Empty when the session ended already.
     */
    Optional<SessionView> endByLink(String id, java.util.function.Function<UserId, ActorRef> owners) {
        Optional<Owned> found = one(id).filter(session -> session.owner() != null);
        found.ifPresent(session -> {
            delete(session);
            ActorRef owner = owners.apply(UserId.parse(session.owner()));
            Map<String, Object> facts = facts(session.view(null));
            facts.put("by", "mail link");
            events.publishEvent(new Audited(owner, null, "session.endedByLink", "session", session.primaryId(), facts, null));
        });
        return found.map(session -> session.view(null));
    }

    /** Whether a link's session is still open (the page that asks before ending it shows it). */
    @Transactional(readOnly = true)
    Optional<SessionView> open(String id) {
        return one(id).filter(session -> session.owner() != null).map(session -> session.view(null));
    }

    /** Every session of the owner but the current one; with {@code apiTokens}, every API token too. */
    public Ended endOthers(ActorRef owner, String currentSessionId, boolean apiTokens) {
        int sessions = jdbc.sql("delete from spring_session where principal_name = ? and session_id <> ?")
                .params(owner.userId().toString(), currentSessionId == null ? "" : currentSessionId).update();
        int revoked = apiTokens ? tokens.revokeAll(owner) : 0;
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("sessions", sessions);
        after.put("apiTokensRevoked", apiTokens);
        events.publishEvent(new Audited(owner, null, "session.signedOutEverywhere", "user", owner.userId().toString(), null, after));
        return new Ended(sessions, revoked);
    }

    private void delete(Owned session) {
        jdbc.sql("delete from spring_session where primary_id = ?").param(session.primaryId()).update();
    }

    private static Map<String, Object> facts(SessionView view) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Device device = view.device();
        facts.put("browser", device.browser());
        facts.put("system", device.system());
        facts.put("address", view.address());
        return facts;
    }

    private record Owned(String primaryId, String owner, String sessionId, Instant created, Instant lastAccess, String userAgent,
            String address, Instant signedIn) {

        SessionView view(String currentSessionId) {
            return new SessionView(primaryId, userAgent, address, signedIn == null ? created : signedIn, lastAccess,
                    sessionId.equals(currentSessionId));
        }
    }

    private Optional<Owned> one(String id) {
        if (!isUuid(id)) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT.replace("select s.primary_id,", "select s.principal_name, s.primary_id,")
                        + " where s.primary_id = ? and s.expiry_time > ?")
                .params(id, clock.instant().toEpochMilli())
                .query((rs, n) -> new Owned(rs.getString("primary_id").strip(), rs.getString("principal_name"),
                        rs.getString("session_id").strip(), Instant.ofEpochMilli(rs.getLong("creation_time")),
                        Instant.ofEpochMilli(rs.getLong("last_access_time")), rs.getString("user_agent"), rs.getString("client_address"),
                        instant(rs.getTimestamp("signed_in_at"))))
                .optional();
    }

    private static SessionView view(ResultSet rs, String currentSessionId) throws SQLException {
        Instant signedIn = instant(rs.getTimestamp("signed_in_at"));
        return new SessionView(rs.getString("primary_id").strip(), rs.getString("user_agent"), rs.getString("client_address"),
                signedIn == null ? Instant.ofEpochMilli(rs.getLong("creation_time")) : signedIn,
                Instant.ofEpochMilli(rs.getLong("last_access_time")), rs.getString("session_id").strip().equals(currentSessionId));
    }

    static boolean isUuid(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(id).toString().equals(id.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
