package io.gatehouse.download;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.licence.Entitlements;
import io.gatehouse.licence.ReleaseFacts;
import io.gatehouse.organization.Organizations;
import io.gatehouse.product.ProductSummary;
import io.gatehouse.product.Products;
import io.gatehouse.product.ReleaseOutline;
import io.gatehouse.product.ReleaseView;
import io.gatehouse.product.Releases;
import io.gatehouse.shared.NotFoundException;
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

    /** A product with its newest entitled release and how many older ones it may download ("Previous versions"). */
    record LatestDownload(ProductSummary product, ReleaseView latest, int previous) {
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

    /**
     * The page's first view: per product, only the newest entitled release with its notes and files,
     * and how many older ones there are. Every release is read as an outline (no notes, no files),
     * then the notes and files of the newest ones alone: four statements, however many releases.
     */
    @Transactional(readOnly = true)
    List<LatestDownload> latest(Actor actor, OrganizationId organization) {
        organizations.requireVisible(actor, organization);
        policy.downloadProducts(actor, organization).orThrow();
        Predicate<ReleaseFacts> entitled = entitlements.of(organization);
        Map<UUID, List<ReleaseOutline>> byProduct = releases.availableOutlinesByProduct();
        List<ProductSummary> shown = new ArrayList<>();
        List<ReleaseOutline> newest = new ArrayList<>();
        List<Integer> older = new ArrayList<>();
        for (ProductSummary product : products.all()) {
            List<ReleaseOutline> available = byProduct.getOrDefault(product.id(), List.of()).stream()
                    .filter(release -> entitled.test(facts(release)))
                    .toList();
            if (!available.isEmpty()) {
                shown.add(product);
                newest.add(available.get(0));
                older.add(available.size() - 1);
            }
        }
        List<ReleaseView> details = releases.details(newest);
        List<LatestDownload> latest = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            latest.add(new LatestDownload(shown.get(i), details.get(i), older.get(i)));
        }
        return latest;
    }

    /** Every release of one product the organization may download, newest first; a product it may download nothing of is not found. */
    @Transactional(readOnly = true)
    DownloadableProduct product(Actor actor, OrganizationId organization, UUID productId) {
        organizations.requireVisible(actor, organization);
        policy.downloadProducts(actor, organization).orThrow();
        ProductSummary product = products.find(productId).orElseThrow(() -> new NotFoundException("product"));
        Predicate<ReleaseFacts> entitled = entitlements.of(organization);
        List<ReleaseView> available = releases.available(productId).stream()
                .filter(release -> entitled.test(new ReleaseFacts(product.id(), release.releaseVersion(), release.channel(),
                        release.releasedOn())))
                .toList();
        if (available.isEmpty()) {
            throw new NotFoundException("product");
        }
        return new DownloadableProduct(product, available.get(0), available.subList(1, available.size()));
    }

    private static ReleaseFacts facts(ReleaseOutline release) {
        return new ReleaseFacts(release.productId(), release.version(), release.channel(), release.releasedOn());
    }
}
