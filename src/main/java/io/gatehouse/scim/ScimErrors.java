package io.gatehouse.scim;

import io.gatehouse.shared.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** SCIM's error body (RFC 7644 §3.12), its detail in the caller's language. */
@Component
class ScimErrors {

    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final MediaType SCIM_JSON = MediaType.parseMediaType("application/scim+json");

    private final Problems problems;

    ScimErrors(Problems problems) {
        this.problems = problems;
    }

    Map<String, Object> body(int status, String scimType, String messageCode, List<Object> arguments, Locale locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(ERROR_SCHEMA));
        body.put("status", String.valueOf(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", problems.message(messageCode, arguments.toArray(), locale, messageCode));
        return body;
    }

    ResponseEntity<Map<String, Object>> response(ScimException e, Locale locale) {
        return ResponseEntity.status(e.status()).contentType(SCIM_JSON)
                .body(body(e.status(), e.scimType(), e.messageCode(), e.arguments(), locale));
    }
}
