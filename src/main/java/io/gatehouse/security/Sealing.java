package io.gatehouse.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals with AES-GCM what the server must read again later (licence keys, signing keys, webhook
 * secrets). Each feature has a key of its own: derived from a configured secret when one is set, so
 * a copy of the database alone reveals nothing; otherwise a random key kept in the database under
 * the feature's name, shared by every node, which protects only against reading the sealed rows
 * on their own.
 */
@Component
public class Sealing {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    // Made in a transaction of its own: a key another node inserted first must not spoil the caller's.
    private final TransactionTemplate separately;

    Sealing(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The key named {@code storedName}: from {@code configuredSecret} when it is not blank, else the
     * random one kept in the database under that name (made on first use).
     */
    public Key key(String storedName, String configuredSecret) {
        return new Key(storedName, configuredSecret == null ? "" : configuredSecret);
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One sealing key, read or made when first needed, then kept in memory: it comes from the
     * configuration or from {@link ServerSecrets}, neither of which changes while a node runs.
     */
    public final class Key {

        private final String storedName;
        private final String configured;
        private volatile SecretKeySpec key;

        private Key(String storedName, String configured) {
            this.storedName = storedName;
            this.configured = configured;
        }

        public String seal(String plain) {
            try {
                byte[] iv = new byte[12];
                RANDOM.nextBytes(iv);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
                byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
                byte[] all = Arrays.copyOf(iv, iv.length + sealed.length);
                System.arraycopy(sealed, 0, all, iv.length, sealed.length);
                return Base64.getEncoder().encodeToString(all);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot seal", e);
            }
        }

        /** Empty when it was sealed under another key (the configured secret changed). */
        public Optional<String> open(String sealed) {
            try {
                byte[] all = Base64.getDecoder().decode(sealed);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, 12));
                return Optional.of(new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        private SecretKeySpec key() {
            SecretKeySpec known = key;
            if (known == null) {
                byte[] material = configured.isBlank() ? stored() : sha256(configured);
                known = new SecretKeySpec(material, "AES");
                key = known;
            }
            return known;
        }

        private byte[] stored() {
            return read().orElseGet(() -> {
                byte[] secret = new byte[32];
                RANDOM.nextBytes(secret);
                separately.executeWithoutResult(status -> {
                    try {
                        jdbc.sql("insert into server_secret (name, secret, created_at) values (?, ?, ?)")
                                .params(storedName, Base64.getEncoder().encodeToString(secret), Timestamp.from(clock.instant()))
                                .update();
                    } catch (DuplicateKeyException madeElsewhere) {
                        // another node made it first: theirs is the one
                        status.setRollbackOnly();
                    }
                });
                return read().orElseThrow();
            });
        }

        private Optional<byte[]> read() {
            return jdbc.sql("select secret from server_secret where name = ?").param(storedName).query(String.class).optional()
                    .map(Base64.getDecoder()::decode);
        }
    }
}
