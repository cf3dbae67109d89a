package io.gatehouse.cluster;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterSettings.class)
class ClusterConfiguration {

    @Bean
    SignalWatcher signalWatcher(SignalStore store, ClusterSettings settings, Environment environment, ApplicationEventPublisher events) {
        // The pool's own database and credentials, for a session outside the pool.
        var target = new SignalWatcher.ListenTarget(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
        return new SignalWatcher(store, settings.listen(), settings.pollInterval(), target, events);
    }
}
