package io.gatehouse.licence;

import io.gatehouse.security.Sealing;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals what must be read again later (licence keys, the private signing key) with AES-GCM. The
 * sealing key comes from {@code gatehouse.licences.secret} when it is set, so a copy of the
 * database alone reveals nothing; otherwise from a random key kept in the database, shared by every
 * node, which protects only against reading the licence rows on their own.
 */
@Component
class LicenceVault {

    private final Sealing.Key key;

    LicenceVault(Sealing sealing, @Value("${gatehouse.licences.secret:}") String configured) {
        this.key = sealing.key("licence-vault", configured);
    }

    String seal(String plain) {
        return key.seal(plain);
    }

    /** Empty when it was sealed under another key (the secret setting changed). */
    Optional<String> open(String sealed) {
        return key.open(sealed);
    }

    static byte[] sha256(String text) {
        return Sealing.sha256(text);
    }
}
