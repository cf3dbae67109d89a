package io.gatehouse.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/applications")
@Tag(name = "Applications", description = "The vendor's cloud applications and their access rights")
class CatalogController {

    private final Catalog catalog;

    CatalogController(Catalog catalog) {
        this.catalog = catalog;
    }

    record RightView(String name, boolean managedExternally) {
    }

    record ApplicationView(String id, String name, boolean managedExternally, List<RightView> rights) {
    }

    @GetMapping
    @Operation(summary = "The catalogue: every application with its rights; externally managed rights are view-only")
    List<ApplicationView> applications(Actor actor) {
        return catalog.applications().stream()
                .map(a -> new ApplicationView(a.id().toString(), a.name(), a.managedExternally(),
                        a.rights().stream().map(r -> new RightView(r.name(), r.managedExternally())).toList()))
                .toList();
    }
}
