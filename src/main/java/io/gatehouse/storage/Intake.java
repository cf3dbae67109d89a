package io.gatehouse.storage;

import io.gatehouse.storage.UploadRejectedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads an upload a buffer at a time, counting and hashing what passes, and stops as soon as it
 * is more than allowed: a multi-gigabyte body never sits in memory, and an oversized one is not
 * read to its end before it is refused.
 */
final class Intake {

    static final int BUFFER = 64 * 1024;

    private final InputStream source;
    private final UploadCheck check;
    private final MessageDigest digest;
    private long size;
    private boolean ended;

    Intake(InputStream source, UploadCheck check) {
        this.source = source;
        this.check = check;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (check.expectedSize() != null && check.expectedSize() > check.maxSize()) {
            throw new UploadRejectedException(Reason.TOO_LARGE, check.maxSize());
        }
    }

    /**
     * Fills {@code buffer} from {@code offset} as far as the upload goes; returns how many bytes
     * came, 0 only at the end. A failing sender (a dropped connection) is an incomplete upload.
     */
    int read(byte[] buffer, int offset) {
        int filled = 0;
        while (!ended && offset + filled < buffer.length) {
            int n;
            try {
                n = source.read(buffer, offset + filled, buffer.length - offset - filled);
            } catch (IOException e) {
                throw new UploadRejectedException(Reason.INCOMPLETE);
            }
            if (n < 0) {
                ended = true;
                break;
            }
            digest.update(buffer, offset + filled, n);
            size += n;
            filled += n;
            if (size > check.maxSize()) {
                throw new UploadRejectedException(Reason.TOO_LARGE, check.maxSize());
            }
            if (check.expectedSize() != null && size > check.expectedSize()) {
                throw new UploadRejectedException(Reason.SIZE_MISMATCH, check.expectedSize(), size);
            }
        }
        return filled;
    }

    /** Once everything was read: the object as it will be committed, if it is what was announced. */
    StoredObject finish(String key) {
        if (size == 0) {
            throw new UploadRejectedException(Reason.EMPTY);
        }
        if (check.expectedSize() != null && size != check.expectedSize()) {
            throw new UploadRejectedException(Reason.SIZE_MISMATCH, check.expectedSize(), size);
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (check.expectedSha256() != null && !check.expectedSha256().equals(sha256)) {
            throw new UploadRejectedException(Reason.CHECKSUM_MISMATCH, check.expectedSha256(), sha256);
        }
        return new StoredObject(key, size, sha256);
    }
}
