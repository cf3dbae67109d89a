package io.gatehouse.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.storage.UploadRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every store promises, proven on each implementation against the real thing. */
abstract class FileStoreContract {

    abstract FileStore store();

    /** Every object and every unfinished upload the store holds now. */
    abstract List<String> everything() throws IOException;

    @Test
    void storedFileReadsBackWholeAndByRangeWithItsSizeAndSha256() throws Exception {
        byte[] content = bytes(300_000, 1);
        StoredObject stored = store().store(new ByteArrayInputStream(content), UploadCheck.atMost(1_000_000));

        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256()).isEqualTo(sha256(content));
        assertThat(store().exists(stored.key())).isTrue();
        try (InputStream whole = store().open(stored.key(), 0, content.length)) {
            assertThat(whole.readAllBytes()).isEqualTo(content);
        }
        try (InputStream middle = store().open(stored.key(), 1000, 5000)) {
            assertThat(middle.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 1000, 6000));
        }
        store().delete(stored.key());
        assertThat(store().exists(stored.key())).isFalse();
    }

    @Test
    void uploadLargerThanOnePartIsStoredWhole() throws Exception {
        byte[] content = bytes(12 * 1024 * 1024 + 17, 2);
        StoredObject stored = store().store(new ByteArrayInputStream(content),
                new UploadCheck(100_000_000, (long) content.length, sha256(content)));
        try (InputStream tail = store().open(stored.key(), content.length - 100, 100)) {
            assertThat(tail.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, content.length - 100, content.length));
        }
        try (InputStream whole = store().open(stored.key(), 0, content.length)) {
            assertThat(sha256(whole.readAllBytes())).isEqualTo(stored.sha256());
        }
        store().delete(stored.key());
    }

    @Test
    void uploadWithAnotherChecksumLeavesNothing() throws Exception {
        List<String> before = everything();
        byte[] content = bytes(7 * 1024 * 1024, 3);
        String wrong = sha256(bytes(10, 9));
        assertThatThrownBy(() -> store().store(new ByteArrayInputStream(content), new UploadCheck(100_000_000, null, wrong)))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CHECKSUM_MISMATCH));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void uploadShorterThanAnnouncedLeavesNothing() throws Exception {
        List<String> before = everything();
        assertThatThrownBy(() -> store().store(new ByteArrayInputStream(bytes(1000, 4)), new UploadCheck(100_000, 2000L, null)))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIZE_MISMATCH));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void uploadOverTheLimitIsStoppedAndLeavesNothing() throws Exception {
        List<String> before = everything();
        assertThatThrownBy(() -> store().store(new ByteArrayInputStream(bytes(6 * 1024 * 1024, 5)), UploadCheck.atMost(5_500_000)))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void uploadWhoseSenderBreaksOffLeavesNothing() throws Exception {
        List<String> before = everything();
        InputStream breaking = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 6 * 1024 * 1024) {
                    throw new IOException("connection reset");
                }
                return sent & 0xff;
            }
        };
        assertThatThrownBy(() -> store().store(breaking, UploadCheck.atMost(100_000_000)))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void emptyUploadIsRefused() throws Exception {
        List<String> before = everything();
        assertThatThrownBy(() -> store().store(InputStream.nullInputStream(), UploadCheck.atMost(100)))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void keysNotMadeByTheStoreAreNeverOpened() {
        assertThatThrownBy(() -> store().open("../../etc/passwd", 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] bytes(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
