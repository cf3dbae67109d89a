package io.gatehouse.load;

import io.gatehouse.benchmark.DataGenerator;
import io.gatehouse.nodes.Client;
import io.gatehouse.nodes.Cluster;
import io.gatehouse.nodes.ClusterDatabase;
import io.gatehouse.nodes.Node;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the load runs against: two nodes from the packaged jar on one PostgreSQL, with the JVM
 * options the README recommends, filled with the benchmark's customer base, then warmed up so that
 * the figures are those of a running deployment rather than of a JVM compiling its code.
 */
final class LoadCluster implements AutoCloseable {

    /** As the README recommends for production. */
    static final String[] NODE_JAVA_OPTIONS = {"-Xmx160m", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=5000"};

    private final Cluster cluster;
    private final PortalUsers people;
    private final List<PortalUsers.PortalUser> warmUpUsers;

    private LoadCluster(Cluster cluster, PortalUsers people, List<PortalUsers.PortalUser> warmUpUsers) {
        this.cluster = cluster;
        this.people = people;
        this.warmUpUsers = warmUpUsers;
    }

    /** Starts the nodes, fills the database and picks {@code users} Managers (and two more to warm up with). */
    static LoadCluster start(int nodes, int users) throws Exception {
        String[] javaOptions = javaOptions();
        say("Starting PostgreSQL and " + nodes + " nodes with " + String.join(" ", javaOptions));
        Cluster cluster = Cluster.builder()
                .nodes(nodes)
                .javaOptions(javaOptions)
                // The production wait for a database connection (the harness shortens it for fault tests).
                .property("spring.datasource.hikari.connection-timeout", "30000")
                .workDirectory(Path.of("target", "load", "cluster"))
                .logDirectory(Path.of("target", "load", "logs"))
                .start();
        try {
            say("Generating the data (the benchmark's customer base)");
            ClusterDatabase database = cluster.database();
            DataGenerator.Dataset data = new DataGenerator().generate(database.url(), ClusterDatabase.USER, ClusterDatabase.PASSWORD);
            say("  " + data.rowCounts() + " in " + data.took().toSeconds() + " s");
            PortalUsers all;
            try (Connection connection = database.connect()) {
                all = PortalUsers.read(connection, users + nodes, data.largeOrganization());
            }
            PortalUsers people = new PortalUsers(all.users().subList(0, users), all.rights());
            say(String.format("  %d portal users: the Managers of %d organizations of %d to %d members (median %d)",
                    users, users, people.smallestOrganization(), people.largestOrganization(), people.medianOrganization()));
            return new LoadCluster(cluster, people, all.users().subList(users, users + nodes));
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The README's options, then any given in {@code gatehouse.load.node-options} (a profiler's, say). */
    private static String[] javaOptions() {
        List<String> options = new ArrayList<>(List.of(NODE_JAVA_OPTIONS));
        String more = System.getProperty("gatehouse.load.node-options", "").strip();
        if (!more.isEmpty()) {
            options.addAll(List.of(more.split("\\s+")));
        }
        return options.toArray(String[]::new);
    }

    /**
     * Starts the cluster with its data and keeps it running until interrupted, printing where the
     * nodes listen and who may sign in: to look at the pages under a profiler, or drive them by hand.
     */
    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (LoadCluster cluster = start(PortalSimulation.NODES, users)) {
            say("Nodes: " + String.join(" ", cluster.baseUrls()));
            PortalUsers.PortalUser first = cluster.people().users().get(0);
            say("Sign in as " + first.email() + " / " + DataGenerator.PASSWORD + "; User Management: /organizations/"
                    + first.organization() + "/users; a person: /organizations/" + first.organization() + "/users/"
                    + first.targets().get(0).user());
            say("Database: " + cluster.cluster.database().url() + " (" + ClusterDatabase.USER + "/" + ClusterDatabase.PASSWORD + ")");
            say("Running until interrupted (Ctrl-C)");
            Thread.currentThread().join();
        }
    }

    PortalUsers people() {
        return people;
    }

    List<String> baseUrls() {
        return cluster.nodes().stream().map(Node::baseUrl).toList();
    }

    /**
     * Each node serves the scenario's requests for {@code duration}, one Manager each, back to back
     * from the sign-in on: the just-in-time compiler has then compiled what the load runs.
     */
    void warmUp(Duration duration) throws InterruptedException {
        say("Warming up every node for " + duration.toSeconds() + " s");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < cluster.nodes().size(); i++) {
            Node node = cluster.node(i);
            PortalUsers.PortalUser user = warmUpUsers.get(i);
            Thread thread = new Thread(() -> {
                try {
                    warmUp(node, user, System.nanoTime() + duration.toNanos());
                } catch (Exception | Error e) {
                    failures.add(e);
                }
            }, "warm-up-" + node.name());
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("The warm-up failed", failures.get(0));
        }
        cpuAfterWarmUp = cpuTimes();
    }

    private List<Duration> cpuAfterWarmUp = List.of();

    /** The CPU time each node has used so far (zero where the system does not tell). */
    private List<Duration> cpuTimes() {
        return cluster.nodes().stream()
                .map(node -> ProcessHandle.of(node.pid()).flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO))
                .toList();
    }

    private void warmUp(Node node, PortalUsers.PortalUser user, long until) throws Exception {
        String users = "/organizations/" + user.organization() + "/users";
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < until) {
            // Each round signs in afresh, from a browser of its own, as each user of the load does once.
            Client browser = Client.browser();
            browser.signIn(node, user.email(), DataGenerator.PASSWORD);
            expect(browser.page(node, "/"), "/");
            PortalUsers.Target target = user.targets().get(random.nextInt(user.targets().size()));
            expect(browser.page(node, users), users);
            for (String typed : PortalSimulation.keystrokes(target.lastName())) {
                expect(browser.page(node, users + "?q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8)), users);
            }
            String person = users + "/" + target.user();
            expect(browser.page(node, person), person);
            String right = people.rights().get(random.nextInt(people.rights().size()));
            // Without htmx the same form answers with a redirect back to the page.
            Client.Response ticked = browser.submit(node, person, person + "/rights",
                    Map.of("tab", "properties", "changed", right, "rights", right));
            if (ticked.status() != 302) {
                throw new IllegalStateException("Tick on " + node + ": " + ticked);
            }
            expect(browser.page(node, users + "/export.csv"), users + "/export.csv");
        }
    }

    private static void expect(Client.Response response, String what) {
        if (response.status() != 200) {
            throw new IllegalStateException(what + ": " + response);
        }
    }

    @Override
    public void close() throws Exception {
        if (!cpuAfterWarmUp.isEmpty()) {
            List<Duration> now = cpuTimes();
            List<String> used = new ArrayList<>();
            for (int i = 0; i < now.size(); i++) {
                used.add(String.format("%s %.1f s", cluster.node(i).name(), (now.get(i).toMillis() - cpuAfterWarmUp.get(i).toMillis()) / 1000.0));
            }
            say("CPU the nodes used after the warm-up: " + String.join(", ", used));
        }
        say("Stopping the nodes and PostgreSQL (logs in target/load/logs)");
        cluster.close();
    }

    static void say(String line) {
        System.out.println("[load] " + line);
    }
}
