package io.gatehouse.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real S3-compatible server (Adobe S3Mock, the executable jar the build copies to
 * target/s3-server) run as a process of its own on a free port, with one empty bucket.
 */
final class S3Server implements AutoCloseable {

    static final String BUCKET = "gatehouse-files";
    static final String ACCESS_KEY = "gatehouse-test";
    static final String SECRET_KEY = "gatehouse-test-secret";

    private final Process process;
    private final int port;
    private final Path log;

    private S3Server(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static S3Server start() {
        Path jar = Path.of("target", "s3-server", "s3mock.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven, which copies it there");
        }
        try {
            int port = freePort();
            Path root = Files.createTempDirectory(Path.of("target"), "s3-data");
            Path log = root.resolveSibling(root.getFileName() + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", jar.toString(),
                    "--com.adobe.testing.s3mock.httpPort=" + port, "--server.port=0",
                    "--com.adobe.testing.s3mock.store.root=" + root.toAbsolutePath(),
                    "--com.adobe.testing.s3mock.store.initialBuckets=" + BUCKET,
                    "--logging.level.root=WARN", "--spring.main.banner-mode=off"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            S3Server server = new S3Server(process, port, log);
            server.awaitReady(Duration.ofSeconds(120));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(Duration timeout) throws IOException {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3 server stopped: " + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/" + BUCKET).toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("S3 server not ready within " + timeout + ": " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

}
