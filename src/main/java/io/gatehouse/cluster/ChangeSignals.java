package io.gatehouse.cluster;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How a node tells every node (itself included) that something they keep in memory changed. Called
 * in the transaction of the change: the signal is committed with it, or not at all, and every node
 * publishes {@link ChangeSignalled} for the topic within a second of the commit. A topic names a
 * kind of thing kept in memory (e.g. {@code oidc.signing-keys}), not one record: there are few.
 */
@Component
public class ChangeSignals {

    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9.-]{0,63}");

    private final SignalStore store;
    private final SignalWatcher watcher;

    ChangeSignals(SignalStore store, SignalWatcher watcher) {
        this.store = store;
        this.watcher = watcher;
    }

    /** The topic changed: signalled to every node once the caller's transaction commits (at once without one). */
    public void announce(String topic) {
        requireTopic(topic);
        store.bump(topic);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    watcher.checkSoon();
                }
            });
        } else {
            watcher.checkSoon();
        }
    }

    /**
     * Changes of the topic take turns from here until the caller's transaction ends: two nodes
     * deciding at once whether a change is due (e.g. a key rotation) decide one after the other,
     * the second seeing what the first committed.
     */
    public void takeTurn(String topic) {
        requireTopic(topic);
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Taking a turn on " + topic + " needs a transaction to hold it");
        }
        store.lock(topic);
    }

    static String requireTopic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("A topic is lower case letters, digits, dots and dashes, at most 64: " + topic);
        }
        return topic;
    }
}
