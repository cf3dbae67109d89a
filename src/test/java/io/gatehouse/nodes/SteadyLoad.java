package io.gatehouse.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A steady trickle of requests against nodes: a few threads per node, each calling, recording what
 * came back (or the I/O error) with when it was sent, and pausing a little, so that two cores keep
 * room for the nodes and for what the test does meanwhile.
 */
public final class SteadyLoad implements AutoCloseable {

    /** One request: the node it went to, when it was sent and answered (ms since the load started), and its status or error. */
    public record Outcome(String node, long sentAtMs, long answeredAtMs, int status, String error) {

        /** A server error or no answer at all. */
        public boolean failed() {
            return error != null || status >= 500;
        }

        @Override
        public String toString() {
            return node + " @" + sentAtMs + "-" + answeredAtMs + "ms " + (error != null ? error : "HTTP " + status);
        }
    }

    /** What one thread sends to its node; the answer's status is recorded. */
    @FunctionalInterface
    public interface Call {
        Client.Response call(Node node) throws Exception;
    }

    private final long started = System.nanoTime();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    private SteadyLoad() {
    }

    /**
     * Starts {@code threadsPerNode} threads on each node, each sending {@code call} then waiting {@code pauseMs}.
     */
    public static SteadyLoad start(List<Node> nodes, int threadsPerNode, long pauseMs, Call call) {
        SteadyLoad load = new SteadyLoad();
        for (Node node : nodes) {
            for (int i = 0; i < threadsPerNode; i++) {
                Thread thread = new Thread(() -> load.run(node, pauseMs, call), "load-" + node.name() + "-" + i);
                thread.setDaemon(true);
                load.threads.add(thread);
                thread.start();
            }
        }
        return load;
    }

    private void run(Node node, long pauseMs, Call call) {
        while (running.get()) {
            long sent = now();
            Outcome outcome;
            try {
                Client.Response response = call.call(node);
                outcome = new Outcome(node.name(), sent, now(), response.status(), null);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                outcome = new Outcome(node.name(), sent, now(), 0, e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            outcomes.add(outcome);
            try {
                Thread.sleep(outcome.error() != null ? Math.max(pauseMs, 50) : pauseMs);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Milliseconds since the load started, on the clock of {@link Outcome}. */
    public long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Everything recorded so far. */
    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Stops every thread after its current request; returns everything recorded. */
    public List<Outcome> stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        return outcomes();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
