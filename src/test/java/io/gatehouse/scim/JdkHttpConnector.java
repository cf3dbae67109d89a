package io.gatehouse.scim;

import jakarta.ws.rs.ProcessingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientRequest;
import org.glassfish.jersey.client.ClientResponse;
import org.glassfish.jersey.client.spi.AsyncConnectorCallback;
import org.glassfish.jersey.client.spi.Connector;
import org.glassfish.jersey.message.internal.Statuses;

/**
 * A Jersey connector over the JDK's HttpClient: Jersey's default one (HttpURLConnection) cannot send
 * PATCH, which SCIM needs.
 */
final class JdkHttpConnector implements Connector {

    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static ClientConfig config() {
        return new ClientConfig().connectorProvider((client, configuration) -> new JdkHttpConnector());
    }

    @Override
    public ClientResponse apply(ClientRequest request) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (request.hasEntity()) {
                request.setStreamProvider(length -> body);
                request.writeEntity();
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri()).timeout(Duration.ofSeconds(60))
                    .method(request.getMethod(), request.hasEntity()
                            ? HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()) : HttpRequest.BodyPublishers.noBody());
            request.getStringHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> builder.header(name, value));
                }
            });
            HttpResponse<byte[]> answer = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            ClientResponse response = new ClientResponse(Statuses.from(answer.statusCode()), request);
            answer.headers().map().forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
            response.setEntityStream(new ByteArrayInputStream(answer.body()));
            return response;
        } catch (IOException e) {
            throw new ProcessingException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingException(e);
        }
    }

    @Override
    public Future<?> apply(ClientRequest request, AsyncConnectorCallback callback) {
        try {
            ClientResponse response = apply(request);
            callback.response(response);
            return CompletableFuture.completedFuture(response);
        } catch (ProcessingException e) {
            callback.failure(e);
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String getName() {
        return "JDK HttpClient";
    }

    @Override
    public void close() {
    }
}
