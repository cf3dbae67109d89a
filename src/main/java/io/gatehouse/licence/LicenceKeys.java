package io.gatehouse.licence;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Licence numbers ("GH-7K3P-92QX": for people and tickets, not secret) and licence keys (five groups
 * of five, 125 random bits: the secret the vendor's software sends). Both use an alphabet without
 * the letters people mistake for digits. A key is found by its SHA-256, never stored in clear.
 */
final class LicenceKeys {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private static final SecureRandom RANDOM = new SecureRandom();

    private LicenceKeys() {
    }

    static String number() {
        return "GH-" + group(4) + "-" + group(4);
    }

    static String key() {
        return String.join("-", group(5), group(5), group(5), group(5), group(5));
    }

    /** Spaces and case as a person may type them do not matter. */
    static String hash(String key) {
        String normalized = key.strip().toUpperCase(Locale.ROOT).replace(" ", "");
        return HexFormat.of().formatHex(LicenceVault.sha256(normalized));
    }

    private static String group(int length) {
        StringBuilder group = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            group.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return group.toString();
    }
}
