package io.gatehouse.oidc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * issuer: the address applications know Gatehouse by (e.g. https://portal.example.com); when
 * empty, each request's own address is the issuer, which suits one address behind a proxy that
 * forwards its host. keyRotation: how often a new signing key is made. refreshTokenLifetime:
 * how long an application may keep a person signed in without them signing in again.
 */
@ConfigurationProperties("gatehouse.oidc")
record OidcSettings(String issuer, Duration keyRotation, Duration refreshTokenLifetime) {

    OidcSettings {
        issuer = issuer == null || issuer.isBlank() ? null : issuer.strip().replaceAll("/+$", "");
        keyRotation = keyRotation == null ? Duration.ofDays(30) : keyRotation;
        refreshTokenLifetime = refreshTokenLifetime == null ? Duration.ofHours(8) : refreshTokenLifetime;
    }
}
