package io.gatehouse.scim;

import io.gatehouse.scim.ScimSecurity.ScimCaller;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/** /scim/v2/Users: the members of the token's organization (RFC 7644 §3). */
@Hidden
@RestController
@RequestMapping(path = "/scim/v2/Users", produces = {"application/scim+json", "application/json"})
class ScimUsersController extends ScimEndpoint {

    private final ScimUsers users;

    ScimUsersController(ScimUsers users, ScimErrors errors) {
        super(errors);
        this.users = users;
    }

    @GetMapping
    ResponseEntity<Map<String, Object>> list(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller,
            @RequestParam(required = false) String filter, @RequestParam(required = false) String sortBy,
            @RequestParam(required = false) String sortOrder, @RequestParam(required = false) Integer startIndex,
            @RequestParam(required = false) Integer count, @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes) {
        Map<String, Object> list = users.list(caller, filter, sortBy, sortOrder, startIndex, count, base());
        return ok(Projection.applyToList(list, attributes, excludedAttributes), null);
    }

    @GetMapping("/{id}")
    ResponseEntity<Map<String, Object>> get(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller, @PathVariable String id,
            @RequestParam(required = false) String attributes, @RequestParam(required = false) String excludedAttributes) {
        Map<String, Object> user = users.get(caller, id, base());
        String etag = version(user);
        return ok(Projection.apply(user, attributes, excludedAttributes), etag);
    }

    @PostMapping(consumes = {"application/scim+json", "application/json"})
    ResponseEntity<Map<String, Object>> create(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller,
            @RequestBody JsonNode body) {
        Map<String, Object> user = users.create(caller, body, base());
        return ResponseEntity.created(URI.create(base() + "/Users/" + user.get("id"))).contentType(ScimErrors.SCIM_JSON)
                .eTag(version(user)).body(user);
    }

    @PutMapping(path = "/{id}", consumes = {"application/scim+json", "application/json"})
    ResponseEntity<Map<String, Object>> replace(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller, @PathVariable String id,
            @RequestBody JsonNode body, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Map<String, Object> user = users.replace(caller, id, body, ifMatch, base());
        return ok(user, version(user));
    }

    @PatchMapping(path = "/{id}", consumes = {"application/scim+json", "application/json"})
    ResponseEntity<Map<String, Object>> patch(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller, @PathVariable String id,
            @RequestBody JsonNode body, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Map<String, Object> user = users.patch(caller, id, body, ifMatch, base());
        return ok(user, version(user));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller, @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        users.delete(caller, id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/scim/v2").toUriString();
    }

    static ResponseEntity<Map<String, Object>> ok(Map<String, Object> body, String etag) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.ok().contentType(ScimErrors.SCIM_JSON);
        if (etag != null) {
            builder.eTag(etag);
        }
        return builder.body(body);
    }

    @SuppressWarnings("unchecked")
    static String version(Map<String, Object> resource) {
        Object meta = resource.get("meta");
        return meta instanceof Map<?, ?> m ? (String) ((Map<String, Object>) m).get("version") : null;
    }
}
