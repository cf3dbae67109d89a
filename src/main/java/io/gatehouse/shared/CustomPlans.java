package io.gatehouse.shared;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Has PostgreSQL plan the statements of the current transaction with their actual values.
 * Organizations differ in size by four orders of magnitude: a plan made once for an "average"
 * organization (what PostgreSQL settles on for a statement prepared and run a few times) reads
 * all 50,000 members of a large one where an index would touch fifty. Only the statements whose
 * best plan depends on the organization ask for this; every other statement keeps its cached
 * plan and is not planned again on each run.
 */
@Component
public class CustomPlans {

    private final JdbcClient jdbc;
    private final boolean postgres;

    CustomPlans(JdbcClient jdbc, DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        }
    }

    /** Until the current transaction ends. */
    public void forThisTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Custom plans are set for a transaction; none is active");
        }
        if (postgres) {
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        }
    }
}
