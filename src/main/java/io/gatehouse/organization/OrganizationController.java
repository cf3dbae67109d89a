package io.gatehouse.organization;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations")
@Tag(name = "Organizations", description = "Customer organizations and their sites")
class OrganizationController {

    private final Organizations organizations;

    OrganizationController(Organizations organizations) {
        this.organizations = organizations;
    }

    record CreateOrganization(
            @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name,
            @NotBlank(message = "{validation.required}") String region,
            @NotNull(message = "{validation.required}") ManagementMode managementMode) {
    }

    record UpdateOrganization(
            @Size(min = 1, max = 200, message = "{validation.size.range}") @Pattern(regexp = ".*\\S.*", message = "{validation.required}") String name,
            String region,
            ManagementMode managementMode,
            @io.swagger.v3.oas.annotations.media.Schema(description = "Language of mail to people who have not chosen one: en, fr, es or ja")
            String defaultLanguage) {
    }

    record CreateSite(@NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name) {
    }

    @PostMapping
    @Operation(summary = "Create an organization (vendor admin)")
    ResponseEntity<OrganizationView> create(Actor actor, @Valid @RequestBody CreateOrganization body) {
        OrganizationView created = organizations.create(actor, body.name(), body.region(), body.managementMode());
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + created.id())).body(created);
    }

    @GetMapping
    @Operation(summary = "Organizations the caller may see")
    PageResult<OrganizationView> list(Actor actor, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return organizations.list(actor, q, PageRequest.of(page, size));
    }

    @GetMapping("/{orgId}")
    OrganizationView get(Actor actor, @PathVariable String orgId) {
        return organizations.get(actor, OrganizationId.parse(orgId));
    }

    @PatchMapping("/{orgId}")
    @Operation(summary = "Rename (Manager) or change region and management mode (vendor admin)")
    OrganizationView update(Actor actor, @PathVariable String orgId, @Valid @RequestBody UpdateOrganization body) {
        return organizations.update(actor, OrganizationId.parse(orgId), body.name(), body.region(), body.managementMode(),
                body.defaultLanguage());
    }

    @GetMapping("/{orgId}/sites")
    List<SiteView> sites(Actor actor, @PathVariable String orgId) {
        return organizations.sites(actor, OrganizationId.parse(orgId));
    }

    @PostMapping("/{orgId}/sites")
    @Operation(summary = "Add a site; Managers reach it at once")
    ResponseEntity<SiteView> addSite(Actor actor, @PathVariable String orgId, @Valid @RequestBody CreateSite body) {
        OrganizationId id = OrganizationId.parse(orgId);
        SiteView site = organizations.addSite(actor, id, body.name());
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/sites/" + site.id())).body(site);
    }
}
