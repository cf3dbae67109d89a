package io.gatehouse.scim;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a directory reads first: the features, resource types and schemas (RFC 7644 §4). */
@Hidden
@RestController
@RequestMapping(path = "/scim/v2", produces = {"application/scim+json", "application/json"})
class ScimDiscoveryController extends ScimEndpoint {

    ScimDiscoveryController(ScimErrors errors) {
        super(errors);
    }

    @GetMapping("/ServiceProviderConfig")
    ResponseEntity<Map<String, Object>> serviceProviderConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"));
        config.put("patch", Map.of("supported", true));
        config.put("bulk", Map.of("supported", false, "maxOperations", 0, "maxPayloadSize", 0));
        config.put("filter", Map.of("supported", true, "maxResults", ScimUsers.MAX_COUNT));
        config.put("changePassword", Map.of("supported", false));
        config.put("sort", Map.of("supported", true));
        config.put("etag", Map.of("supported", true));
        config.put("authenticationSchemes", List.of(
                Map.of("type", "oauthbearertoken", "name", "SCIM token", "primary", true,
                        "description", "The organization's SCIM token as \"Authorization: Bearer …\""),
                Map.of("type", "httpbasic", "name", "HTTP Basic", "primary", false,
                        "description", "The organization's SCIM token as the password, any user name")));
        config.put("meta", Map.of("resourceType", "ServiceProviderConfig",
                "location", ScimUsersController.base() + "/ServiceProviderConfig"));
        return ScimUsersController.ok(config, null);
    }

    @GetMapping("/ResourceTypes")
    ResponseEntity<Map<String, Object>> resourceTypes() {
        return ScimUsersController.ok(ScimUserResource.list(List.of(userType(), groupType()), 2, 1), null);
    }

    @GetMapping("/ResourceTypes/{name}")
    ResponseEntity<Map<String, Object>> resourceType(@PathVariable String name) {
        if (name.equalsIgnoreCase("User")) {
            return ScimUsersController.ok(userType(), null);
        }
        if (name.equalsIgnoreCase("Group")) {
            return ScimUsersController.ok(groupType(), null);
        }
        throw ScimException.notFound("ResourceType");
    }

    @GetMapping("/Schemas")
    ResponseEntity<Map<String, Object>> schemas() {
        List<Map<String, Object>> all = ScimSchemas.all(ScimUsersController.base());
        return ScimUsersController.ok(ScimUserResource.list(all, all.size(), 1), null);
    }

    @GetMapping("/Schemas/{id}")
    ResponseEntity<Map<String, Object>> schema(@PathVariable String id) {
        return ScimSchemas.all(ScimUsersController.base()).stream()
                .filter(s -> ((String) s.get("id")).equalsIgnoreCase(id))
                .findFirst()
                .map(s -> ScimUsersController.ok(s, null))
                .orElseThrow(() -> ScimException.notFound("Schema"));
    }

    private static Map<String, Object> userType() {
        Map<String, Object> type = resourceType("User", "/Users", ScimUserResource.SCHEMA);
        type.put("schemaExtensions", List.of(Map.of("schema", ScimUserResource.ENTERPRISE, "required", false)));
        return type;
    }

    private static Map<String, Object> groupType() {
        return resourceType("Group", "/Groups", ScimGroupResource.SCHEMA);
    }

    private static Map<String, Object> resourceType(String name, String endpoint, String schema) {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:ResourceType"));
        type.put("id", name);
        type.put("name", name);
        type.put("endpoint", endpoint);
        type.put("schema", schema);
        type.put("meta", Map.of("resourceType", "ResourceType", "location", ScimUsersController.base() + "/ResourceTypes/" + name));
        return type;
    }
}
