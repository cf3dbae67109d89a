package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {

    private final Addresses addresses = new Addresses();

    @Test
    void anAddressBreaksBeforeEachAtSignAndDotOnly() {
        assertThat(addresses.parts("marie.martin@boulangerie-dupont.fr"))
                .containsExactly("marie", ".martin", "@boulangerie-dupont", ".fr");
        assertThat(String.join("", addresses.parts(".odd..address@@x."))).isEqualTo(".odd..address@@x.");
        assertThat(addresses.parts("plain")).containsExactly("plain");
        assertThat(addresses.parts("")).isEmpty();
        assertThat(addresses.parts(null)).isEmpty();
    }

    @Test
    void theHtmlOfAnAddressEscapesEachPartAndBreaksOnlyBetweenThem() {
        assertThat(Addresses.html("marie.martin@boulangerie-dupont.fr"))
                .isEqualTo("marie<wbr>.martin<wbr>@boulangerie-dupont<wbr>.fr");
        assertThat(Addresses.html("<b>x</b>&co@evil.test"))
                .isEqualTo("&lt;b&gt;x&lt;/b&gt;&amp;co<wbr>@evil<wbr>.test");
        assertThat(Addresses.html("")).isEmpty();
        assertThat(Addresses.html(null)).isEmpty();
    }
}
