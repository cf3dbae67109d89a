package io.gatehouse.storage;

import io.gatehouse.shared.UserId;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files with their names, sizes and checksums: the bytes go to the {@link FileStore}, the row to
 * the database, and one never stays without the other. The upload runs outside any transaction
 * (a connection is not held for the minutes a large file takes); the row, and whatever the caller
 * records with it, is written in one short transaction afterwards, and the object is deleted again
 * when that transaction fails.
 */
@Service
public class StoredFiles {

    private final FileStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final StorageSettings settings;

    StoredFiles(FileStore store, JdbcClient jdbc, TransactionTemplate transactions, Clock clock, StorageSettings settings) {
        this.store = store;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    /** The largest file accepted ({@code gatehouse.storage.max-file-size}). */
    public long maxFileSize() {
        return settings.maxFileSize().toBytes();
    }

    /**
     * Stores the content, then, in one transaction, its row and {@code thenRecord} (the caller's own
     * rows and audit entry, which may refuse by throwing). Returns what {@code thenRecord} returned.
     */
    public <T> T upload(InputStream content, String name, String contentType, UserId by, Long expectedSize, String expectedSha256,
            Function<StoredFile, T> thenRecord) {
        StoredObject object = store.store(content, new UploadCheck(maxFileSize(), expectedSize, expectedSha256));
        try {
            return transactions.execute(status -> {
                StoredFile file = new StoredFile(UUID.randomUUID(), name, object.size(), object.sha256(), contentType, object.key(),
                        clock.instant());
                jdbc.sql("""
                                insert into stored_file (id, name, size_bytes, sha256, content_type, storage_key, stored_at, stored_by)
                                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(file.id(), file.name(), file.size(), file.sha256(), file.contentType(), file.key(),
                                Timestamp.from(file.storedAt()), by == null ? null : by.value())
                        .update();
                return thenRecord.apply(file);
            });
        } catch (RuntimeException e) {
            store.delete(object.key());
            throw e;
        }
    }

    public Optional<StoredFile> find(UUID id) {
        return jdbc.sql("select * from stored_file where id = ?").param(id)
                .query((rs, n) -> new StoredFile(rs.getObject("id", UUID.class), rs.getString("name"), rs.getLong("size_bytes"),
                        rs.getString("sha256").strip(), rs.getString("content_type"), rs.getString("storage_key"),
                        rs.getTimestamp("stored_at").toInstant()))
                .optional();
    }
}
