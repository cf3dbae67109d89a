package io.gatehouse.product;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Products", description = "The vendor's products, their releases and release files (vendor admin; vendor staff read)")
class ProductsController {

    private final Products products;
    private final ProductAdmin admin;
    private final Releases releases;
    private final ReleaseUploads uploads;
    private final AccessPolicy policy;
    private final Problems problems;

    ProductsController(Products products, ProductAdmin admin, Releases releases, ReleaseUploads uploads, AccessPolicy policy,
            Problems problems) {
        this.products = products;
        this.admin = admin;
        this.releases = releases;
        this.uploads = uploads;
        this.policy = policy;
        this.problems = problems;
    }

    record NewProduct(String name, String description, ProductKind kind, UUID applicationId) {
    }

    record ProductChange(String name, String description) {
    }

    record NewRelease(String version, ReleaseChannel channel, LocalDate releasedOn, Map<String, String> notes) {
    }

    record ReleaseChange(Boolean withdrawn, Map<String, String> notes) {
    }

    record FileView(String id, String name, Platform platform, long size, String sha256, String contentType, Instant uploadedAt) {

        static FileView of(ReleaseFileView file) {
            return new FileView(file.id().toString(), file.name(), file.platform(), file.size(), file.sha256(), file.contentType(),
                    file.uploadedAt());
        }
    }

    record ReleaseJson(String id, String productId, String version, ReleaseChannel channel, LocalDate releasedOn, boolean withdrawn,
            Map<String, String> notes, List<FileView> files) {

        static ReleaseJson of(ReleaseView release) {
            return new ReleaseJson(release.id().toString(), release.productId().toString(), release.version(), release.channel(),
                    release.releasedOn(), release.withdrawn(), release.notes(), release.files().stream().map(FileView::of).toList());
        }
    }

    @PostMapping
    @Operation(summary = "Define a product (vendor admin): name, description, kind DESKTOP | CLOUD | CONTENT and, for a cloud "
            + "application, the catalogue application it is (applicationId); kind and application stay as defined")
    ResponseEntity<ProductSummary> define(Actor actor, @RequestBody NewProduct body) {
        ProductSummary product = admin.define(actor, body.name(), body.description(), body.kind(), body.applicationId());
        return ResponseEntity.created(URI.create("/api/v1/products/" + product.id())).body(product);
    }

    @GetMapping
    @Operation(summary = "Every product, by name (vendor staff)")
    List<ProductSummary> all(Actor actor) {
        policy.viewProducts(actor).orThrow();
        return products.all();
    }

    @GetMapping("/{productId}")
    @Operation(summary = "One product (vendor staff)")
    ProductSummary one(Actor actor, @PathVariable String productId) {
        policy.viewProducts(actor).orThrow();
        return products.find(id(productId, "product")).orElseThrow(() -> new NotFoundException("product"));
    }

    @PatchMapping("/{productId}")
    @Operation(summary = "Rename or describe a product (vendor admin); fields left out stay")
    ProductSummary change(Actor actor, @PathVariable String productId, @RequestBody ProductChange body) {
        return admin.describe(actor, id(productId, "product"), body.name(), body.description());
    }

    @PostMapping("/{productId}/releases")
    @Operation(summary = "Publish a release (vendor admin): version (semantic: 10.0 follows 9.2; unique per product, 2.0 = 2.0.0), "
            + "channel STABLE | BETA, releasedOn, notes by language (en, fr, es, ja)")
    ResponseEntity<ReleaseJson> defineRelease(Actor actor, @PathVariable String productId, @RequestBody NewRelease body) {
        policy.manageProducts(actor).orThrow();
        ReleaseView release = releases.define(actor, id(productId, "product"),
                ReleaseDraft.of(body.version(), body.channel(), body.releasedOn(), body.notes()));
        return ResponseEntity.created(URI.create("/api/v1/products/" + productId + "/releases/" + release.id()))
                .body(ReleaseJson.of(release));
    }

    @GetMapping("/{productId}/releases")
    @Operation(summary = "A product's releases with their notes and files, newest version first, withdrawn ones included (vendor staff)")
    List<ReleaseJson> releases(Actor actor, @PathVariable String productId) {
        policy.viewProducts(actor).orThrow();
        UUID product = id(productId, "product");
        products.find(product).orElseThrow(() -> new NotFoundException("product"));
        return releases.of(product).stream().map(ReleaseJson::of).toList();
    }

    @PatchMapping("/{productId}/releases/{releaseId}")
    @Operation(summary = "Withdraw a release (\"withdrawn\": true: hidden from downloads, kept for the audit trail) or offer it "
            + "again, and/or replace its notes (vendor admin)")
    ReleaseJson changeRelease(Actor actor, @PathVariable String productId, @PathVariable String releaseId,
            @RequestBody ReleaseChange body) {
        policy.manageProducts(actor).orThrow();
        UUID product = id(productId, "product");
        UUID release = id(releaseId, "release");
        if (body.withdrawn() == null && body.notes() == null) {
            throw InvalidInputException.of("withdrawn", "validation.required");
        }
        ReleaseView changed = releases.find(product, release).orElseThrow(() -> new NotFoundException("release"));
        if (body.notes() != null) {
            changed = releases.changeNotes(actor, product, release, body.notes());
        }
        if (body.withdrawn() != null) {
            changed = releases.withdraw(actor, product, release, body.withdrawn());
        }
        return ReleaseJson.of(changed);
    }

    @PostMapping(path = "/{productId}/releases/{releaseId}/files", consumes = MediaType.ALL_VALUE)
    @Operation(summary = "Upload a release file (vendor admin): the file's bytes are the body, streamed (any size up to "
            + "gatehouse.storage.max-file-size), Content-Type application/octet-stream or the file's own type. With sha256 "
            + "(hex) and/or size, a body that differs is refused and nothing is kept",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary"))))
    ResponseEntity<FileView> upload(Actor actor, @PathVariable String productId, @PathVariable String releaseId,
            @Parameter(description = "WINDOWS | MACOS | LINUX | ISO | DATA_PACK") @RequestParam Platform platform,
            @Parameter(description = "the file name people download it under") @RequestParam String name,
            @Parameter(description = "the file's SHA-256 in hex, checked before it is kept") @RequestParam(required = false) String sha256,
            @Parameter(description = "the file's size in bytes, if the body is sent without Content-Length") @RequestParam(required = false) Long size,
            HttpServletRequest request) throws IOException {
        Long expectedSize = io.gatehouse.storage.UploadNames.expectedSize(request, size);
        ReleaseFileView file = uploads.add(actor, id(productId, "product"), id(releaseId, "release"), platform, name,
                request.getContentType(), request.getInputStream(), expectedSize, sha256);
        return ResponseEntity.created(URI.create("/api/v1/files/" + file.id())).body(FileView.of(file));
    }

    static UUID id(String text, String kind) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(kind);
        }
    }
}
