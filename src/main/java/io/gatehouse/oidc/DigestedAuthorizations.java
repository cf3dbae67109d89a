package io.gatehouse.oidc;

import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The authorization server's record of what it issued, kept by Spring's JDBC service, with the
 * tokens stored as SHA-256 digests: a copy of the database lets nobody use them. A token presented
 * is digested and looked up by an index; the copy handed back carries the presented value, so the
 * server's own checks work unchanged.
 *
 * <p>It also keeps which organization the person chose for the application, and detects a refresh
 * token used twice: refresh tokens are rotated at each use, so a spent one coming back means two
 * parties hold it — the whole authorization is revoked, the legitimate client signs in again.
 */
class DigestedAuthorizations implements OAuth2AuthorizationService {

    /** The authorization's attribute naming the organization the person signed in to the application for. */
    static final String ORGANIZATION = "gatehouse.organization";
    private static final String DIGEST_PREFIX = "h:";
    private static final String PRINCIPAL = java.security.Principal.class.getName();
    private static final String READ = DigestedAuthorizations.class.getName() + ".read";
    private static final String SEEN = DigestedAuthorizations.class.getName() + ".seen:";
    /**
     * What a token of unknown type may be, most often met first. Spring's own lookup without a type
     * ORs seven columns, two of them (device grant's) without an index, which scans the whole table.
     */
    private static final java.util.List<OAuth2TokenType> TYPES = java.util.List.of(OAuth2TokenType.ACCESS_TOKEN,
            OAuth2TokenType.REFRESH_TOKEN, new OAuth2TokenType(OAuth2ParameterNames.CODE), new OAuth2TokenType(OidcParameterNames.ID_TOKEN));

    private final AuthorizationStore delegate;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate inTransaction;

    DigestedAuthorizations(AuthorizationStore delegate, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.inTransaction = new TransactionTemplate(transactions);
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * A new client-credentials authorization is one insert, made without a transaction of its own;
     * any other save writes the row and notes a spent refresh token, in one transaction. What the
     * row held before is known when this request read it (a code exchange, a refresh); else it is
     * read first.
     */
    @Override
    public void save(OAuth2Authorization authorization) {
        forgetRead();
        AuthorizationStore.Before asRead = asRead(authorization.getId());
        if (madeOnThisRequest(authorization, asRead)) {
            store(authorization, AuthorizationStore.Before.NONE);
        } else {
            inTransaction.executeWithoutResult(status -> store(authorization, asRead));
        }
    }

    private void store(OAuth2Authorization authorization, AuthorizationStore.Before known) {
        OAuth2Authorization digested = digested(withPlainSignIn(withChosenOrganization(authorization)));
        String newRefresh = Optional.ofNullable(digested.getRefreshToken()).map(t -> t.getToken().getTokenValue()).orElse(null);
        String organization = digested.getAttribute(ORGANIZATION);
        var server = org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder.getContext();
        AuthorizationStore.Before before;
        try {
            before = delegate.store(digested, organization == null ? null : UUID.fromString(organization),
                    expiry(digested), server == null ? null : server.getIssuer(), known);
        } catch (AuthorizationStore.ChangedMeanwhile spentMeanwhile) {
            throw spentMeanwhile();
        }
        if (before.refreshToken() != null && !before.refreshToken().equals(newRefresh)) {
            try {
                jdbc.sql("insert into oauth2_spent_refresh_token (token_digest, authorization_id, spent_at) values (?, ?, ?)")
                        .params(before.refreshToken(), authorization.getId(), Timestamp.from(clock.instant())).update();
            } catch (DuplicateKeyException spentAlready) {
                // A second guard: the row's own check above lets one request through.
                throw spentMeanwhile();
            }
        }
        seen(digested);
    }

    /**
     * Another request spent the same code or refresh token a moment before, or the authorization was
     * revoked: this one issues nothing (its transaction is rolled back) and only the other's tokens stand.
     */
    private static OAuth2AuthenticationException spentMeanwhile() {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                "The grant was used by another request at the same time", null));
    }

    @Override
    @Transactional
    public void remove(OAuth2Authorization authorization) {
        forgetRead();
        delegate.remove(authorization);
        jdbc.sql("delete from oauth2_spent_refresh_token where authorization_id = ?").param(authorization.getId()).update();
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return seen(delegate.findById(id));
    }

    /** One read, without a transaction of its own; only a reused refresh token's revocation takes one. */
    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null || token.isEmpty() || token.length() > 8192) {
            return null;
        }
        if (tokenType != null && "state".equals(tokenType.getValue())) {
            return seen(delegate.findByToken(token, tokenType));
        }
        String digest = digest(token);
        // The client's authentication (PKCE) and the grant look the same code up: one read serves both.
        String key = (tokenType == null ? "" : tokenType.getValue()) + ":" + digest;
        Map<String, OAuth2Authorization> read = readInRequest();
        if (read != null && read.get(key) != null) {
            return read.get(key);
        }
        OAuth2Authorization found = (tokenType == null ? TYPES : java.util.List.of(tokenType)).stream()
                .map(type -> delegate.findByToken(digest, type))
                .filter(Objects::nonNull)
                .findFirst().orElse(null);
        if (found != null) {
            seen(found);
            OAuth2Authorization presented = presented(found, digest, token);
            if (read != null) {
                read.put(key, presented);
            }
            return presented;
        }
        if (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
            jdbc.sql("select authorization_id from oauth2_spent_refresh_token where token_digest = ?").param(digest)
                    .query(String.class).optional()
                    .ifPresent(stolen -> inTransaction.executeWithoutResult(status -> revokeReused(stolen)));
        }
        return null;
    }

    /**
     * A client-credentials authorization that this request did not read is the one the token
     * endpoint just made, under a new random id: it is inserted without first looking for a row.
     * (Revoking one reads it first, through {@link #findByToken}.)
     */
    private static boolean madeOnThisRequest(OAuth2Authorization authorization, AuthorizationStore.Before asRead) {
        return asRead == null && RequestContextHolder.getRequestAttributes() != null
                && AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType());
    }

    /** Notes, for this request, what the row holds: the stored form's refresh token (a digest), if any. */
    private static <T extends OAuth2Authorization> T seen(T stored) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && stored != null) {
            request.setAttribute(SEEN + stored.getId(), new AuthorizationStore.Before(true,
                    stored.getAccessToken() == null ? null : stored.getAccessToken().getToken().getTokenValue(),
                    stored.getRefreshToken() == null ? null : stored.getRefreshToken().getToken().getTokenValue()),
                    RequestAttributes.SCOPE_REQUEST);
        }
        return stored;
    }

    /** What the row held when this request last read or wrote it; null when it did neither. */
    private static AuthorizationStore.Before asRead(String id) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && request.getAttribute(SEEN + id, RequestAttributes.SCOPE_REQUEST) instanceof AuthorizationStore.Before before
                ? before : null;
    }

    /** What this request read is stale once it writes. */
    private static void forgetRead() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(READ, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** The authorizations this request read, by token type and digest; none outside a request. */
    @SuppressWarnings("unchecked")
    private static Map<String, OAuth2Authorization> readInRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return null;
        }
        Object read = request.getAttribute(READ, RequestAttributes.SCOPE_REQUEST);
        if (read == null) {
            read = new HashMap<String, OAuth2Authorization>();
            request.setAttribute(READ, read, RequestAttributes.SCOPE_REQUEST);
        }
        return (Map<String, OAuth2Authorization>) read;
    }

    private void revokeReused(String authorizationId) {
        OAuth2Authorization stolen = delegate.findById(authorizationId);
        if (stolen != null) {
            remove(stolen);
            OrganizationId organization = Optional.ofNullable((String) stolen.getAttribute(ORGANIZATION))
                    .map(OrganizationId::parse).orElse(null);
            events.publishEvent(new Audited(ActorRef.SYSTEM, organization, "oidc.refreshTokenReused", "user",
                    stolen.getPrincipalName(), null, Map.of("client", stolen.getRegisteredClientId())));
        }
    }

    /** The organization chosen on the sign-in of this request (see {@link ApplicationGate}), kept with the authorization. */
    private static OAuth2Authorization withChosenOrganization(OAuth2Authorization authorization) {
        if (authorization.getAttribute(ORGANIZATION) != null) {
            return authorization;
        }
        return ApplicationGate.chosenOrganization()
                .map(organization -> OAuth2Authorization.from(authorization).attribute(ORGANIZATION, organization.toString()).build())
                .orElse(authorization);
    }

    /**
     * The person's sign-in is kept with the authorization, since each refresh says how they signed in
     * (amr, acr): kept as their id and authorities only, whatever way they signed in (password,
     * passkey, a second step), so it reads back the same on any node and tells nothing more.
     */
    private static OAuth2Authorization withPlainSignIn(OAuth2Authorization authorization) {
        Object held = authorization.getAttribute(PRINCIPAL);
        if (!(held instanceof Authentication signIn) || isPlain(signIn)) {
            return authorization;
        }
        List<GrantedAuthority> authorities = signIn.getAuthorities().stream()
                .<GrantedAuthority>map(a -> a instanceof FactorGrantedAuthority ? a : new SimpleGrantedAuthority(a.getAuthority()))
                .toList();
        return OAuth2Authorization.from(authorization)
                .attribute(PRINCIPAL, UsernamePasswordAuthenticationToken.authenticated(signIn.getName(), null, authorities))
                .build();
    }

    /** A sign-in that is only a name and authorities: what {@link #withPlainSignIn} keeps. */
    static boolean isPlain(Authentication signIn) {
        return signIn.getClass() == UsernamePasswordAuthenticationToken.class && signIn.getPrincipal() instanceof String
                && signIn.getCredentials() == null && signIn.getDetails() == null
                && signIn.getAuthorities().stream().allMatch(a -> a instanceof FactorGrantedAuthority || a instanceof SimpleGrantedAuthority);
    }

    private static Instant expiry(OAuth2Authorization authorization) {
        return Stream.of(authorization.getToken(OAuth2AuthorizationCode.class), authorization.getAccessToken(),
                        authorization.getRefreshToken(), authorization.getToken(OidcIdToken.class))
                .filter(Objects::nonNull)
                .map(t -> t.getToken().getExpiresAt())
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElseGet(Instant::now);
    }

    private static OAuth2Authorization digested(OAuth2Authorization authorization) {
        OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
        boolean changed = false;
        for (OAuth2Authorization.Token<?> held : tokens(authorization)) {
            String value = held.getToken().getTokenValue();
            if (!value.startsWith(DIGEST_PREFIX)) {
                builder.token(withValue(held.getToken(), digest(value)), metadata -> metadata.putAll(held.getMetadata()));
                changed = true;
            }
        }
        return changed ? builder.build() : authorization;
    }

    private static OAuth2Authorization presented(OAuth2Authorization authorization, String digest, String value) {
        OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
        for (OAuth2Authorization.Token<?> held : tokens(authorization)) {
            if (held.getToken().getTokenValue().equals(digest)) {
                Map<String, Object> metadata = new HashMap<>(held.getMetadata());
                builder.token(withValue(held.getToken(), value), m -> m.putAll(metadata));
            }
        }
        return builder.build();
    }

    private static java.util.List<OAuth2Authorization.Token<?>> tokens(OAuth2Authorization authorization) {
        return Stream.<OAuth2Authorization.Token<?>>of(authorization.getToken(OAuth2AuthorizationCode.class),
                        authorization.getAccessToken(), authorization.getRefreshToken(), authorization.getToken(OidcIdToken.class))
                .filter(Objects::nonNull)
                .toList();
    }

    private static OAuth2Token withValue(OAuth2Token token, String value) {
        if (token instanceof OAuth2AuthorizationCode) {
            return new OAuth2AuthorizationCode(value, token.getIssuedAt(), token.getExpiresAt());
        }
        if (token instanceof OAuth2AccessToken access) {
            return new OAuth2AccessToken(access.getTokenType(), value, access.getIssuedAt(), access.getExpiresAt(), access.getScopes());
        }
        if (token instanceof OAuth2RefreshToken) {
            return new OAuth2RefreshToken(value, token.getIssuedAt(), token.getExpiresAt());
        }
        if (token instanceof OidcIdToken id) {
            return new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), id.getClaims());
        }
        throw new IllegalArgumentException("Unexpected token " + token.getClass());
    }

    static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return DIGEST_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
