package io.gatehouse.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

/**
 * What a second node on the same database has of the signals: its own watcher (with its own
 * listening connection) and its own way of announcing, which wakes nothing of the node under test.
 * Tests of any feature use it to play the other node.
 */
public final class AnotherNode implements AutoCloseable {

    private final SignalWatcher watcher;
    private final ChangeSignals signals;
    private final List<String> heard = new CopyOnWriteArrayList<>();

    private AnotherNode(ApplicationContext context, ClusterSettings.Listen listen, Duration pollInterval) {
        SignalStore store = context.getBean(SignalStore.class);
        Environment environment = context.getEnvironment();
        SignalWatcher.ListenTarget target = new SignalWatcher.ListenTarget(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
        this.watcher = new SignalWatcher(store, listen, pollInterval, target,
                event -> heard.add(((ChangeSignalled) event).topic()));
        this.signals = new ChangeSignals(store, watcher);
    }

    /** A node that listens (on PostgreSQL) and polls as configured by default. */
    public static AnotherNode started(ApplicationContext context) {
        return started(context, true, Duration.ofMillis(500));
    }

    static AnotherNode started(ApplicationContext context, boolean listen, Duration pollInterval) {
        AnotherNode node = new AnotherNode(context, listen ? ClusterSettings.Listen.AUTO : ClusterSettings.Listen.OFF, pollInterval);
        node.watcher.start();
        return node;
    }

    /** How that node announces its changes. */
    public ChangeSignals signals() {
        return signals;
    }

    /** The topics that node heard of, in order. */
    public List<String> heard() {
        return heard;
    }

    boolean listening() {
        return watcher.listening();
    }

    @Override
    public void close() {
        watcher.stop();
    }
}
