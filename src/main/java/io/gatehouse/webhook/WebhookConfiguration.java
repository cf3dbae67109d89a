package io.gatehouse.webhook;

import java.net.http.HttpClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(WebhookSettings.class)
class WebhookConfiguration {

    /** One client for every delivery: receivers are the vendor's applications, never followed elsewhere by a redirect. */
    @Bean
    HttpClient webhookHttpClient(WebhookSettings settings) {
        return HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
