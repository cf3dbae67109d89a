package io.gatehouse.security.passkey;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where passkeys belong: the relying party id (a host name: a passkey works on that host and its
 * subdomains only) and the origins a browser may use them from. Unset, both follow the portal's
 * public address ({@code gatehouse.public-url}).
 */
@ConfigurationProperties("gatehouse.passkeys")
public record PasskeySettings(String rpId, List<String> allowedOrigins) {

    public PasskeySettings {
        rpId = rpId == null || rpId.isBlank() ? null : rpId.strip().toLowerCase(Locale.ROOT);
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().filter(o -> o != null && !o.isBlank()).map(PasskeySettings::origin).toList();
        if (rpId != null && (rpId.contains("/") || rpId.contains(":"))) {
            throw new IllegalArgumentException("gatehouse.passkeys.rp-id is a host name, e.g. portal.example.com, not " + rpId);
        }
    }

    /** The relying party id: the one set, else the public address's host. */
    public String rpId(String publicUrl) {
        return rpId != null ? rpId : URI.create(publicUrl.strip()).getHost().toLowerCase(Locale.ROOT);
    }

    /** The origins set, else the public address's origin. */
    public Set<String> origins(String publicUrl) {
        return new LinkedHashSet<>(allowedOrigins.isEmpty() ? List.of(origin(publicUrl)) : allowedOrigins);
    }

    /** scheme://host[:port], as a browser writes an origin: no path, no trailing slash, the default port left out. */
    static String origin(String url) {
        URI uri = URI.create(url.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + url);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
