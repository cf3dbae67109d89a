package io.gatehouse.product;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The vendor's products, as every other feature reads them. */
@Service
public class Products {

    private final ProductRepository products;
    private final Clock clock;

    Products(ProductRepository products, Clock clock) {
        this.products = products;
        this.clock = clock;
    }

    @Transactional
    public ProductSummary define(String name, String description, ProductKind kind, UUID applicationId) {
        return products.save(Product.define(name, description, kind, applicationId, clock.instant())).summary();
    }

    @Transactional(readOnly = true)
    public Optional<ProductSummary> find(UUID productId) {
        return products.findById(productId).map(Product::summary);
    }

    @Transactional(readOnly = true)
    public Optional<ProductSummary> forApplication(UUID applicationId) {
        return products.findByApplicationId(applicationId).map(Product::summary);
    }

    @Transactional(readOnly = true)
    public List<ProductSummary> all() {
        return products.findAll().stream().map(Product::summary)
                .sorted(Comparator.comparing(ProductSummary::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }
}
