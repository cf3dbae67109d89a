package io.gatehouse.oidc;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The registered clients, read from the database once per request: a token request otherwise reads
 * the same client three to five times (to authenticate it, with each authorization read, for the
 * token). Nothing outlives the request, so a rotated secret or a removed client counts at once on
 * every node.
 */
class RequestScopedClients implements RegisteredClientRepository {

    private static final String READ = RequestScopedClients.class.getName() + ".read";

    private final RegisteredClientRepository database;

    RequestScopedClients(RegisteredClientRepository database) {
        this.database = database;
    }

    @Override
    public void save(RegisteredClient client) {
        database.save(client);
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(READ, RequestAttributes.SCOPE_REQUEST);
        }
    }

    @Override
    public RegisteredClient findById(String id) {
        return read("id:" + id, () -> database.findById(id));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return read("client:" + clientId, () -> database.findByClientId(clientId));
    }

    private RegisteredClient read(String key, Supplier<RegisteredClient> fromDatabase) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return fromDatabase.get();
        }
        @SuppressWarnings("unchecked")
        Map<String, RegisteredClient> read = (Map<String, RegisteredClient>) request.getAttribute(READ, RequestAttributes.SCOPE_REQUEST);
        if (read == null) {
            read = new HashMap<>();
            request.setAttribute(READ, read, RequestAttributes.SCOPE_REQUEST);
        }
        if (read.containsKey(key)) {
            return read.get(key);
        }
        RegisteredClient client = fromDatabase.get();
        read.put(key, client);
        if (client != null) {
            read.put("id:" + client.getId(), client);
            read.put("client:" + client.getClientId(), client);
        }
        return client;
    }
}
