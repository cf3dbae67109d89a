package io.gatehouse.licence;

import io.gatehouse.product.ProductKind;
import io.gatehouse.product.ProductSummary;
import io.gatehouse.product.Products;
import io.gatehouse.product.ReleaseChannel;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.TestData;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Applications, products and licences of their own for each test: an application of the shipped
 * catalogue is never tied to a product here, so no other test meets a seat limit.
 */
@TestComponent
public class LicenceFixtures {

    private final JdbcClient jdbc;
    private final Products products;
    private final Licences licences;
    private final TestData data;

    LicenceFixtures(JdbcClient jdbc, Products products, Licences licences, TestData data) {
        this.jdbc = jdbc;
        this.products = products;
        this.licences = licences;
        this.data = data;
    }

    /** A cloud application with two rights (named as returned), sold as a product of its own. */
    public record Cloud(ProductSummary product, String right, String secondRight) {
    }

    public Cloud cloudProduct() {
        String name = TestData.unique("App");
        UUID application = UUID.randomUUID();
        jdbc.sql("insert into application (id, name, managed_externally, position) values (?, ?, false, 50)")
                .params(application, name).update();
        String right = name + " User";
        jdbc.sql("insert into access_right (id, application_id, name, position) values (?, ?, ?, 1)")
                .params(UUID.randomUUID(), application, right).update();
        String secondRight = name + " Admin";
        jdbc.sql("insert into access_right (id, application_id, name, position) values (?, ?, ?, 2)")
                .params(UUID.randomUUID(), application, secondRight).update();
        return new Cloud(products.define(name, "", ProductKind.CLOUD, application), right, secondRight);
    }

    public ProductSummary desktopProduct() {
        return products.define(TestData.unique("Desktop"), "", ProductKind.DESKTOP, null);
    }

    public LicenceView licence(OrganizationId organization, ProductSummary product, Integer seats) {
        return licences.issue(data.admin(), organization, new Licences.NewLicence(product.id(), "Professional", seats,
                LocalDate.now().minusDays(1), null, List.of(ReleaseChannel.STABLE), null, null));
    }
}
