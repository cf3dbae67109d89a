package io.gatehouse.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How nodes hear of each other's changes. {@code listen}: {@code auto} listens for PostgreSQL
 * notifications on a connection of its own when the database is PostgreSQL; {@code off} relies on
 * polling alone (for a connection pooler that does not keep a session, such as PgBouncer in
 * transaction mode). {@code pollInterval}: how often the signals table is read either way.
 */
@ConfigurationProperties("gatehouse.cluster")
record ClusterSettings(Listen listen, Duration pollInterval) {

    enum Listen {
        AUTO, OFF
    }

    ClusterSettings {
        listen = listen == null ? Listen.AUTO : listen;
        pollInterval = pollInterval == null ? Duration.ofMillis(500) : pollInterval;
        if (pollInterval.isNegative() || pollInterval.isZero() || pollInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("gatehouse.cluster.poll-interval must be more than 0 and at most 1s, not " + pollInterval);
        }
    }
}
