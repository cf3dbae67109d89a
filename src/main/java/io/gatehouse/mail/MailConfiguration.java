package io.gatehouse.mail;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The dispatcher looks for due mail on a schedule besides being woken after each commit that queued some. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(MailSettings.class)
class MailConfiguration {
}
