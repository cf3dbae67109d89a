package io.gatehouse.deployment;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the installed client's major version, started from the server binaries packaged
 * next to that client (initdb, pg_ctl, postgres), for when the shared test server is newer than any
 * installed pg_dump. PostgreSQL refuses to run as root, so as root it runs as the system user postgres,
 * in a directory that user owns. Trust authentication, on 127.0.0.1 only.
 */
final class ClientVersionServer implements AutoCloseable {

    private static final String SYSTEM_USER = "postgres";

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;
    private final boolean asSystemUser;

    private ClientVersionServer(Path bin, Path root, int port, boolean asSystemUser) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        this.asSystemUser = asSystemUser;
    }

    /** Why no server can be started from this directory, or empty when one can. */
    static Optional<String> unusable(Path bin) {
        for (String program : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(bin.resolve(program))) {
                return Optional.of("no " + bin.resolve(program));
            }
        }
        if (runningAsRoot() && !systemUserExists()) {
            return Optional.of("PostgreSQL does not run as root, and there is no system user " + SYSTEM_USER + " to run it as");
        }
        return Optional.empty();
    }

    static ClientVersionServer start(Path bin) throws IOException, InterruptedException {
        boolean asSystemUser = runningAsRoot();
        Path root = Files.createTempDirectory("gatehouse-pg-");
        if (asSystemUser) {
            Files.setOwner(root, root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER));
        }
        ClientVersionServer server = new ClientVersionServer(bin, root, freePort(), asSystemUser);
        try {
            server.run("initdb", "--pgdata=" + server.data, "--username=postgres", "--auth=trust", "--encoding=UTF8",
                    "--locale=C", "--no-sync");
            server.run("pg_ctl", "start", "--pgdata=" + server.data, "--wait", "--timeout=120",
                    "--log=" + server.root.resolve("server.log"),
                    "--options=-c listen_addresses=127.0.0.1 -c port=" + server.port + " -c unix_socket_directories=" + server.root
                            + " -c fsync=off");
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A new, empty database on this server: its JDBC URL. */
    String createDatabase() {
        String name = "gatehouse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a database on the PostgreSQL server in " + data, e);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() throws IOException {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run("pg_ctl", "stop", "--pgdata=" + data, "--mode=fast", "--wait", "--timeout=60");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private void run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asSystemUser) {
            command.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        // To a file, not a pipe: the server pg_ctl leaves running would hold a pipe open.
        File output = Files.createTempFile("gatehouse-pg-" + program + "-", ".log").toFile();
        try {
            Process process = new ProcessBuilder(command).directory(new File("/")).redirectErrorStream(true)
                    .redirectOutput(output).start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                        + Files.readString(output.toPath(), StandardCharsets.UTF_8) + serverLog());
            }
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    private String serverLog() {
        try {
            Path log = root.resolve("server.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean systemUserExists() {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
