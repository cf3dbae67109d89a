package io.gatehouse.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application context a database of its own: an in-memory H2 one, or, when the
 * suite runs with -Dgatehouse.test.database=postgres, a fresh database on the PostgreSQL server
 * named by GATEHOUSE_TEST_DB_URL (else an embedded one started from Maven artifacts).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedPostgres embedded;

    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("gatehouse.test.database", "h2"));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String name = "gatehouse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, Object> properties = postgres() ? postgresDatabase(name)
                : Map.of("spring.datasource.url", "jdbc:h2:mem:" + name + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
                        "spring.datasource.username", "sa", "spring.datasource.password", "");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("gatehouse-test-database", properties));
    }

    private static Map<String, Object> postgresDatabase(String name) {
        String serverUrl = System.getenv("GATEHOUSE_TEST_DB_URL");
        String user = System.getenv().getOrDefault("GATEHOUSE_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("GATEHOUSE_TEST_DB_PASSWORD", "postgres");
        if (serverUrl == null || serverUrl.isBlank()) {
            serverUrl = server().getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "postgres";
        }
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + serverUrl, e);
        }
        String databaseUrl = serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        return Map.of("spring.datasource.url", databaseUrl, "spring.datasource.username", user,
                "spring.datasource.password", password, "spring.datasource.hikari.maximum-pool-size", "5");
    }

    private static synchronized EmbeddedPostgres server() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away either way
                }
            }));
        }
        return embedded;
    }
}
