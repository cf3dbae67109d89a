package io.gatehouse.catalogue;

import io.gatehouse.access.Actor;
import io.gatehouse.member.ApprovalRequests.Receipt;
import io.gatehouse.shared.OrganizationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Catalogues", description = "Content catalogues offered per region, and those on an organization's account")
class CatalogueController {

    private final Catalogues catalogues;
    private final CatalogueRequests requests;
    private final CatalogueFiles files;

    CatalogueController(Catalogues catalogues, CatalogueRequests requests, CatalogueFiles files) {
        this.catalogues = catalogues;
        this.requests = requests;
        this.files = files;
    }

    record RequestNote(@Schema(description = "What the vendor should know, at most 2000 characters") String note) {
    }

    record CatalogueBody(String name, String supplier, String description,
            @Schema(description = "The catalogue's own version, e.g. 2026.1") String version,
            @Schema(description = "Defaults to today") LocalDate publishedOn,
            @Schema(description = "Regions it is offered in, e.g. [\"EU\", \"AU\"]") List<String> regions,
            @Schema(description = "Languages of its content, ISO 639-1 codes, e.g. [\"en\", \"fr\"]") List<String> languages) {
    }

    record AccountEntry(String catalogueId, boolean onAccount) {
    }

    @PostMapping("/api/v1/catalogues")
    @Operation(summary = "Define a catalogue (vendor admin)")
    ResponseEntity<CatalogueView> define(Actor actor, @RequestBody CatalogueBody body) {
        CatalogueView created = catalogues.define(actor, body.name(), body.supplier(), body.description(), body.version(),
                body.publishedOn(), body.regions(), body.languages());
        return ResponseEntity.created(URI.create("/api/v1/catalogues/" + created.id())).body(created);
    }

    @GetMapping("/api/v1/catalogues")
    @Operation(summary = "Every catalogue (vendor admin)")
    List<CatalogueView> all(Actor actor) {
        return catalogues.all(actor);
    }

    @GetMapping("/api/v1/catalogues/{catalogueId}")
    @Operation(summary = "One catalogue (vendor staff)")
    CatalogueView get(Actor actor, @PathVariable String catalogueId) {
        return catalogues.get(actor, catalogueId);
    }

    @PatchMapping("/api/v1/catalogues/{catalogueId}")
    @Operation(summary = "Change a catalogue; fields left out keep their value (vendor admin)")
    CatalogueView change(Actor actor, @PathVariable String catalogueId,
            @RequestBody CatalogueBody body) {
        return catalogues.change(actor, catalogueId, body.name(), body.supplier(), body.description(), body.version(),
                body.publishedOn(), body.regions(), body.languages());
    }

    @PostMapping(path = "/api/v1/catalogues/{catalogueId}/files", consumes = org.springframework.http.MediaType.ALL_VALUE)
    @Operation(summary = "Upload a catalogue file, e.g. a data pack (vendor admin): the file's bytes are the body, streamed; "
            + "with sha256 (hex) and/or size, a body that differs is refused and nothing is kept")
    ResponseEntity<CatalogueFileView> upload(Actor actor, @PathVariable String catalogueId, @RequestParam String name,
            @RequestParam(required = false) String sha256, @RequestParam(required = false) Long size,
            jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        Long expectedSize = io.gatehouse.storage.UploadNames.expectedSize(request, size);
        CatalogueFileView file = files.add(actor, catalogueId, name, request.getContentType(), request.getInputStream(), expectedSize,
                sha256);
        return ResponseEntity.created(URI.create("/api/v1/catalogues/" + catalogueId + "/files/" + file.id())).body(file);
    }

    @GetMapping("/api/v1/organizations/{orgId}/catalogues/{catalogueId}/files")
    @Operation(summary = "The files of a catalogue on the organization's account")
    List<CatalogueFileView> files(Actor actor, @PathVariable String orgId, @PathVariable String catalogueId) {
        return files.downloadable(actor, OrganizationId.parse(orgId), catalogueId);
    }

    @GetMapping("/api/v1/organizations/{orgId}/catalogues/{catalogueId}/files/{fileId}")
    @Operation(summary = "Download a file of a catalogue on the organization's account: Range (206; 416 beyond the file), ETag "
            + "(the SHA-256), Content-Disposition with its name. Audited")
    void download(Actor actor, @PathVariable String orgId, @PathVariable String catalogueId, @PathVariable String fileId,
            jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        files.send(actor, OrganizationId.parse(orgId), catalogueId, fileId, request, response);
    }

    @GetMapping("/api/v1/organizations/{orgId}/catalogues")
    @Operation(summary = "The organization's catalogue selection: on its account, or offered in its region")
    List<OfferedCatalogue> selection(Actor actor, @PathVariable String orgId, @RequestParam(required = false) String q,
            @RequestParam(required = false) String supplier, @RequestParam(required = false) String language) {
        return catalogues.selection(actor, OrganizationId.parse(orgId), new Catalogues.Filter(q, supplier, language));
    }

    @PostMapping("/api/v1/organizations/{orgId}/catalogues/{catalogueId}/request")
    @Operation(summary = "Request a catalogue offered in the organization's region (Manager); vendor support approves it")
    ResponseEntity<Receipt> request(Actor actor, @PathVariable String orgId, @PathVariable String catalogueId,
            @RequestBody(required = false) RequestNote body) {
        Receipt receipt = requests.request(actor, OrganizationId.parse(orgId), catalogueId, body == null ? null : body.note());
        return ResponseEntity.accepted().location(URI.create("/api/v1/requests/" + receipt.requestId())).body(receipt);
    }

    @PutMapping("/api/v1/organizations/{orgId}/catalogues/{catalogueId}")
    @Operation(summary = "Put a catalogue on the organization's account (vendor staff)")
    AccountEntry add(Actor actor, @PathVariable String orgId, @PathVariable String catalogueId) {
        catalogues.addToAccount(actor, OrganizationId.parse(orgId), catalogueId);
        return new AccountEntry(catalogueId, true);
    }

    @DeleteMapping("/api/v1/organizations/{orgId}/catalogues/{catalogueId}")
    @Operation(summary = "Take a catalogue off the organization's account (vendor staff)")
    ResponseEntity<Void> remove(Actor actor, @PathVariable String orgId, @PathVariable String catalogueId) {
        catalogues.removeFromAccount(actor, OrganizationId.parse(orgId), catalogueId);
        return ResponseEntity.noContent().build();
    }
}
