package io.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default's schema keeps working once the connections that made it are gone, as the
 * pool replaces them (every 30 minutes by default). H2 2.4 lost every check constraint comparing to
 * a constant when the session that created it closed: each insert was then refused as "Check
 * constraint invalid" until the database was opened again.
 */
class EmbeddedDatabaseConstraintsTest {

    @TempDir
    Path work;

    @Test
    void checkConstraintsStillAcceptGoodRowsAndRefuseBadOnesAfterTheMigratingConnectionIsClosed() throws SQLException {
        String url = "jdbc:h2:file:" + work.resolve("gatehouse") + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_ON_EXIT=FALSE";
        try (Connection keepsTheDatabaseOpen = DriverManager.getConnection(url, "sa", "")) {
            Flyway.configure().dataSource(url, "sa", "")
                    .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                    .load().migrate();

            try (Connection later = DriverManager.getConnection(url, "sa", ""); Statement statement = later.createStatement()) {
                statement.executeUpdate("insert into sign_in_attempt (counter_key, kind, failures, window_started_at, last_attempt_at) "
                        + "values ('k1', 'ACCOUNT', 1, current_timestamp, current_timestamp)");
                assertThatThrownBy(() -> statement.executeUpdate("insert into sign_in_attempt "
                        + "(counter_key, kind, failures, window_started_at, last_attempt_at) "
                        + "values ('k2', 'OTHER', 1, current_timestamp, current_timestamp)"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("SIGN_IN_ATTEMPT_KIND");
            }
            assertThat(keepsTheDatabaseOpen.isClosed()).isFalse();
        }
    }
}
