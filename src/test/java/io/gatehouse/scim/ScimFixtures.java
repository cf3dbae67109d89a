package io.gatehouse.scim;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.test.context.TestComponent;

/** SCIM tokens made through the service, and plain HTTP calls to /scim/v2 as a directory makes them. */
@TestComponent
class ScimFixtures {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final ScimTokens tokens;
    private final TestData data;

    ScimFixtures(ScimTokens tokens, TestData data) {
        this.tokens = tokens;
        this.data = data;
    }

    /** A token created by that organization's Manager. */
    String token(TestMember manager) {
        return tokens.issue(data.actor(manager.userId()), manager.organizationId(), "Directory").token();
    }

    String token(OrganizationId organization) {
        return token(data.manager(organization));
    }

    record Answer(int status, String body, String contentType, String etag) {
    }

    static Answer call(int port, String token, String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/scim/v2" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/scim+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/scim+json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("ETag").orElse(null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
