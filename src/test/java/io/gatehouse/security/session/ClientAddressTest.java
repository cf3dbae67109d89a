package io.gatehouse.security.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0:0:0:0:0:0:0:1 | ::1
            2001:db8:0:0:0:0:2:1 | 2001:db8::2:1
            2001:0db8:0000:0000:0001:0000:0000:0001 | 2001:db8::1:0:0:1
            2001:db8:0:1:1:1:1:1 | 2001:db8:0:1:1:1:1:1
            0:0:0:0:0:0:0:0 | ::
            fe80:0:0:0:0:0:0:0 | fe80::
            ' 203.0.113.5 ' | 203.0.113.5
            """)
    void anAddressIsKeptInItsShortForm(String raw, String kept) {
        assertThat(ClientAddress.of(raw)).isEqualTo(kept);
    }
}
