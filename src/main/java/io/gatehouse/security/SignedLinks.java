package io.gatehouse.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Links that work without signing in until they expire: what they open and until when, with an
 * HMAC-SHA256 over both under a key kept in the database (the same on every node). A link names no
 * secret of any account; changing any part of it, the expiry included, breaks its signature.
 */
@Component
public class SignedLinks {

    private static final String KEY = "signed-links";

    private final ServerSecrets secrets;

    SignedLinks(ServerSecrets secrets) {
        this.secrets = secrets;
    }

    /** The signature of {@code subject} for {@code purpose} until {@code expires}, URL-safe. */
    public String sign(String purpose, String subject, Instant expires) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(purpose, subject, expires.getEpochSecond()));
    }

    /** Whether the signature is this server's for exactly these values (compared in constant time). */
    public boolean verify(String purpose, String subject, long expiresEpochSecond, String signature) {
        if (signature == null || signature.length() != 43) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(purpose, subject, expiresEpochSecond));
    }

    private byte[] mac(String purpose, String subject, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.get(KEY), "HmacSHA256"));
            return mac.doFinal((purpose + "\n" + subject + "\n" + expires).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
