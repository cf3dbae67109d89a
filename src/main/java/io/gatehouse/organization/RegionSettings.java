package io.gatehouse.organization;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The regions a vendor serves; each organization lives in one. */
@ConfigurationProperties("gatehouse.organization")
record RegionSettings(List<String> regions) {

    RegionSettings {
        regions = regions == null || regions.isEmpty() ? List.of("EU", "AU", "ZA", "US") : List.copyOf(regions);
    }
}
