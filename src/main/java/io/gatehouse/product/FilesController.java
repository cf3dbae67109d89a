package io.gatehouse.product;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/files")
@Tag(name = "Downloads", description = "Release files: download (Range, ETag), and signed links that expire")
class FilesController {

    private final ReleaseDownloads downloads;
    private final FileAccess access;
    private final Problems problems;

    FilesController(ReleaseDownloads downloads, FileAccess access, Problems problems) {
        this.downloads = downloads;
        this.access = access;
        this.problems = problems;
    }

    record LinkRequest(Integer expiresInMinutes) {
    }

    @GetMapping("/{fileId}")
    @Operation(summary = "Download a release file: one byte range with Range (206; 416 beyond the file), a strong ETag (the "
            + "SHA-256) for If-None-Match and If-Range, Content-Disposition with the file's name. Audited. A file one may not "
            + "download answers 404")
    void download(Actor actor, @PathVariable String fileId, HttpServletRequest request, HttpServletResponse response) {
        downloads.send(actor, null, ProductsController.id(fileId, "file"), access, request, response);
    }

    @PostMapping("/{fileId}/links")
    @Operation(summary = "A link that downloads the file without signing in until it expires (default 24 hours; "
            + "expiresInMinutes up to 7 days), for a download manager; it names no secret of the account, and stops working "
            + "when its maker may no longer download the file")
    ResponseEntity<SignedLink> link(Actor actor, @PathVariable String fileId, @RequestBody(required = false) LinkRequest body) {
        SignedLink link = downloads.link(actor, ProductsController.id(fileId, "file"), access, body == null ? null : body.expiresInMinutes());
        return ResponseEntity.created(URI.create(link.url())).body(link);
    }

    @GetMapping("/{fileId}/download")
    @Operation(summary = "Download through a signed link (no sign-in): as GET /api/v1/files/{fileId}; an altered link answers "
            + "403, an expired one 410")
    void byLink(@PathVariable String fileId, @RequestParam(required = false) String by, @RequestParam(required = false) String expires,
            @RequestParam(required = false) String signature, HttpServletRequest request, HttpServletResponse response) {
        java.util.UUID id;
        try {
            id = java.util.UUID.fromString(fileId);
        } catch (IllegalArgumentException e) {
            throw new DownloadLinkException(false);
        }
        downloads.sendByLink(id, by, expires, signature, access, request, response);
    }

    @ExceptionHandler(DownloadLinkException.class)
    ResponseEntity<ProblemDetail> badLink(DownloadLinkException e) {
        HttpStatus status = e.expired() ? HttpStatus.GONE : HttpStatus.FORBIDDEN;
        ProblemDetail problem = e.expired()
                ? problems.problem(status, "link-expired", "products.link.expired")
                : problems.problem(status, "link-invalid", "products.link.invalid");
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
