package io.gatehouse.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an upload must satisfy before it is committed: at most {@code maxSize} bytes, exactly
 * {@code expectedSize} when the sender announced one, and the SHA-256 the sender gave, if any.
 */
public record UploadCheck(long maxSize, Long expectedSize, String expectedSha256) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public UploadCheck {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("maxSize");
        }
        if (expectedSize != null && expectedSize < 0) {
            throw new IllegalArgumentException("expectedSize");
        }
        expectedSha256 = expectedSha256 == null || expectedSha256.isBlank() ? null : expectedSha256.strip().toLowerCase(Locale.ROOT);
        if (expectedSha256 != null && !isSha256(expectedSha256)) {
            throw new IllegalArgumentException("expectedSha256");
        }
    }

    public static UploadCheck atMost(long maxSize) {
        return new UploadCheck(maxSize, null, null);
    }

    public static boolean isSha256(String text) {
        return text != null && SHA256.matcher(text).matches();
    }
}
