package io.gatehouse.security;

import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: shown once, stored as a SHA-256 digest (the token carries 256 random bits,
 * so a slow hash adds nothing), refused as soon as the account is disabled.
 */
@Service
@Transactional
public class ApiTokens {

    static final String PREFIX = "gh_";
    private static final int MAX_NAME = 100;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** lastUsedAddress: the client address of the last use, as the trusted proxies vouch for it. */
    public record TokenView(String id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt, String lastUsedAddress) {
    }

    record IssuedToken(String id, String name, String token, Instant createdAt, Instant expiresAt) {
    }

    IssuedToken issue(ActorRef owner, String name, Integer expiresInDays) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME) {
            throw InvalidInputException.of("name", "validation.size.range", 1, MAX_NAME);
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 3650)) {
            throw InvalidInputException.of("expiresInDays", "validation.range", 1, 3650);
        }
        String token = RandomSecrets.make(PREFIX);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expires = expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays));
        jdbc.sql("insert into api_token (id, user_id, name, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, owner.userId().value(), label, digest(token), Timestamp.from(now),
                        expires == null ? null : Timestamp.from(expires))
                .update();
        events.publishEvent(new Audited(owner, null, "token.created", "token", id.toString(), null, Map.of("name", label)));
        return new IssuedToken(id.toString(), label, token, now, expires);
    }

    @Transactional(readOnly = true)
    public List<TokenView> list(UserId owner) {
        return jdbc.sql("select id, name, created_at, expires_at, last_used_at, last_used_address from api_token where user_id = ? order by created_at")
                .param(owner.value())
                .query((rs, n) -> new TokenView(rs.getString("id"), rs.getString("name"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("last_used_at")), rs.getString("last_used_address")))
                .list();
    }

    /** Every token of the owner, at once; how many there were. */
    public int revokeAll(ActorRef owner) {
        int deleted = jdbc.sql("delete from api_token where user_id = ?").param(owner.userId().value()).update();
        if (deleted > 0) {
            events.publishEvent(new Audited(owner, null, "token.revokedAll", "user", owner.userId().toString(), null,
                    Map.of("tokens", deleted)));
        }
        return deleted;
    }

    public void revoke(ActorRef owner, String tokenId) {
        UUID id;
        try {
            id = UUID.fromString(tokenId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("token");
        }
        int deleted = jdbc.sql("delete from api_token where id = ? and user_id = ?").params(id, owner.userId().value()).update();
        if (deleted == 0) {
            throw new NotFoundException("token");
        }
        events.publishEvent(new Audited(owner, null, "token.revoked", "token", tokenId, null, null));
    }

    /**
     * The owner of a valid, unexpired token; whether the account may still act is checked on every
     * request. One lookup, and now and then a single update: no transaction needed around them.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    Optional<UserId> authenticate(String token, String clientAddress) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        record Found(UUID id, UUID user, Instant expires, Instant lastUsed) {
        }
        Instant now = clock.instant();
        Optional<Found> found = jdbc.sql("select id, user_id, expires_at, last_used_at from api_token where token_hash = ?")
                .param(digest(token))
                .query((rs, n) -> new Found(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4))))
                .optional()
                .filter(f -> f.expires() == null || f.expires().isAfter(now));
        found.filter(f -> f.lastUsed() == null || f.lastUsed().isBefore(now.minus(LAST_USED_RESOLUTION)))
                .ifPresent(f -> jdbc.sql("update api_token set last_used_at = ?, last_used_address = ? where id = ?")
                        .params(Timestamp.from(now), io.gatehouse.security.session.ClientAddress.of(clientAddress), f.id()).update());
        return found.map(f -> new UserId(f.user()));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String digest(String token) {
        return RandomSecrets.digest(token);
    }
}
