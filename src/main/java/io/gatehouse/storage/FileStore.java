package io.gatehouse.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where file contents live, outside the database. The store names each object itself; callers keep
 * that key next to what the file means to them.
 */
public interface FileStore {

    /**
     * Streams {@code content} into a new object, measuring its size and SHA-256 on the way. The
     * object exists only once the whole stream was read and passed {@code check}; anything else
     * (too large, shorter or longer than announced, another checksum, a broken connection) leaves
     * nothing behind and throws {@link UploadRejectedException}.
     */
    StoredObject store(InputStream content, UploadCheck check);

    /** {@code length} bytes of the object from {@code offset}; the caller closes the stream. */
    InputStream open(String key, long offset, long length);

    /** Removes the object; nothing happens when there is none. */
    void delete(String key);

    boolean exists(String key);

    /**
     * The object as a file on this machine's disk, when it is one: the web server can then have the
     * kernel send it (sendfile) instead of copying it through the application. Empty otherwise.
     */
    default Optional<Path> localFile(String key) {
        return Optional.empty();
    }
}
