package io.gatehouse.product;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogApplication;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.InvalidInputException.FieldError;
import io.gatehouse.shared.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The vendor admin's products: defined with a kind and, for a cloud application, the catalogue
 * application it is; renamed and described later. Kind and application stay as defined, since
 * licences count seats or machines by them.
 */
@Service
@Transactional
class ProductAdmin {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 2000;

    private final ProductRepository products;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProductAdmin(ProductRepository products, Catalog catalog, AccessPolicy policy, ApplicationEventPublisher events, Clock clock) {
        this.products = products;
        this.catalog = catalog;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    ProductSummary define(Actor actor, String name, String description, ProductKind kind, UUID applicationId) {
        policy.manageProducts(actor).orThrow();
        List<FieldError> errors = new ArrayList<>();
        String checkedName = name(name, errors);
        String checkedDescription = description(description, errors);
        if (kind == null) {
            errors.add(new FieldError("kind", "validation.required"));
        }
        CatalogApplication application = null;
        if (applicationId != null) {
            application = catalog.applications().stream().filter(a -> a.id().equals(applicationId)).findFirst().orElse(null);
            if (application == null) {
                errors.add(new FieldError("applicationId", "products.product.applicationUnknown"));
            } else if (kind != null && kind != ProductKind.CLOUD) {
                errors.add(new FieldError("applicationId", "products.product.applicationOnlyForCloud"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (nameTaken(checkedName, null)) {
            throw new ConflictException("name", "products.product.nameExists");
        }
        if (applicationId != null && products.findByApplicationId(applicationId).isPresent()) {
            throw new ConflictException("applicationId", "products.product.applicationTaken");
        }
        Product product;
        try {
            product = products.save(Product.define(checkedName, checkedDescription, kind, applicationId, clock.instant()));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("name", "products.product.nameExists");
        }
        ProductSummary summary = product.summary();
        Map<String, Object> after = state(summary);
        if (application != null) {
            after.put("application", application.name());
        }
        events.publishEvent(new Audited(actor.ref(), null, "product.created", "product", summary.id().toString(), null, after));
        return summary;
    }

    /** A new name or description; what is not given stays. */
    ProductSummary describe(Actor actor, UUID productId, String name, String description) {
        policy.manageProducts(actor).orThrow();
        Product product = products.findById(productId).orElseThrow(() -> new NotFoundException("product"));
        ProductSummary before = product.summary();
        List<FieldError> errors = new ArrayList<>();
        String checkedName = name == null ? before.name() : name(name, errors);
        String checkedDescription = description == null ? before.description() : description(description, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (checkedName.equals(before.name()) && checkedDescription.equals(before.description())) {
            return before;
        }
        if (nameTaken(checkedName, productId)) {
            throw new ConflictException("name", "products.product.nameExists");
        }
        product.describe(checkedName, checkedDescription);
        try {
            ProductSummary after = products.save(product).summary();
            events.publishEvent(new Audited(actor.ref(), null, "product.updated", "product", productId.toString(), state(before),
                    state(after)));
            return after;
        } catch (DuplicateKeyException e) {
            throw new ConflictException("name", "products.product.nameExists");
        }
    }

    private boolean nameTaken(String name, UUID except) {
        return products.findAll().stream().anyMatch(p -> !p.id().equals(except) && p.summary().name().equalsIgnoreCase(name));
    }

    private static String name(String name, List<FieldError> errors) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            errors.add(new FieldError("name", "validation.required"));
        } else if (stripped.length() > MAX_NAME) {
            errors.add(new FieldError("name", "validation.size.max", List.of(MAX_NAME)));
        }
        return stripped;
    }

    private static String description(String description, List<FieldError> errors) {
        String stripped = description == null ? "" : description.strip();
        if (stripped.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "validation.size.max", List.of(MAX_DESCRIPTION)));
        }
        return stripped;
    }

    private static Map<String, Object> state(ProductSummary product) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", product.name());
        state.put("description", product.description());
        state.put("kind", product.kind().name());
        return state;
    }
}
