package io.gatehouse.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReleaseVersionTest {

    @Test
    void versionsSortAsPeopleReadThemNotAsStrings() {
        List<String> sorted = Stream.of("10.0", "9.2", "2.0", "2.0-beta.10", "2.0-beta.2", "2.0-alpha", "1.9.9", "2.0.0.1", "2.0-rc.1")
                .map(ReleaseVersion::of).sorted().map(ReleaseVersion::text).toList();

        assertThat(sorted).containsExactly("1.9.9", "2.0-alpha", "2.0-beta.2", "2.0-beta.10", "2.0-rc.1", "2.0", "2.0.0.1", "9.2", "10.0");
    }

    @Test
    void missingPartsCountAsZeroAndBuildMetadataIsIgnored() {
        assertThat(ReleaseVersion.of("5.2").compareTo(ReleaseVersion.of("5.2.0"))).isZero();
        assertThat(ReleaseVersion.of("5.2.0+build.7").compareTo(ReleaseVersion.of("5.2"))).isZero();
        assertThat(ReleaseVersion.of("2025").compareTo(ReleaseVersion.of("2024.12"))).isPositive();
    }

    @Test
    void aPreReleaseIsToldApart() {
        assertThat(ReleaseVersion.of("3.0-beta.1").isPreRelease()).isTrue();
        assertThat(ReleaseVersion.of("3.0+nightly").isPreRelease()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1.0", "1..2", "01.2", "1.2.3.4.5", "1.0-", "1.0-beta..1", "1.0 beta", "1234567890.0",
            "1.0-abcdefghijklmnopqrstuvwxyz0123456"})
    void anythingElseIsNotAVersion(String text) {
        assertThat(ReleaseVersion.isValid(text)).isFalse();
        assertThatThrownBy(() -> ReleaseVersion.of(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
