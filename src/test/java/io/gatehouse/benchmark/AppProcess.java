package io.gatehouse.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged application in a process of its own, bound to 127.0.0.1 on a free port, so that
 * its start-up time and memory are its own. Stopped on {@link #close()} and, should this JVM be
 * interrupted, by a shutdown hook.
 */
public final class AppProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private final Process process;
    private final Path log;
    final int port;
    final Duration startUp;
    final List<String> command;

    private AppProcess(Process process, Path log, int port, Duration startUp, List<String> command) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.startUp = startUp;
        this.command = command;
    }

    /**
     * Starts {@code java [options] -jar jar} and waits for /actuator/health to answer UP; the
     * start-up time runs from just before the process is created to that answer.
     */
    static AppProcess start(Path jar, List<String> javaOptions, Map<String, String> environment, Path workDir, String logName)
            throws IOException, InterruptedException {
        List<String> launch = new ArrayList<>(javaOptions);
        launch.add("-jar");
        launch.add(jar.toAbsolutePath().toString());
        return launch(launch, environment, workDir, logName);
    }

    /**
     * Starts {@code java [options] -cp classPath mainClass}, for tests that run before the jar is
     * packaged; otherwise as {@link #start}. An environment entry whose value is null is removed.
     */
    public static AppProcess startClassPath(String classPath, String mainClass, List<String> javaOptions,
            Map<String, String> environment, Path workDir, String logName) throws IOException, InterruptedException {
        List<String> launch = new ArrayList<>(javaOptions);
        launch.add("-cp");
        launch.add(classPath);
        launch.add(mainClass);
        return launch(launch, environment, workDir, logName);
    }

    private static AppProcess launch(List<String> launch, Map<String, String> environment, Path workDir, String logName)
            throws IOException, InterruptedException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(launch);
        command.add("--server.address=127.0.0.1");
        Path log = workDir.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(workDir.toFile());
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        builder.environment().put("PORT", Integer.toString(port));

        long started = System.nanoTime();
        Process process = builder.start();
        Files.writeString(workDir.resolve("app.pid"), Long.toString(process.pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = started + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("The application did not become healthy within 180 s; see " + log);
            }
            Thread.sleep(20);
        }
        Duration startUp = Duration.ofNanos(System.nanoTime() - started);
        return new AppProcess(process, log, port, startUp, command);
    }

    long pid() {
        return process.pid();
    }

    /** The HTTP port it listens on, at 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The log of its standard output and error. */
    public Path log() {
        return log;
    }

    /** Ends it at once (SIGKILL), as a crash would: no shutdown hook, no orderly close of anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The application did not end after SIGKILL");
        }
    }

    /** Resident set size of the process, in KiB, from /proc/&lt;pid&gt;/status (VmRSS). */
    long rssKib() {
        return procStatus("VmRSS");
    }

    /** CPU time the process has used so far, user and system, in milliseconds (from /proc/&lt;pid&gt;/stat, at 100 ticks a second). */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Peak resident set size so far, in KiB (VmHWM). */
    long peakRssKib() {
        return procStatus("VmHWM");
    }

    private long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(field + " not found for process " + process.pid());
    }

    /** Spring Boot's own account: "Started … in X seconds (process running for Y)". */
    String springReport() {
        try {
            Matcher matcher = STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
            return matcher.find() ? "Spring Boot: started in " + matcher.group(1) + " s, JVM running for " + matcher.group(2) + " s"
                    : "no start-up line in the log";
        } catch (IOException e) {
            return "log unreadable: " + e.getMessage();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
