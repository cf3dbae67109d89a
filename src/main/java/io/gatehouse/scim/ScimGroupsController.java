package io.gatehouse.scim;

import io.gatehouse.scim.ScimSecurity.ScimCaller;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * /scim/v2/Groups: the catalogue's rights and the roles, as groups. They come from the catalogue, so
 * a directory cannot create or delete one; it changes who is in them.
 */
@Hidden
@RestController
@RequestMapping(path = "/scim/v2/Groups", produces = {"application/scim+json", "application/json"})
class ScimGroupsController extends ScimEndpoint {

    private final ScimGroups groups;

    ScimGroupsController(ScimGroups groups, ScimErrors errors) {
        super(errors);
        this.groups = groups;
    }

    @GetMapping
    ResponseEntity<Map<String, Object>> list(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller,
            @RequestParam(required = false) String filter, @RequestParam(required = false) Integer startIndex,
            @RequestParam(required = false) Integer count, @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes) {
        boolean withMembers = !Projection.leavesOut("members", attributes, excludedAttributes);
        Map<String, Object> list = groups.list(caller, filter, startIndex, count, withMembers, ScimUsersController.base());
        return ScimUsersController.ok(Projection.applyToList(list, attributes, excludedAttributes), null);
    }

    @GetMapping("/{id}")
    ResponseEntity<Map<String, Object>> get(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller, @PathVariable String id,
            @RequestParam(required = false) String attributes, @RequestParam(required = false) String excludedAttributes) {
        boolean withMembers = !Projection.leavesOut("members", attributes, excludedAttributes);
        Map<String, Object> group = groups.get(caller, id, withMembers, ScimUsersController.base());
        String etag = ScimUsersController.version(group);
        return ScimUsersController.ok(Projection.apply(group, attributes, excludedAttributes), etag);
    }

    @PatchMapping(path = "/{id}", consumes = {"application/scim+json", "application/json"})
    ResponseEntity<Map<String, Object>> patch(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller, @PathVariable String id,
            @RequestBody JsonNode body, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Map<String, Object> group = groups.patch(caller, id, body, ifMatch, ScimUsersController.base());
        return ScimUsersController.ok(group, ScimUsersController.version(group));
    }

    @PutMapping(path = "/{id}", consumes = {"application/scim+json", "application/json"})
    ResponseEntity<Map<String, Object>> replace(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller, @PathVariable String id,
            @RequestBody JsonNode body, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Map<String, Object> group = groups.replace(caller, id, body, ifMatch, ScimUsersController.base());
        return ScimUsersController.ok(group, ScimUsersController.version(group));
    }

    /** Groups are the catalogue's rights and the roles: a directory does not make or remove them. */
    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller) {
        throw new ScimException(403, null, "scim.error.groupsFixed");
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Map<String, Object>> delete(@RequestAttribute(ScimSecurity.CALLER) ScimCaller caller, @PathVariable String id) {
        throw new ScimException(403, null, "scim.error.groupsFixed");
    }
}
