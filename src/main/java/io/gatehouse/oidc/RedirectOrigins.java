package io.gatehouse.oidc;

import io.gatehouse.security.SignOnOrigins;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The origins of every registered redirect address, read when a page needs them (there are few clients). */
@Component
class RedirectOrigins implements SignOnOrigins {

    private final JdbcClient jdbc;

    RedirectOrigins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> origins() {
        Set<String> origins = new TreeSet<>();
        for (String list : jdbc.sql("select redirect_uris from oauth2_registered_client where redirect_uris is not null")
                .query(String.class).list()) {
            for (String uri : list.split(",")) {
                try {
                    URI parsed = URI.create(uri.strip());
                    if (parsed.getScheme() != null && parsed.getHost() != null) {
                        origins.add(parsed.getScheme().toLowerCase(Locale.ROOT) + "://" + parsed.getRawAuthority());
                    }
                } catch (IllegalArgumentException notAnAddress) {
                    // Registered addresses were checked when saved; an odd one is left out rather than widening the policy.
                }
            }
        }
        return origins;
    }
}
