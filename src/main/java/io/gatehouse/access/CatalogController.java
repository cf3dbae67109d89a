package io.gatehouse.access;

import io.gatehouse.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/applications")
@Tag(name = "Applications", description = "The vendor's cloud applications and their access rights")
class CatalogController {

    private final Catalog catalog;
    private final CatalogAdmin admin;

    CatalogController(Catalog catalog, CatalogAdmin admin) {
        this.catalog = catalog;
        this.admin = admin;
    }

    record RightView(String id, String name, boolean managedExternally, boolean needsApproval) {

        static RightView of(CatalogRight right) {
            return new RightView(right.id().toString(), right.name(), right.managedExternally(), right.needsApproval());
        }
    }

    record ApplicationView(String id, String name, boolean managedExternally, List<RightView> rights) {
    }

    record UpdateRight(@NotNull(message = "{validation.required}") Boolean needsApproval) {
    }

    record NewRightBody(String name, Boolean externallyManaged, Boolean needsApproval) {
    }

    record NewApplication(String name, List<NewRightBody> rights) {
    }

    @PostMapping
    @Operation(summary = "Add an application with its access rights (vendor admin); externallyManaged must be the same for "
            + "all its rights (granted outside the portal), needsApproval makes every grant or withdrawal a request")
    ResponseEntity<ApplicationView> create(Actor actor, @RequestBody NewApplication body) {
        List<CatalogAdmin.NewRight> rights = body.rights() == null ? List.of() : body.rights().stream()
                .filter(java.util.Objects::nonNull)
                .map(r -> new CatalogAdmin.NewRight(r.name(), Boolean.TRUE.equals(r.externallyManaged()),
                        Boolean.TRUE.equals(r.needsApproval())))
                .toList();
        UUID id = admin.createApplication(actor, body.name(), rights);
        ApplicationView created = applications(actor).stream().filter(a -> a.id().equals(id.toString())).findFirst().orElseThrow();
        return ResponseEntity.created(java.net.URI.create("/api/v1/applications/" + id)).body(created);
    }

    @GetMapping
    @Operation(summary = "The catalogue: every application with its rights; externally managed rights are view-only, "
            + "and a grant or withdrawal of a right that needs approval becomes a request the vendor approves")
    List<ApplicationView> applications(Actor actor) {
        return catalog.applications().stream()
                .map(a -> new ApplicationView(a.id().toString(), a.name(), a.managedExternally(),
                        a.rights().stream().map(RightView::of).toList()))
                .toList();
    }

    @PatchMapping("/{applicationId}/rights/{rightId}")
    @Operation(summary = "Always needs approval (vendor admin): with \"needsApproval\": true, an organization admin's grant "
            + "or withdrawal of this right becomes a request the vendor approves, even in a self-managed organization")
    RightView update(Actor actor, @PathVariable String applicationId, @PathVariable String rightId,
            @Valid @RequestBody UpdateRight body) {
        UUID right = id(rightId, "right");
        admin.markNeedsApproval(actor, id(applicationId, "application"), right, body.needsApproval());
        return catalog.rights().stream().filter(r -> r.id().equals(right)).findFirst().map(RightView::of)
                .orElseThrow(() -> new NotFoundException("right"));
    }

    private static UUID id(String text, String kind) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(kind);
        }
    }
}
