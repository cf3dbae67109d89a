package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies = new TrustedProxies(List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", " 192.0.2.7 "));

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            "203.0.113.9 | 1.2.3.4                        | 203.0.113.9",
            "127.0.0.1   |                                | 127.0.0.1",
            "127.0.0.1   | 203.0.113.9                    | 203.0.113.9",
            "127.0.0.1   | 1.2.3.4, 203.0.113.9           | 203.0.113.9",
            "127.0.0.1   | 1.2.3.4, 203.0.113.9, 10.0.0.3 | 203.0.113.9",
            "10.9.9.9    | 10.0.0.1, 192.0.2.7            | 10.0.0.1",
            "192.0.2.7   | evil.example, 198.51.100.1     | 198.51.100.1",
            "127.0.0.1   | 198.51.100.1, evil.example     | evil.example",
            "0:0:0:0:0:0:0:1 | 2001:db8::1                | 2001:db8::1",
            "192.0.2.8   | 1.2.3.4                        | 192.0.2.8"})
    void theClientIsTheRightMostAddressThatIsNoTrustedProxy(String peer, String forwardedFor, String client) {
        var headers = forwardedFor == null ? Collections.<String>emptyEnumeration() : Collections.enumeration(List.of(forwardedFor));

        assertThat(proxies.client(peer, headers)).isEqualTo(client);
    }

    @Test
    void severalHeadersReadAsOneListInOrder() {
        assertThat(proxies.client("127.0.0.1", Collections.enumeration(List.of("1.2.3.4", "203.0.113.9, 10.0.0.1"))))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void aHostNameIsNeverTrustedNorLookedUp() {
        assertThat(proxies.trusts("localhost")).isFalse();
        assertThat(proxies.trusts("")).isFalse();
        assertThat(proxies.trusts(null)).isFalse();
    }

    @Test
    void givesTomcatTheNetworksWithTheirMasks() {
        assertThat(proxies.asCidrList()).isEqualTo("127.0.0.0/8,::1/128,10.0.0.0/8,192.0.2.7/32");
    }

    @Test
    void refusesToStartWithSomethingThatIsNoNetwork() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/99"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gatehouse.trusted-proxies");
    }

    @Test
    void trustsLoopbackOnlyByDefault() {
        assertThat(new TrustedProxies.Settings(null).trustedProxies()).containsExactly("127.0.0.0/8", "::1/128");
    }
}
