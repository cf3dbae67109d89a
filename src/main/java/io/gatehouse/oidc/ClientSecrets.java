package io.gatehouse.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Client secrets are 256 random bits made by Gatehouse, never chosen by a person: a SHA-256 digest
 * protects them as well as a slow hash would, and lets the token endpoint answer a thousand
 * clients a second instead of a few dozen.
 */
final class ClientSecrets implements PasswordEncoder {

    private static final String PREFIX = "{sha256}";
    private static final SecureRandom RANDOM = new SecureRandom();

    static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    @Override
    public String encode(CharSequence raw) {
        return PREFIX + HexFormat.of().formatHex(sha256(raw.toString()));
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null || !encoded.startsWith(PREFIX) || raw.length() > 512) {
            return false;
        }
        return MessageDigest.isEqual(encode(raw).getBytes(StandardCharsets.US_ASCII), encoded.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
