package io.gatehouse.download;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.licence.Entitlements;
import io.gatehouse.licence.ReleaseFacts;
import io.gatehouse.organization.Organizations;
import io.gatehouse.product.ProductSummary;
import io.gatehouse.product.Products;
import io.gatehouse.product.ReleaseView;
import io.gatehouse.product.Releases;
import io.gatehouse.shared.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an organization may download today: per product, the entitled releases, newest first. */
@Service
class ProductDownloads {

    /** A product with its newest entitled release and the older ones ("Previous versions"). */
    record DownloadableProduct(ProductSummary product, ReleaseView latest, List<ReleaseView> previous) {

        DownloadableProduct {
            previous = List.copyOf(previous);
        }
    }

    private final Products products;
    private final Releases releases;
    private final Entitlements entitlements;
    private final Organizations organizations;
    private final AccessPolicy policy;

    ProductDownloads(Products products, Releases releases, Entitlements entitlements, Organizations organizations, AccessPolicy policy) {
        this.products = products;
        this.releases = releases;
        this.entitlements = entitlements;
        this.organizations = organizations;
        this.policy = policy;
    }

    @Transactional(readOnly = true)
    List<DownloadableProduct> of(Actor actor, OrganizationId organization) {
        organizations.requireVisible(actor, organization);
        policy.downloadProducts(actor, organization).orThrow();
        Predicate<ReleaseFacts> entitled = entitlements.of(organization);
        Map<UUID, List<ReleaseView>> byProduct = releases.availableByProduct();
        List<DownloadableProduct> downloadable = new ArrayList<>();
        for (ProductSummary product : products.all()) {
            List<ReleaseView> available = byProduct.getOrDefault(product.id(), List.of()).stream()
                    .filter(release -> entitled.test(new ReleaseFacts(product.id(), release.releaseVersion(), release.channel(),
                            release.releasedOn())))
                    .toList();
            if (!available.isEmpty()) {
                downloadable.add(new DownloadableProduct(product, available.get(0), available.subList(1, available.size())));
            }
        }
        return downloadable;
    }
}
