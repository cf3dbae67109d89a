package io.gatehouse.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Hears changes of every node and publishes them here as {@link ChangeSignalled}. One thread reads
 * the signals table every poll interval and signals each topic whose version moved; on PostgreSQL
 * it waits between reads on a connection of its own (not one of the pool: a pooled connection
 * would forget the LISTEN when handed back) that is told of each commit at once, so the read
 * follows within milliseconds. A lost connection is made again, polling carrying on meanwhile.
 */
class SignalWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SignalWatcher.class);
    /** How long to wait before connecting again after the listening connection failed. */
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(2);
    /** How often an idle listening connection is checked, so that a silently dropped one is noticed. */
    private static final Duration CHECK_CONNECTION_EVERY = Duration.ofSeconds(30);

    /** Where the listening connection goes: the pool's database, as its own session. */
    record ListenTarget(String url, String user, String password) {
    }

    private final SignalStore store;
    private final ClusterSettings.Listen listen;
    private final Duration pollInterval;
    private final ListenTarget target;
    private final ApplicationEventPublisher events;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Map<String, Long> seen = new HashMap<>();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection listening;
    private long reconnectAt;
    private long connectionCheckedAt;
    private boolean lossReported;

    SignalWatcher(SignalStore store, ClusterSettings.Listen listen, Duration pollInterval, ListenTarget target,
            ApplicationEventPublisher events) {
        this.store = store;
        this.listen = listen;
        this.pollInterval = pollInterval;
        this.target = target;
        this.events = events;
    }

    /** Whether notifications are heard now (else changes arrive by polling alone). */
    boolean listening() {
        return listening != null;
    }

    /** Reads the table now rather than at the next poll: a change was just committed on this node. */
    void checkSoon() {
        wakeUp.release();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread watcher = new Thread(this::run, "change-signals");
        watcher.setDaemon(true);
        thread = watcher;
        watcher.start();
    }

    @Override
    public void stop() {
        running = false;
        // Closed first: a thread waiting for notifications on it returns at once.
        closeListening();
        Thread watcher = thread;
        if (watcher != null) {
            watcher.interrupt();
            try {
                watcher.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeListening();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                check();
            } catch (RuntimeException e) {
                // The database is away: the next poll tries again; the health check reports the outage.
                log.debug("Cannot read the change signals", e);
            }
            try {
                await();
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
        closeListening();
    }

    /** Waits for a notification, a local change or the poll interval, whichever comes first. */
    private void await() throws InterruptedException {
        long interval = pollInterval.toMillis();
        if (wantsToListen() && listening == null && System.currentTimeMillis() >= reconnectAt && connect()) {
            // What changed while nobody listened is caught by the read that follows at once.
            return;
        }
        Connection connection = listening;
        if (connection == null) {
            wakeUp.tryAcquire(interval, TimeUnit.MILLISECONDS);
            wakeUp.drainPermits();
            return;
        }
        try {
            waitForNotifications(connection, (int) interval);
            if (System.currentTimeMillis() - connectionCheckedAt > CHECK_CONNECTION_EVERY.toMillis()) {
                connectionCheckedAt = System.currentTimeMillis();
                if (!connection.isValid(2)) {
                    throw new SQLException("The listening connection no longer answers");
                }
            }
            wakeUp.drainPermits();
        } catch (SQLException e) {
            if (!running) {
                return;
            }
            if (!lossReported) {
                log.warn("Lost the connection that listens for changes of other nodes; polling every {} until it is back",
                        pollInterval, e);
                lossReported = true;
            }
            closeListening();
            reconnectAt = System.currentTimeMillis() + RECONNECT_AFTER.toMillis();
        }
    }

    private boolean wantsToListen() {
        return listen == ClusterSettings.Listen.AUTO && store.postgres();
    }

    private boolean connect() {
        try {
            Connection connection = DriverManager.getConnection(target.url(), target.user(), target.password());
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + SignalStore.CHANNEL);
            }
            listening = connection;
            connectionCheckedAt = System.currentTimeMillis();
            if (lossReported) {
                log.info("Listening again for changes of other nodes");
                lossReported = false;
            }
            return true;
        } catch (SQLException e) {
            if (!lossReported) {
                log.warn("Cannot listen for changes of other nodes; polling every {} instead", pollInterval, e);
                lossReported = true;
            }
            reconnectAt = System.currentTimeMillis() + RECONNECT_AFTER.toMillis();
            return false;
        }
    }

    /**
     * PGConnection.getNotifications(timeout), through reflection: the driver is on the class path
     * at run time only. Returns when a notification came or the time is up.
     */
    private static void waitForNotifications(Connection connection, int timeoutMillis) throws SQLException {
        try {
            Class<?> pgConnection = Class.forName("org.postgresql.PGConnection");
            Method getNotifications = pgConnection.getMethod("getNotifications", int.class);
            getNotifications.invoke(connection.unwrap(pgConnection), timeoutMillis);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException failed) {
                throw failed;
            }
            throw new SQLException("Listening failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SQLException("This PostgreSQL driver cannot listen", e);
        }
    }

    /** Signals every topic whose version differs from the one this node saw last (or was never seen). */
    synchronized void check() {
        Map<String, Long> versions = store.versions();
        versions.forEach((topic, version) -> {
            if (!version.equals(seen.get(topic))) {
                try {
                    events.publishEvent(new ChangeSignalled(topic));
                } catch (RuntimeException e) {
                    log.warn("Could not refresh what this node keeps of {}", topic, e);
                }
                seen.put(topic, version);
            }
        });
    }

    private void closeListening() {
        Connection connection = listening;
        listening = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is gone either way
            }
        }
    }
}
