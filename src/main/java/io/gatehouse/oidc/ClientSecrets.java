package io.gatehouse.oidc;

import io.gatehouse.security.RandomSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Client secrets are 256 random bits made by Gatehouse, never chosen by a person: a SHA-256 digest
 * protects them as well as a slow hash would, and lets the token endpoint answer a thousand
 * clients a second instead of a few dozen.
 */
final class ClientSecrets implements PasswordEncoder {

    private static final String PREFIX = "{sha256}";

    static String generate() {
        return RandomSecrets.make("");
    }

    @Override
    public String encode(CharSequence raw) {
        return PREFIX + RandomSecrets.digest(raw.toString());
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null || !encoded.startsWith(PREFIX) || raw.length() > 512) {
            return false;
        }
        return MessageDigest.isEqual(encode(raw).getBytes(StandardCharsets.US_ASCII), encoded.getBytes(StandardCharsets.US_ASCII));
    }

}
