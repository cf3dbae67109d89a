package io.gatehouse.licence;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public key that verifies licence files, for the vendor's software to build in or fetch. */
@RestController
class LicenceKeyController {

    private final LicenceSigningKey key;

    LicenceKeyController(LicenceSigningKey key) {
        this.key = key;
    }

    @GetMapping(path = "/.well-known/gatehouse-licence-key", produces = {"application/jwk+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<Map<String, Object>> publicKey() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic()).body(key.jwk());
    }
}
