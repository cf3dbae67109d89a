package io.gatehouse.shared;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Applies {@link InputLimits} at the edge: to every string of a JSON body, and to every value of a
 * form or query string before a controller sees it. A list in a JSON body may not hold null.
 */
@Configuration(proxyBeanMethods = false)
class InputConfiguration implements WebMvcConfigurer {

    @Bean
    JsonMapperBuilderCustomizer checkedText() {
        return builder -> {
            builder.addModule(new SimpleModule("gatehouse-text").addDeserializer(String.class, new CheckedString()));
            for (Class<?> type : List.of(List.class, Set.class, Collection.class)) {
                builder.withConfigOverride(type, o -> o.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)));
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new CheckedParameters());
    }

    /** A JSON string, refused with its field when it holds a control character or half a surrogate pair. */
    static final class CheckedString extends StdScalarDeserializer<String> {

        CheckedString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && InputLimits.refused(value, false)) {
                InputLimits.requireText(field(parser.streamReadContext().pathAsPointer().toString()), value);
            }
            return value;
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return "";
        }

        /** "/choices/0/note" as "choices[0].note", the way the errors of a problem name a field. */
        static String field(String pointer) {
            StringBuilder field = new StringBuilder();
            for (String part : pointer.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                if (part.chars().allMatch(Character::isDigit)) {
                    field.append('[').append(part).append(']');
                } else {
                    field.append(field.isEmpty() ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
                }
            }
            return field.isEmpty() ? "body" : field.toString();
        }
    }

    /** Form fields and query parameters, checked before any controller reads them. */
    static final class CheckedParameters implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                String name = parameter.getKey();
                if (InputLimits.refused(name, false)) {
                    throw InvalidInputException.of("parameter", InputLimits.TEXT_MESSAGE);
                }
                for (String value : parameter.getValue()) {
                    InputLimits.requireText(name, value);
                }
            }
            return true;
        }
    }
}
