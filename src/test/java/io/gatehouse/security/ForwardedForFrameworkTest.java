package io.gatehouse.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * With {@code server.forward-headers-strategy=framework}, X-Forwarded-For counts only when a
 * configured proxy sent it, and then its right-most address that is not a proxy: whatever the
 * client writes to its left never changes the address its failures are counted against.
 */
@IntegrationTest
@TestPropertySource(properties = {"server.forward-headers-strategy=framework", "gatehouse.trusted-proxies=10.0.0.0/8",
        "gatehouse.sign-in.max-failures-per-address=5", "gatehouse.sign-in.max-failures-per-account=50"})
class ForwardedForFrameworkTest {

    private static final String WRONG = "Definitely-Not-It-404";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Test
    void rotatingTheLeftMostForwardedAddressBehindATrustedProxyDoesNotDodgeTheAddressLimit() throws Exception {
        TestMember person = data.user(data.organizationId());
        for (int attempt = 1; attempt <= 5; attempt++) {
            // What an appending proxy forwards when the client sent its own X-Forwarded-For.
            mvc.perform(guess().with(peer("10.0.0.7")).header("X-Forwarded-For", "198.18.0." + attempt + ", 203.0.113.80"))
                    .andExpect(status().isUnauthorized());
        }

        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(peer("10.0.0.7"))
                        .header("X-Forwarded-For", "198.18.0.99, 203.0.113.80"))
                .andExpect(status().isTooManyRequests());
        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(peer("10.0.0.7"))
                        .header("X-Forwarded-For", "203.0.113.81"))
                .andExpect(status().isOk());
    }

    @Test
    void throughTwoTrustedProxiesTheClientIsTheFirstAddressFromTheRightThatIsNoProxy() throws Exception {
        TestMember person = data.user(data.organizationId());
        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(guess().with(peer("10.0.0.8")).header("X-Forwarded-For", "198.18.1." + attempt + ", 203.0.113.82, 10.1.1.1"))
                    .andExpect(status().isUnauthorized());
        }

        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(peer("10.0.0.8"))
                        .header("X-Forwarded-For", "203.0.113.82, 10.1.1.1"))
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void forwardedHeadersFromASenderThatIsNoTrustedProxyAreIgnored() throws Exception {
        TestMember person = data.user(data.organizationId());
        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(guess().with(peer("198.51.100.90")).header("X-Forwarded-For", "203.0.113." + (100 + attempt))
                            .header("Forwarded", "for=203.0.114." + attempt))
                    .andExpect(status().isUnauthorized());
        }

        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(peer("198.51.100.90"))
                        .header("X-Forwarded-For", "203.0.113.200"))
                .andExpect(status().isTooManyRequests());
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder guess() {
        return get("/api/v1/me").with(httpBasic(TestData.unique("guess") + "@example.test", WRONG));
    }

    private static RequestPostProcessor peer(String remoteAddress) {
        return request -> {
            request.setRemoteAddr(remoteAddress);
            return request;
        };
    }
}
