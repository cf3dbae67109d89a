package io.gatehouse.security;

import io.gatehouse.access.Actor;
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
@RequestMapping("/api/v1/me/tokens")
@Tag(name = "Me")
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record CreateToken(String name, Integer expiresInDays) {
    }

    @PostMapping
    @Operation(summary = "Create a personal API token; it is shown this once (use it as \"Authorization: Bearer …\")")
    ResponseEntity<ApiTokens.IssuedToken> create(Actor actor, @RequestBody CreateToken body) {
        ApiTokens.IssuedToken issued = tokens.issue(actor.ref(), body.name(), body.expiresInDays());
        return ResponseEntity.created(URI.create("/api/v1/me/tokens/" + issued.id())).body(issued);
    }

    @GetMapping
    List<ApiTokens.TokenView> list(Actor actor) {
        return tokens.list(actor.userId());
    }

    @DeleteMapping("/{tokenId}")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable String tokenId) {
        tokens.revoke(actor.ref(), tokenId);
        return ResponseEntity.noContent().build();
    }
}
