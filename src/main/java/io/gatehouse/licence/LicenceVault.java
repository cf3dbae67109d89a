package io.gatehouse.licence;

import io.gatehouse.shared.Vault;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Licence keys and the licence signing key are sealed by the server's {@link Vault}. */
@Component
class LicenceVault {

    private final Vault vault;

    LicenceVault(Vault vault) {
        this.vault = vault;
    }

    String seal(String plain) {
        return vault.seal(plain);
    }

    /** Empty when it was sealed under another key (the secret setting changed). */
    Optional<String> open(String sealed) {
        return vault.open(sealed);
    }

    static byte[] sha256(String text) {
        return Vault.sha256(text);
    }
}
