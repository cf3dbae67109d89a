package io.gatehouse.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/** The variable the README names for the licence secret is the one the application reads. */
class LicenceSecretSettingTest {

    @Test
    void gatehouseLicenceSecretSetsTheSecretThatSealsLicenceKeys() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("os", Map.of("GATEHOUSE_LICENCE_SECRET", "from-the-environment")));
        environment.getPropertySources().addLast(new ResourcePropertySource(new ClassPathResource("application.properties")));

        assertThat(environment.getProperty("gatehouse.licences.secret")).isEqualTo("from-the-environment");
    }
}
