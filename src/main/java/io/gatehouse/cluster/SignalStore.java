package io.gatehouse.cluster;

import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The change_signal table: one row per topic, its version bumped by each change. Few topics (kinds
 * of things kept in memory, not single records), so reading every row is one short scan of a
 * table that fits in a page.
 */
@Component
class SignalStore {

    /** The PostgreSQL channel every node listens on; the payload is the topic. */
    static final String CHANNEL = "gatehouse_change";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final boolean postgres;

    SignalStore(JdbcClient jdbc, DataSource dataSource, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.postgres = isPostgres(dataSource);
    }

    boolean postgres() {
        return postgres;
    }

    /** One more version of the topic, in the caller's transaction; on PostgreSQL a notification goes out at its commit. */
    void bump(String topic) {
        Timestamp now = Timestamp.from(clock.instant());
        if (postgres) {
            jdbc.sql("""
                            insert into change_signal (topic, version, changed_at) values (?, 1, ?)
                            on conflict (topic) do update set version = change_signal.version + 1, changed_at = excluded.changed_at""")
                    .params(topic, now).update();
            // Transactional: PostgreSQL delivers it when (and only if) the caller's transaction commits.
            jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, topic).query(rs -> {
            });
            return;
        }
        if (update(topic, now) == 0) {
            try {
                jdbc.sql("insert into change_signal (topic, version, changed_at) values (?, 1, ?)").params(topic, now).update();
            } catch (DuplicateKeyException madeMeanwhile) {
                update(topic, now);
            }
        }
    }

    private int update(String topic, Timestamp now) {
        return jdbc.sql("update change_signal set version = version + 1, changed_at = ? where topic = ?").params(now, topic).update();
    }

    /** Locks the topic's row until the caller's transaction ends (making the row first when there is none). */
    void lock(String topic) {
        if (jdbc.sql("select version from change_signal where topic = ? for update").param(topic).query(Long.class).optional().isPresent()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (postgres) {
            jdbc.sql("insert into change_signal (topic, version, changed_at) values (?, 0, ?) on conflict (topic) do nothing")
                    .params(topic, now).update();
        } else {
            try {
                jdbc.sql("insert into change_signal (topic, version, changed_at) values (?, 0, ?)").params(topic, now).update();
            } catch (DuplicateKeyException madeMeanwhile) {
                // another transaction made it: the select below waits for it
            }
        }
        jdbc.sql("select version from change_signal where topic = ? for update").param(topic).query(Long.class).single();
    }

    /** Every topic's version as committed now. */
    Map<String, Long> versions() {
        Map<String, Long> versions = new HashMap<>();
        jdbc.sql("select topic, version from change_signal").query(rs -> {
            versions.put(rs.getString(1), rs.getLong(2));
        });
        return versions;
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return product != null && product.toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }
}
