package io.gatehouse.web;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * GATEHOUSE_LOG_FORMAT=json writes the console log as JSON (Elastic Common Schema), one object a line,
 * with the request's id, actor and organization; {@code logstash} or {@code gelf} choose those layouts
 * instead. Unset or {@code text}: plain lines. Spring Boot's own
 * {@code logging.structured.format.console}, when set, is left as it is.
 */
class LogFormat implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "gatehouse.log-format";
    private static final String STRUCTURED = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(PROPERTY, "text").strip().toLowerCase(Locale.ROOT);
        String structured = switch (format) {
            case "json", "ecs" -> "ecs";
            case "logstash", "gelf" -> format;
            default -> null;
        };
        if (structured != null && !environment.containsProperty(STRUCTURED)) {
            environment.getPropertySources().addLast(new MapPropertySource("gatehouseLogFormat", Map.of(STRUCTURED, structured)));
        }
    }

    /** After the configuration files are read, before the logging system starts. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
