package io.gatehouse.nodes;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Several Gatehouse nodes, each a process started from the packaged jar, on one PostgreSQL server,
 * sending mail to one SMTP server: a deployment behind a load balancer, on this machine.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.builder().nodes(2).start()) {
 *     Node a = cluster.node(0), b = cluster.node(1);
 *     Client admin = Client.basic(Cluster.ADMIN_EMAIL, Cluster.ADMIN_PASSWORD);
 *     admin.get(a, "/api/v1/me");
 *     cluster.database().stop(); cluster.database().start();
 *     b.kill(); b.restart(Duration.ofMinutes(2));
 *     cluster.mail().getReceivedMessages();
 * }
 * }</pre>
 *
 * Everything lives under {@code target/cluster}: the database's data, the shared file storage, and
 * each start's log in {@code target/cluster-logs}.
 */
public final class Cluster implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@gatehouse.local";
    public static final String ADMIN_PASSWORD = "Cluster-Vendor-Key-2026!";
    public static final Duration START_WITHIN = Duration.ofMinutes(3);

    private final ClusterDatabase database;
    private final GreenMail mail;
    private final List<Node> nodes;

    private Cluster(ClusterDatabase database, GreenMail mail, List<Node> nodes) {
        this.database = database;
        this.mail = mail;
        this.nodes = nodes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The packaged application, {@code target/gatehouse-<version>.jar} (not the "plain" one). */
    public static Path jar() throws IOException {
        Path target = Path.of(System.getProperty("gatehouse.jar.directory", "target"));
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("gatehouse-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/gatehouse-*.jar: package first (./mvnw package)"));
        }
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    public List<Node> nodes() {
        return nodes;
    }

    public ClusterDatabase database() {
        return database;
    }

    /** The SMTP server every node sends to (GreenMail, in this JVM). */
    public GreenMail mail() {
        return mail;
    }

    /** Starts every node that is not running (after a kill or stop) and waits until all serve. */
    public void ensureRunning() throws IOException, InterruptedException {
        List<Node> started = new ArrayList<>();
        for (Node node : nodes) {
            if (!node.alive()) {
                node.launch();
                started.add(node);
            }
        }
        for (Node node : started) {
            node.awaitReady(START_WITHIN);
        }
    }

    @Override
    public void close() throws Exception {
        for (Node node : nodes) {
            node.stop();
        }
        mail.stop();
        database.close();
    }

    /** What a cluster is made of; every setting has a default that suits the tests. */
    public static final class Builder {

        private int nodes = 2;
        private Path workDirectory = Path.of("target", "cluster");
        private Path logDirectory = Path.of("target", "cluster-logs");
        private final List<String> javaOptions = new ArrayList<>(List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
            // Mail is looked for often, and a dead node's claims run out soon, so the tests need not wait long.
            properties.put("gatehouse.mail.poll-interval", "250ms");
            properties.put("gatehouse.mail.lease", "5s");
            properties.put("gatehouse.webhooks.poll-interval", "250ms");
            // A request for a connection while the database is away fails after 3 s rather than 30 s.
            properties.put("spring.datasource.hikari.connection-timeout", "3000");
            properties.put("gatehouse.invitations.per-hour", "100000");
        }

        /** How many nodes (default 2). */
        public Builder nodes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one node");
            }
            this.nodes = count;
            return this;
        }

        /** Replaces the JVM options (default: a small heap and quick start-up, for functional tests). */
        public Builder javaOptions(String... options) {
            javaOptions.clear();
            javaOptions.addAll(List.of(options));
            return this;
        }

        /** An application property for every node, passed as {@code --name=value} (above application.properties). */
        public Builder property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        public Builder workDirectory(Path directory) {
            this.workDirectory = directory;
            return this;
        }

        public Builder logDirectory(Path directory) {
            this.logDirectory = directory;
            return this;
        }

        /**
         * Starts the database, the SMTP server and the nodes, all at once on the empty database (as an
         * orchestrator does), and returns once every node is ready.
         */
        public Cluster start() throws Exception {
            Path jar = jar().toAbsolutePath();
            Files.createDirectories(workDirectory);
            Files.createDirectories(logDirectory);
            ClusterDatabase database = ClusterDatabase.create(workDirectory.resolve("postgres").toAbsolutePath());
            GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            Path files = workDirectory.resolve("files").toAbsolutePath();
            ClusterDatabase.deleteTree(files);
            Files.createDirectories(files);

            String java = ProcessHandle.current().info().command().orElse("java");
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ports.add(freePort());
            }
            List<Node> created = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                int port = ports.get(i);
                List<String> command = new ArrayList<>();
                command.add(java);
                String index = String.valueOf(i);
                javaOptions.forEach(option -> command.add(option.replace("{node}", index)));
                command.add("-jar");
                command.add(jar.toString());
                command.add("--server.address=127.0.0.1");
                command.add("--server.port=" + port);
                command.add("--spring.mail.host=127.0.0.1");
                command.add("--spring.mail.port=" + mail.getSmtp().getPort());
                properties.forEach((name, value) -> command.add("--" + name + "=" + value));

                // What an operator sets, as the environment of every node.
                Map<String, String> environment = new LinkedHashMap<>();
                environment.put("GATEHOUSE_DB_URL", database.url());
                environment.put("GATEHOUSE_DB_USER", ClusterDatabase.USER);
                environment.put("GATEHOUSE_DB_PASSWORD", ClusterDatabase.PASSWORD);
                environment.put("GATEHOUSE_ADMIN_EMAIL", ADMIN_EMAIL);
                environment.put("GATEHOUSE_ADMIN_PASSWORD", ADMIN_PASSWORD);
                environment.put("GATEHOUSE_STORAGE_DIRECTORY", files.toString());
                // One public address for all, as behind a load balancer: the first node's here.
                environment.put("GATEHOUSE_PUBLIC_URL", "http://127.0.0.1:" + ports.get(0));
                created.add(new Node(String.valueOf((char) ('a' + i)), port, command, environment, logDirectory.toAbsolutePath()));
            }
            Cluster cluster = new Cluster(database, mail, List.copyOf(created));
            try {
                cluster.ensureRunning();
            } catch (Exception | Error e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
