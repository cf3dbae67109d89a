package io.gatehouse.download;

import io.gatehouse.access.Actor;
import io.gatehouse.product.ReleaseFileView;
import io.gatehouse.product.ReleaseView;
import io.gatehouse.shared.OrganizationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Downloads")
class DownloadsController {

    private final ProductDownloads downloads;

    DownloadsController(ProductDownloads downloads) {
        this.downloads = downloads;
    }

    record FileJson(UUID id, String name, String platform, long size, String sha256, String url) {

        static FileJson of(ReleaseFileView file) {
            return new FileJson(file.id(), file.name(), file.platform().name(), file.size(), file.sha256(), "/api/v1/files/" + file.id());
        }
    }

    record ReleaseJson(UUID id, String version, String channel, LocalDate releasedOn, Map<String, String> notes, List<FileJson> files) {

        static ReleaseJson of(ReleaseView release) {
            return new ReleaseJson(release.id(), release.version(), release.channel().name(), release.releasedOn(), release.notes(),
                    release.files().stream().map(FileJson::of).toList());
        }
    }

    record ProductJson(UUID id, String name, String description, String kind, List<ReleaseJson> releases) {
    }

    @GetMapping("/api/v1/organizations/{orgId}/downloads")
    @Operation(summary = "The releases and files this organization's licences entitle it to today, by product, newest version first")
    List<ProductJson> downloads(Actor actor, @PathVariable String orgId) {
        return downloads.of(actor, OrganizationId.parse(orgId)).stream()
                .map(p -> new ProductJson(p.product().id(), p.product().name(), p.product().description(), p.product().kind().name(),
                        java.util.stream.Stream.concat(java.util.stream.Stream.of(p.latest()), p.previous().stream())
                                .map(ReleaseJson::of).toList()))
                .toList();
    }
}
