package io.gatehouse.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.gatehouse.cluster.ChangeSignalled;
import io.gatehouse.cluster.ChangeSignals;
import io.gatehouse.security.Sealing;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign ID and access tokens, kept in the database so that every node signs with the
 * same keys and publishes the same set. One key per algorithm signs at a time: RS256, every
 * application's default, and ES256, which an application may choose instead
 * ({@link ClientRegistration#signingAlgorithm()}). A rotation replaces both; a rotated key keeps
 * being published until the last token it signed has expired, so applications holding those
 * tokens can still check them. Each node keeps the keys in memory: a rotation on any node is
 * signalled to every node ({@link ChangeSignals}), which reads them again within a second; a token
 * signed by the new key is verifiable from then on everywhere, and on the rotating node at once.
 */
class SigningKeys implements JWKSource<SecurityContext> {

    /** What a rotation signals to every node. */
    static final String TOPIC = "oidc.signing-keys";
    /** The algorithms tokens are signed with, the default first. */
    static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    /**
     * How long the keys read from the database are trusted when no rotation is signalled: a retired
     * key stops being published within that time once its last token expired.
     */
    static final Duration REFRESH = Duration.ofMinutes(1);
    /**
     * Signs ES256: its P-256 arithmetic keeps multiples of the curve's base point precomputed and
     * signs in 0.09 ms, where the JDK 17's own takes 0.55 ms (JDK 25's 0.14 ms). Used by the keys
     * here only, never registered for the rest of the JVM.
     */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    /** The nonces of ES256 signatures; one for all, where the signer would make one per signature. */
    private static final SecureRandom NONCES = new SecureRandom();

    private final JdbcClient jdbc;
    private final Sealing.Key vault;
    private final Clock clock;
    private final Duration longestToken;
    private final TransactionTemplate separately;
    private final ChangeSignals signals;
    private volatile Loaded loaded;

    /** The signing key of each algorithm, and every public key still published. */
    private record Loaded(Map<JWSAlgorithm, SigningKey> active, List<JWK> published, Instant readAt) {
    }

    /** A key that signs now: its public half, named by its id in the header of every token it signs. */
    record SigningKey(JWK publicKey, JWSSigner signer) {

        String kid() {
            return publicKey.getKeyID();
        }
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

    /** The key that signs with the algorithm now; its id is named in every token's header. */
    SigningKey active(JWSAlgorithm algorithm) {
        SigningKey key = loaded().active().get(algorithm);
        if (key == null) {
            throw new IllegalArgumentException("Gatehouse signs no token with " + algorithm);
        }
        return key;
    }

    /**
     * Every public key an application may meet in a token: what the JWKS publishes and tokens are
     * checked with. The private keys never leave this class; {@link TokenEncoder} signs.
     */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        Loaded keys = loaded();
        List<JWK> candidates = new ArrayList<>();
        keys.active().values().forEach(key -> candidates.add(key.publicKey()));
        candidates.addAll(keys.published());
        return selector.select(new com.nimbusds.jose.jwk.JWKSet(candidates));
    }

    /**
     * Makes a new key for each algorithm; the ones before keep being published until their tokens
     * have expired. Returns the new keys' ids by algorithm.
     */
    Map<JWSAlgorithm, String> rotate() {
        List<JWK> made = newKeys(ALGORITHMS);
        separately.executeWithoutResult(status -> {
            signals.takeTurn(TOPIC);
            store(made);
        });
        loaded = null;
        Map<JWSAlgorithm, String> kids = new LinkedHashMap<>();
        made.forEach(key -> kids.put(JWSAlgorithm.parse(key.getAlgorithm().getName()), key.getKeyID()));
        return kids;
    }

    /** Rotates when an active key is older than the given age; a no-op on every node but the first to see it. */
    boolean rotateIfOlderThan(Duration age) {
        if (!due(age)) {
            return false;
        }
        // Made before taking the turn: making an RSA key takes a while, and the turn holds back every other node.
        List<JWK> made = newKeys(ALGORITHMS);
        Boolean rotated = separately.execute(status -> {
            // Two nodes due at once take turns, and the second reads the keys the first made: they rotate once.
            signals.takeTurn(TOPIC);
            if (!due(age)) {
                return false;
            }
            store(made);
            return true;
        });
        loaded = null;
        return Boolean.TRUE.equals(rotated);
    }

    private boolean due(Duration age) {
        List<Instant> active = jdbc.sql("select created_at from oidc_signing_key where retired_at is null")
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        // An algorithm without a key yet (an installation from before ES256) gets one when first needed, in loaded().
        return active.isEmpty() || active.stream().anyMatch(created -> !created.plus(age).isAfter(clock.instant()));
    }

    private List<JWK> newKeys(List<JWSAlgorithm> algorithms) {
        List<JWK> keys = new ArrayList<>();
        java.util.Date now = java.util.Date.from(clock.instant());
        try {
            for (JWSAlgorithm algorithm : algorithms) {
                String kid = UUID.randomUUID().toString();
                keys.add(JWSAlgorithm.ES256.equals(algorithm)
                        ? new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyID(kid).issueTime(now).generate()
                        : new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyID(kid).issueTime(now).generate());
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make a signing key", e);
        }
        return keys;
    }

    /**
     * Signs with the keys from now on, each in place of the active key of its algorithm, in the
     * caller's transaction, and tells every node.
     */
    private void store(List<JWK> keys) {
        Instant now = clock.instant();
        for (JWK key : keys) {
            String algorithm = key.getAlgorithm().getName();
            jdbc.sql("update oidc_signing_key set retired_at = ?, published_until = ? where retired_at is null and algorithm = ?")
                    .params(Timestamp.from(now), Timestamp.from(now.plus(longestToken)), algorithm)
                    .update();
            jdbc.sql("insert into oidc_signing_key (kid, algorithm, private_jwk, public_jwk, created_at) values (?, ?, ?, ?, ?)")
                    .params(key.getKeyID(), algorithm, vault.seal(key.toJSONString()), key.toPublicJWK().toJSONString(),
                            Timestamp.from(now))
                    .update();
        }
        jdbc.sql("delete from oidc_signing_key where published_until < ?").param(Timestamp.from(now)).update();
        signals.announce(TOPIC);
    }

    private Loaded loaded() {
        Loaded known = loaded;
        Instant now = clock.instant();
        if (known == null || known.readAt().plus(REFRESH).isBefore(now)) {
            Loaded read = read(now);
            List<JWSAlgorithm> missing = ALGORITHMS.stream().filter(algorithm -> !read.active().containsKey(algorithm)).toList();
            known = read;
            if (!missing.isEmpty()) {
                List<JWK> made = newKeys(missing);
                separately.executeWithoutResult(status -> {
                    // The first node to need a key makes it; another one racing it waits its turn and finds it made.
                    signals.takeTurn(TOPIC);
                    Set<String> present = Set.copyOf(jdbc.sql("select algorithm from oidc_signing_key where retired_at is null")
                            .query(String.class).list());
                    List<JWK> stillMissing = made.stream().filter(key -> !present.contains(key.getAlgorithm().getName())).toList();
                    if (!stillMissing.isEmpty()) {
                        store(stillMissing);
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
                        where retired_at is null or published_until >= ? order by created_at desc, kid""")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4) != null))
                .list();
        Map<JWSAlgorithm, SigningKey> active = new LinkedHashMap<>();
        List<JWK> published = new ArrayList<>();
        try {
            for (Row row : rows) {
                JWK key = JWK.parse(row.publicJwk());
                JWSAlgorithm algorithm = key.getAlgorithm() == null ? JWSAlgorithm.RS256 : JWSAlgorithm.parse(key.getAlgorithm().getName());
                if (!row.retired() && !active.containsKey(algorithm)) {
                    String privateJwk = vault.open(row.privateSealed()).orElseThrow(() -> new IllegalStateException(
                            "The token signing key was sealed under another gatehouse.oidc.secret"));
                    active.put(algorithm, new SigningKey(key, signer(JWK.parse(privateJwk))));
                } else {
                    published.add(key);
                }
            }
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key cannot be read", e);
        }
        return new Loaded(java.util.Collections.unmodifiableMap(active), List.copyOf(published), now);
    }

    private static JWSSigner signer(JWK key) {
        try {
            if (key instanceof ECKey ec) {
                // In BouncyCastle's own form: a key of another provider would be converted at each signature.
                PrivateKey own = KeyFactory.getInstance("EC", BOUNCY_CASTLE)
                        .generatePrivate(new PKCS8EncodedKeySpec(ec.toECPrivateKey().getEncoded()));
                ECDSASigner signer = new ECDSASigner(own, ec.getCurve());
                signer.getJCAContext().setProvider(BOUNCY_CASTLE);
                signer.getJCAContext().setSecureRandom(NONCES);
                return signer;
            }
            return new RSASSASigner(key.toRSAKey());
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("A stored signing key cannot sign", e);
        }
    }
}
