package io.gatehouse.licence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Ed25519 key pair that signs licence files, made once by the first node that needs it and
 * kept in the database (the private half sealed by {@link LicenceVault}), so every node signs with
 * the same key and the vendor's software needs one public key. Published as a JWK (RFC 8037).
 * Each node keeps it in memory once read: it never changes (there is no rotation: the vendor's
 * software holds its public half), so no node can hold a stale one.
 */
@Component
class LicenceSigningKey {

    private static final String ID = "licence-signing-1";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final JdbcClient jdbc;
    private final LicenceVault vault;
    private final Clock clock;
    // Made in a transaction of its own: a key another node inserted first must not spoil the caller's.
    private final TransactionTemplate separately;
    private volatile Loaded loaded;

    /** The private key as BouncyCastle signs with it: the JDK's Ed25519 takes milliseconds a signature, BouncyCastle's a fraction of one. */
    private record Loaded(String kid, byte[] publicX, Ed25519PrivateKeyParameters privateKey) {
    }

    LicenceSigningKey(JdbcClient jdbc, LicenceVault vault, Clock clock, PlatformTransactionManager transactions) {
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    /** The public key as a JWK: {"kty":"OKP","crv":"Ed25519","x":…,"kid":…,"use":"sig","alg":"EdDSA"}. */
    Map<String, Object> jwk() {
        Loaded key = key();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", URL.encodeToString(key.publicX()));
        jwk.put("kid", key.kid());
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        return jwk;
    }

    /** A compact JWS of the payload (JSON text), signed with EdDSA. */
    String sign(String payloadJson) {
        Loaded key = key();
        String header = "{\"alg\":\"EdDSA\",\"typ\":\"JWT\",\"kid\":\"" + key.kid() + "\"}";
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        // Ed25519 signatures are deterministic: the same as the JDK's for the same key and payload.
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key.privateKey());
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        signer.update(input, 0, input.length);
        return signingInput + "." + URL.encodeToString(signer.generateSignature());
    }

    private Loaded key() {
        Loaded known = loaded;
        if (known == null) {
            known = read().orElseGet(() -> {
                separately.executeWithoutResult(status -> {
                    if (!make()) {
                        status.setRollbackOnly();
                    }
                });
                return read().orElseThrow();
            });
            loaded = known;
        }
        return known;
    }

    private Optional<Loaded> read() {
        return jdbc.sql("select id, public_key, private_key_sealed from licence_signing_key where id = ?").param(ID)
                .query((rs, n) -> {
                    byte[] x = Base64.getDecoder().decode(rs.getString("public_key"));
                    String pkcs8 = vault.open(rs.getString("private_key_sealed"))
                            .orElseThrow(() -> new IllegalStateException(
                                    "The licence signing key was sealed under another gatehouse.licences.secret"));
                    try {
                        PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
                        byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                                .orElseThrow(() -> new IllegalStateException("The licence signing key has no private bytes"));
                        return new Loaded(rs.getString("id"), x, new Ed25519PrivateKeyParameters(seed, 0));
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .optional();
    }

    /** False when another node made it first: theirs is the one. */
    private boolean make() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            // The X.509 form of an Ed25519 public key is a fixed 12-byte prefix and the 32 bytes of x.
            byte[] encoded = pair.getPublic().getEncoded();
            byte[] x = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            jdbc.sql("insert into licence_signing_key (id, public_key, private_key_sealed, created_at) values (?, ?, ?, ?)")
                    .params(ID, Base64.getEncoder().encodeToString(x),
                            vault.seal(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())),
                            Timestamp.from(clock.instant()))
                    .update();
            return true;
        } catch (DuplicateKeyException madeElsewhere) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No Ed25519 in this JDK", e);
        }
    }
}
