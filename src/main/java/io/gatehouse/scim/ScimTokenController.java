package io.gatehouse.scim;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.OrganizationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations/{orgId}/scim-tokens")
@Tag(name = "SCIM tokens", description = "Tokens with which the organization's own directory provisions its people at /scim/v2")
class ScimTokenController {

    private final ScimTokens tokens;

    ScimTokenController(ScimTokens tokens) {
        this.tokens = tokens;
    }

    record CreateToken(String name) {
    }

    @PostMapping
    @Operation(summary = "Create a SCIM token for this organization; it is shown this once. The directory sends it as "
            + "\"Authorization: Bearer …\" or as the password of HTTP Basic")
    ResponseEntity<ScimTokens.IssuedToken> create(Actor actor, @PathVariable String orgId, @RequestBody CreateToken body) {
        ScimTokens.IssuedToken issued = tokens.issue(actor, OrganizationId.parse(orgId), body.name());
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/scim-tokens/" + issued.id())).body(issued);
    }

    @GetMapping
    @Operation(summary = "The organization's SCIM tokens, revoked ones included; never the token itself")
    List<ScimTokens.TokenView> list(Actor actor, @PathVariable String orgId) {
        return tokens.list(actor, OrganizationId.parse(orgId));
    }

    @DeleteMapping("/{tokenId}")
    @Operation(summary = "Revoke a SCIM token: the directory's next call is refused")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable String orgId, @PathVariable String tokenId) {
        tokens.revoke(actor, OrganizationId.parse(orgId), tokenId);
        return ResponseEntity.noContent().build();
    }
}
