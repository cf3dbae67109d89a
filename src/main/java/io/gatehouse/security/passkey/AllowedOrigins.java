package io.gatehouse.security.passkey;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The origins a passkey ceremony may come from, read by the relying party at every ceremony. A
 * portal whose relying party is {@code localhost} also accepts the port it actually listens on: a
 * browser treats any localhost port as a secure origin, and a portal started on another port than
 * its public address says would otherwise refuse every passkey. Node-local by nature: it holds the
 * configuration and the port this node listens on.
 */
final class AllowedOrigins extends AbstractSet<String> implements ApplicationListener<WebServerInitializedEvent> {

    private final Set<String> origins = new CopyOnWriteArraySet<>();
    private final String rpId;

    AllowedOrigins(String rpId, Set<String> configured) {
        this.rpId = rpId;
        this.origins.addAll(configured);
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        if ("localhost".equals(rpId) && port > 0) {
            origins.add("http://localhost:" + port);
        }
    }

    @Override
    public Iterator<String> iterator() {
        return origins.iterator();
    }

    @Override
    public int size() {
        return origins.size();
    }
}
