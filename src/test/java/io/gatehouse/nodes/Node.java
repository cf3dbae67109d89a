package io.gatehouse.nodes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One application process of a {@link Cluster}: {@code java -jar} on the packaged jar, bound to
 * 127.0.0.1 on a port of its own that it keeps across restarts (as a node keeps its address behind
 * a load balancer). Each start writes its own log, {@code <name>-<start>.log}.
 */
public final class Node {

    private static final HttpClient PROBE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logDirectory;
    private int starts;
    private Process process;
    private Path log;

    Node(String name, int port, List<String> command, Map<String, String> environment, Path logDirectory) {
        this.name = name;
        this.port = port;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logDirectory = logDirectory;
    }

    /** "a", "b", "c", … */
    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The address of a path on this node, e.g. {@code uri("/api/v1/me")}. */
    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** The log of the current (or last) start. */
    public synchronized Path log() {
        return log;
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process.pid();
    }

    /** Starts the process; returns at once. {@link #awaitReady(Duration)} waits for it to serve. */
    public synchronized void launch() throws IOException {
        if (alive()) {
            throw new IllegalStateException("Node " + name + " is running");
        }
        starts++;
        log = logDirectory.resolve(name + "-" + starts + ".log");
        List<String> full = new ArrayList<>(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process started = builder.start();
        process = started;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    }

    /** Waits until /actuator/health/readiness answers UP; fails with the log's name when the process ends or time runs out. */
    public void awaitReady(Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Process current;
            synchronized (this) {
                current = process;
            }
            if (current == null || !current.isAlive()) {
                throw new IllegalStateException("Node " + name + " ended while starting (exit "
                        + (current == null ? "?" : current.exitValue()) + "); see " + log + "\n" + tail(40));
            }
            if (ready()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Node " + name + " not ready within " + within + "; see " + log + "\n" + tail(40));
            }
            Thread.sleep(100);
        }
    }

    /** Whether /actuator/health/readiness answers 200 UP right now (within 5 s). */
    public boolean ready() {
        return "UP".equals(readiness());
    }

    /**
     * What /actuator/health/readiness says: "UP", "DOWN" (or another status it names), or
     * "UNREACHABLE" when the node does not answer within 5 s.
     */
    public String readiness() {
        try {
            HttpResponse<String> response = PROBE.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher status = java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"").matcher(response.body());
            return status.find() ? status.group(1) : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return "UNREACHABLE";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "UNREACHABLE";
        }
    }

    /** Starts it again after {@link #kill()} or {@link #stop()}, on the same port, and waits until it serves. */
    public void restart(Duration within) throws IOException, InterruptedException {
        launch();
        awaitReady(within);
    }

    /** Ends it at once with SIGKILL, as a crash or an OOM kill does: no shutdown hook, no orderly close of anything. */
    public void kill() throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Node " + name + " did not end after SIGKILL");
            }
        }
    }

    /** Ends it in order (SIGTERM: graceful shutdown), or with SIGKILL after 30 s. */
    public void stop() throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current != null && current.isAlive()) {
            current.destroy();
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** The last lines of the current log, for failure messages. */
    public String tail(int lines) {
        try {
            Path current = log();
            if (current == null || !Files.exists(current)) {
                return "";
            }
            List<String> all = Files.readAllLines(current);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "node " + name + " (" + baseUrl() + ")";
    }
}
