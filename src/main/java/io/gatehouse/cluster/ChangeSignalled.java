package io.gatehouse.cluster;

/**
 * Something of {@code topic} changed, on this node or another, and was committed: whatever a node
 * keeps in memory of that topic is to be read again. Published on every node, at most a second
 * after the commit; a burst of changes may come as one.
 */
public record ChangeSignalled(String topic) {

    public ChangeSignalled {
        ChangeSignals.requireTopic(topic);
    }

    public boolean is(String expected) {
        return topic.equals(expected);
    }
}
