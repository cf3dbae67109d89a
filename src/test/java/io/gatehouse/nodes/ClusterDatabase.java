package io.gatehouse.nodes;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one PostgreSQL server every node of a {@link Cluster} uses: embedded (started from Maven
 * artifacts), with its data in a directory of its own and on a port chosen once, so that it can be
 * stopped and started again under the nodes' feet and come back with everything it had committed.
 */
public final class ClusterDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private ClusterDatabase(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** A new, empty server with its data under {@code dataDirectory} (emptied first). */
    static ClusterDatabase create(Path dataDirectory) throws IOException {
        deleteTree(dataDirectory);
        Files.createDirectories(dataDirectory.getParent());
        ClusterDatabase database = new ClusterDatabase(dataDirectory, freePort());
        database.start();
        return database;
    }

    /** Starts the server on its data and port; a no-op while it runs. */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                // Commits reach the disk, as on a production server, so a restart loses nothing answered as done.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .start();
    }

    /**
     * Stops the server ("fast" shutdown: open connections are cut, committed work is kept), as a
     * database restart or fail-over does to the nodes.
     */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** The JDBC address the nodes are given (database "postgres"). */
    public String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    /** A connection of the test's own, to check what the nodes wrote. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    @Override
    public void close() throws IOException {
        stop();
        deleteTree(dataDirectory);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
