package io.gatehouse.member;

import io.gatehouse.shared.ProductUsed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps, per person and organization, the product version they last used, in the transaction that
 * recorded the use. One row each, overwritten in a single statement: parallel uses by the same
 * person (a download manager's parallel ranges) never collide on the first insert.
 */
@Component
class ProductUses {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String upsert;

    ProductUses(JdbcClient jdbc, Clock clock, DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        this.clock = clock;
        boolean postgres;
        try (Connection connection = dataSource.getConnection()) {
            postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        }
        this.upsert = postgres
                ? """
                  insert into product_use (organization_id, user_id, product_id, product_name, version, used_at)
                  values (?, ?, ?, ?, ?, ?)
                  on conflict (organization_id, user_id) do update set product_id = excluded.product_id,
                      product_name = excluded.product_name, version = excluded.version, used_at = excluded.used_at"""
                : """
                  merge into product_use (organization_id, user_id, product_id, product_name, version, used_at)
                  key (organization_id, user_id) values (?, ?, ?, ?, ?, ?)""";
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void record(ProductUsed use) {
        jdbc.sql(upsert)
                .params(use.organization().value(), use.user().value(), use.productId(), truncate(use.productName(), 100),
                        use.version() == null ? null : truncate(use.version(), 32), Timestamp.from(clock.instant()))
                .update();
    }

    /** What the export shows: the product and its version, or the product alone when the version is unknown. */
    static String label(String productName, String version) {
        if (productName == null) {
            return "";
        }
        return version == null ? productName : productName + " " + version;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
