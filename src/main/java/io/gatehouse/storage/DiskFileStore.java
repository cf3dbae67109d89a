package io.gatehouse.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files under one directory, two levels deep by the first characters of their key. An upload is
 * written to {@code .incoming/}, forced to disk, and only then moved to its place in one atomic
 * rename; a failed one is deleted, and whatever a crash left in {@code .incoming/} is cleared at the next start.
 */
final class DiskFileStore implements FileStore {

    private static final Logger log = LoggerFactory.getLogger(DiskFileStore.class);

    private final Path root;
    private final Path incoming;

    DiskFileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(".incoming");
        try {
            Files.createDirectories(incoming);
            // Only what nobody has written to for an hour: another node sharing the directory may be receiving a file now.
            java.nio.file.attribute.FileTime stale = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600));
            try (var leftovers = Files.list(incoming)) {
                for (Path leftover : leftovers.toList()) {
                    if (Files.getLastModifiedTime(leftover).compareTo(stale) < 0) {
                        Files.deleteIfExists(leftover);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + this.root + " for files", e);
        }
    }

    @Override
    public StoredObject store(InputStream content, UploadCheck check) {
        Intake intake = new Intake(content, check);
        String key = ObjectKeys.next();
        Path temporary = incoming.resolve(key + ".part");
        try {
            StoredObject stored;
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[Intake.BUFFER];
                for (int n = intake.read(buffer, 0); n > 0; n = intake.read(buffer, 0)) {
                    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(buffer, 0, n);
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                }
                stored = intake.finish(key);
                out.force(true);
            }
            Path target = path(key);
            Files.createDirectories(target.getParent());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return stored;
        } catch (IOException e) {
            discard(temporary);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            discard(temporary);
            throw e;
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ);
            channel.position(offset);
            return new Bounded(Channels.newInputStream(channel), length);
        } catch (NoSuchFileException e) {
            throw new MissingObjectException(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public java.util.Optional<Path> localFile(String key) {
        return java.util.Optional.of(path(key)).filter(Files::isRegularFile);
    }

    private Path path(String key) {
        ObjectKeys.checked(key);
        return root.resolve(key.substring(0, 2)).resolve(key);
    }

    private static void discard(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            log.warn("Could not delete the unfinished upload {}: {}", temporary, e.getMessage());
        }
    }

    /** At most {@code remaining} bytes of the underlying stream. */
    static final class Bounded extends java.io.FilterInputStream {

        private long remaining;

        Bounded(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
