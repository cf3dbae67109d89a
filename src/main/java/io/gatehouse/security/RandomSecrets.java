package io.gatehouse.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secrets Gatehouse makes for machines (API tokens, SCIM tokens, client secrets): 256 random bits,
 * URL-safe, kept only as their SHA-256 — a slow hash adds nothing to a value nobody chose.
 */
public final class RandomSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSecrets() {
    }

    /** A new secret: the prefix, then 256 random bits in unpadded base64url. */
    public static String make(String prefix) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The SHA-256 of a secret, in hexadecimal: what is stored and looked up. */
    public static String digest(String secret) {
        return HexFormat.of().formatHex(Sealing.sha256(secret));
    }
}
