package io.gatehouse.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.gatehouse.cluster.ChangeSignalled;
import io.gatehouse.cluster.ChangeSignals;
import io.gatehouse.security.Sealing;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign ID and access tokens, kept in the database so that every node signs with the
 * same key and publishes the same set. One key signs at a time; a rotated key keeps being published
 * until the last token it signed has expired, so applications holding those tokens can still check
 * them. Each node keeps the keys in memory: a rotation on any node is signalled to every node
 * ({@link ChangeSignals}), which reads them again within a second; a token signed by the new key is
 * verifiable from then on everywhere, and on the rotating node at once.
 */
class SigningKeys implements JWKSource<SecurityContext> {

    /** What a rotation signals to every node. */
    static final String TOPIC = "oidc.signing-keys";
    /**
     * How long the keys read from the database are trusted when no rotation is signalled: a retired
     * key stops being published within that time once its last token expired.
     */
    static final Duration REFRESH = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Sealing.Key vault;
    private final Clock clock;
    private final Duration longestToken;
    private final TransactionTemplate separately;
    private final ChangeSignals signals;
    private volatile Loaded loaded;

    private record Loaded(RSAKey active, List<JWK> published, Instant readAt) {
    }

    SigningKeys(JdbcClient jdbc, Sealing.Key vault, Clock clock, Duration longestToken, PlatformTransactionManager transactions,
            ChangeSignals signals) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.vault = vault;
        this.clock = clock;
        this.longestToken = longestToken;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The key that signs now; its id is named in every token's header. */
    RSAKey active() {
        return loaded().active();
    }

    /**
     * Every public key an application may meet in a token. The authorization server asks for keys
     * to sign with a selector naming the active key's id (set by {@link GatehouseClaims}), so only
     * that one private key is ever handed out.
     */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        Loaded keys = loaded();
        List<JWK> candidates = new ArrayList<>(keys.published());
        candidates.add(0, keys.active());
        return selector.select(new com.nimbusds.jose.jwk.JWKSet(candidates));
    }

    /** Makes a new signing key; the one before keeps being published until its tokens have expired. */
    String rotate() {
        RSAKey key = newKey();
        String kid = separately.execute(status -> {
            signals.takeTurn(TOPIC);
            return store(key);
        });
        loaded = null;
        return kid;
    }

    /** Rotates when the active key is older than the given age; a no-op on every node but the first to see it. */
    boolean rotateIfOlderThan(Duration age) {
        if (!due(age)) {
            return false;
        }
        // Made before taking the turn: making an RSA key takes a while, and the turn holds back every other node.
        RSAKey key = newKey();
        Boolean rotated = separately.execute(status -> {
            // Two nodes due at once take turns, and the second reads the key the first made: they rotate once.
            signals.takeTurn(TOPIC);
            if (!due(age)) {
                return false;
            }
            store(key);
            return true;
        });
        loaded = null;
        return Boolean.TRUE.equals(rotated);
    }

    private boolean due(Duration age) {
        List<Instant> active = jdbc.sql("select created_at from oidc_signing_key where retired_at is null")
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        return active.isEmpty() || active.stream().anyMatch(created -> !created.plus(age).isAfter(clock.instant()));
    }

    private RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).issueTime(java.util.Date.from(clock.instant())).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make a signing key", e);
        }
    }

    /** Signs with the key from now on, in the caller's transaction, and tells every node. */
    private String store(RSAKey key) {
        Instant now = clock.instant();
        jdbc.sql("update oidc_signing_key set retired_at = ?, published_until = ? where retired_at is null")
                .params(Timestamp.from(now), Timestamp.from(now.plus(longestToken)))
                .update();
        jdbc.sql("insert into oidc_signing_key (kid, private_jwk, public_jwk, created_at) values (?, ?, ?, ?)")
                .params(key.getKeyID(), vault.seal(key.toJSONString()), key.toPublicJWK().toJSONString(), Timestamp.from(now))
                .update();
        jdbc.sql("delete from oidc_signing_key where published_until < ?").param(Timestamp.from(now)).update();
        signals.announce(TOPIC);
        return key.getKeyID();
    }

    private Loaded loaded() {
        Loaded known = loaded;
        Instant now = clock.instant();
        if (known == null || known.readAt().plus(REFRESH).isBefore(now)) {
            known = read(now);
            if (known == null) {
                RSAKey key = newKey();
                separately.executeWithoutResult(status -> {
                    // The first node to need a key makes it; another one racing it waits its turn and finds it made.
                    signals.takeTurn(TOPIC);
                    if (jdbc.sql("select count(*) from oidc_signing_key where retired_at is null").query(Long.class).single() == 0) {
                        store(key);
                    }
                });
                known = read(now);
            }
            loaded = known;
        }
        return known;
    }

    /** A rotation, here or on another node: the keys are read again when next needed. */
    @EventListener
    void forgetOnRotation(ChangeSignalled signal) {
        if (signal.is(TOPIC)) {
            loaded = null;
        }
    }

    private Loaded read(Instant now) {
        record Row(String kid, String privateSealed, String publicJwk, boolean retired) {
        }
        List<Row> rows = jdbc.sql("""
                        select kid, private_jwk, public_jwk, retired_at from oidc_signing_key
                        where retired_at is null or published_until >= ? order by created_at desc""")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4) != null))
                .list();
        RSAKey active = null;
        List<JWK> published = new ArrayList<>();
        try {
            for (Row row : rows) {
                if (!row.retired() && active == null) {
                    String privateJwk = vault.open(row.privateSealed()).orElseThrow(() -> new IllegalStateException(
                            "The token signing key was sealed under another gatehouse.oidc.secret"));
                    active = RSAKey.parse(privateJwk);
                } else {
                    published.add(JWK.parse(row.publicJwk()));
                }
            }
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key cannot be read", e);
        }
        return active == null ? null : new Loaded(active, List.copyOf(published), now);
    }
}
