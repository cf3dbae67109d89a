package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** A transaction reads the catalogue once, unless the catalogue changes in it; outside one, every read is fresh. */
@IntegrationTest
class CatalogReadOnceTest {

    @Autowired
    Catalog catalog;

    @Autowired
    CatalogAdmin catalogAdmin;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TestData data;

    @Test
    void aTransactionReadsTheCatalogueOnce() {
        transactions.executeWithoutResult(status -> {
            assertThat(catalog.rights()).isSameAs(catalog.rights());
            assertThat(catalog.applications()).isSameAs(catalog.applications());
        });
    }

    @Test
    void aRightAddedInTheTransactionIsSeenInItAtOnce() {
        String name = TestData.unique("Read Once");
        transactions.executeWithoutResult(status -> {
            UUID application = catalogAdmin.addApplication(data.admin(), TestData.unique("Read Once App"), false);
            assertThat(catalog.rights()).extracting(CatalogRight::name).doesNotContain(name);

            catalogAdmin.addRight(data.admin(), application, name);

            assertThat(catalog.rights()).extracting(CatalogRight::name).contains(name);
            assertThat(catalog.applications()).filteredOn(a -> a.id().equals(application))
                    .singleElement().satisfies(a -> assertThat(a.rights()).extracting(CatalogRight::name).containsExactly(name));
        });
    }

    @Test
    void outsideATransactionEachReadIsFresh() {
        var before = catalog.rights();
        UUID application = catalogAdmin.addApplication(data.admin(), TestData.unique("Fresh App"), false);
        String name = TestData.unique("Fresh");
        catalogAdmin.addRight(data.admin(), application, name);

        assertThat(catalog.rights()).isNotSameAs(before).extracting(CatalogRight::name).contains(name);
    }
}
