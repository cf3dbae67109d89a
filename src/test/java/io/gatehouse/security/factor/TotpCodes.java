package io.gatehouse.security.factor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Codes as an authenticator app computes them (RFC 6238, HMAC-SHA-1), written apart from the
 * portal's own so a test checks the portal against the standard rather than against itself.
 */
public final class TotpCodes {

    private TotpCodes() {
    }

    static String code(String base32Secret, Instant at) {
        return code(decode(base32Secret), at.getEpochSecond() / 30, 6);
    }

    /** The code of the step {@code stepsAway} from now (negative: earlier). */
    public static String code(String base32Secret, int stepsAway) {
        return code(decode(base32Secret), Instant.now().getEpochSecond() / 30 + stepsAway, 6);
    }

    static String code(byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "RAW"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int o = h[19] & 0xf;
            long value = ((h[o] & 0x7fL) << 24) | ((h[o + 1] & 0xffL) << 16) | ((h[o + 2] & 0xffL) << 8) | (h[o + 3] & 0xffL);
            long modulo = (long) Math.pow(10, digits);
            StringBuilder text = new StringBuilder(Long.toString(value % modulo));
            while (text.length() < digits) {
                text.insert(0, '0');
            }
            return text.toString();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] decode(String base32) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long buffer = 0;
        int bits = 0;
        for (char c : base32.replace(" ", "").replace("=", "").toUpperCase().toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((int) (buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    /** Waits past the last seconds of a step, so a code computed here is still of the step the server sees. */
    public static void awayFromStepEdge() throws InterruptedException {
        long intoStep = Instant.now().getEpochSecond() % 30;
        if (intoStep >= 27) {
            Thread.sleep((31 - intoStep) * 1000);
        }
    }
}
