package io.gatehouse.scim;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.gatehouse.security.RandomSecrets;
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
 * An organization's SCIM tokens: shown once, stored as a SHA-256 digest (256 random bits need no
 * slow hash), revoked rather than deleted so the list keeps what existed and when it stopped.
 */
@Service
@Transactional
class ScimTokens {

    static final String PREFIX = "scim_";
    private static final int MAX_NAME = 100;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ScimTokens(JdbcClient jdbc, Organizations organizations, AccessPolicy policy, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    record TokenView(String id, String name, String createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    record IssuedToken(String id, String name, String token, Instant createdAt) {
    }

    IssuedToken issue(Actor actor, OrganizationId organization, String name) {
        require(actor, organization);
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME) {
            throw InvalidInputException.of("name", "validation.size.range", 1, MAX_NAME);
        }
        String token = RandomSecrets.make(PREFIX);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into scim_token (id, organization_id, name, token_hash, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), label, digest(token), actor.userId().value(), Timestamp.from(now))
                .update();
        events.publishEvent(new Audited(actor.ref(), organization, "scim.token.created", "scimToken", id.toString(), null,
                Map.of("name", label)));
        return new IssuedToken(id.toString(), label, token, now);
    }

    @Transactional(readOnly = true)
    List<TokenView> list(Actor actor, OrganizationId organization) {
        require(actor, organization);
        return jdbc.sql("""
                        select t.id, t.name, u.first_name, u.last_name, t.created_at, t.last_used_at, t.revoked_at
                        from scim_token t join user_account u on u.id = t.created_by
                        where t.organization_id = ? order by t.created_at desc""")
                .param(organization.value())
                .query((rs, n) -> new TokenView(rs.getString(1), rs.getString(2), rs.getString(3) + " " + rs.getString(4),
                        instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))))
                .list();
    }

    /** Revoking twice is no error; a token of another organization is not found. */
    void revoke(Actor actor, OrganizationId organization, String tokenId) {
        require(actor, organization);
        UUID id = parse(tokenId);
        Optional<String> name = jdbc.sql("select name from scim_token where id = ? and organization_id = ? and revoked_at is null")
                .params(id, organization.value()).query(String.class).optional();
        if (name.isEmpty()) {
            Integer known = jdbc.sql("select count(*) from scim_token where id = ? and organization_id = ?")
                    .params(id, organization.value()).query(Integer.class).single();
            if (known == 0) {
                throw new NotFoundException("token");
            }
            return;
        }
        jdbc.sql("update scim_token set revoked_at = ? where id = ?").params(Timestamp.from(clock.instant()), id).update();
        events.publishEvent(new Audited(actor.ref(), organization, "scim.token.revoked", "scimToken", id.toString(),
                Map.of("name", name.get()), null));
    }

    /** The directory holding a valid, unrevoked token. One lookup and, now and then, one update. */
    @Transactional(propagation = Propagation.SUPPORTS)
    Optional<ScimClient> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        record Found(ScimClient client, Instant lastUsed) {
        }
        Instant now = clock.instant();
        Optional<Found> found = jdbc.sql("""
                        select id, name, organization_id, created_by, last_used_at from scim_token
                        where token_hash = ? and revoked_at is null""")
                .param(digest(token))
                .query((rs, n) -> new Found(new ScimClient(rs.getObject(1, UUID.class), rs.getString(2),
                        new OrganizationId(rs.getObject(3, UUID.class)), new UserId(rs.getObject(4, UUID.class))),
                        instant(rs.getTimestamp(5))))
                .optional();
        found.filter(f -> f.lastUsed() == null || f.lastUsed().isBefore(now.minus(LAST_USED_RESOLUTION)))
                .ifPresent(f -> jdbc.sql("update scim_token set last_used_at = ? where id = ?")
                        .params(Timestamp.from(now), f.client().tokenId()).update());
        return found.map(Found::client);
    }

    private void require(Actor actor, OrganizationId organization) {
        organizations.requireVisible(actor, organization);
        policy.manageScimTokens(actor, organization).orThrow();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("token");
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String digest(String token) {
        return RandomSecrets.digest(token);
    }
}
