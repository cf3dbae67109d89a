package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code server.forward-headers-strategy=native} Tomcat reads X-Forwarded-For, trusting the
 * configured proxies only (loopback by default, from where these requests come): the client is the
 * right-most address that is not a proxy, whatever was written to its left.
 */
@IntegrationTest
@TestPropertySource(properties = {"server.forward-headers-strategy=native",
        "gatehouse.sign-in.max-failures-per-address=5", "gatehouse.sign-in.max-failures-per-account=50"})
class ForwardedForNativeTest {

    private static final String WRONG = "Definitely-Not-It-404";

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rotatingTheLeftMostForwardedAddressThroughTheProxyDoesNotDodgeTheAddressLimit() throws Exception {
        TestMember person = data.user(data.organizationId());
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(me(TestData.unique("guess") + "@example.test", WRONG, "198.18.2." + attempt + ", 203.0.113.90"))
                    .isEqualTo(401);
        }

        assertThat(me(person.email(), person.password(), "198.18.2.99, 203.0.113.90")).isEqualTo(429);
        assertThat(me(person.email(), person.password(), "198.18.2.98")).as("another client behind the proxy").isEqualTo(200);
    }

    @Test
    void aPrivateAddressThatIsNoConfiguredProxyIsTheClient() throws Exception {
        TestMember person = data.user(data.organizationId());
        // Tomcat alone would take every private network for a proxy of its own and look past it.
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(me(TestData.unique("guess") + "@example.test", WRONG, "198.18.3." + attempt + ", 10.20.30.40")).isEqualTo(401);
        }

        assertThat(me(person.email(), person.password(), "198.18.3.99, 10.20.30.40")).isEqualTo(429);
    }

    private int me(String email, String password, String forwardedFor) throws Exception {
        String basic = Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .header("Authorization", "Basic " + basic).header("X-Forwarded-For", forwardedFor).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
