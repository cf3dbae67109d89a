package io.gatehouse.shared;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * RFC 9457 problem details, titled and explained in the caller's language. The "type" URIs name
 * the kind of problem; "errors" lists each offending field with its own message; "requestId" is the
 * request's id (also in the X-Request-Id header).
 */
@Component
public class Problems {

    private static final Pattern NAMED = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");
    private static final List<String> ORDER = List.of("min", "max", "value");

    private static final String TYPE_BASE = "https://gatehouse.io/problems/";

    private final MessageSource messages;

    Problems(MessageSource messages) {
        this.messages = messages;
    }

    public ProblemDetail problem(HttpStatus status, String type, String detailCode, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(message("problem." + type + ".title", new Object[0], locale, status.getReasonPhrase()));
        problem.setDetail(message(detailCode, arguments, locale, detailCode));
        // What the caller quotes to support, to find this request in the logs.
        RequestIds.current().ifPresent(id -> problem.setProperty("requestId", id));
        return problem;
    }

    public ProblemDetail invalid(List<InvalidInputException.FieldError> errors) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "problem.invalid-input.detail");
        problem.setProperty("errors", errors.stream()
                .map(e -> Map.of("field", e.field(), "message",
                        message(e.messageCode(), e.arguments().toArray(), locale, e.messageCode())))
                .toList());
        return problem;
    }

    /**
     * The message in {@code locale}. Bean Validation's messages name their values ({@code {min}},
     * {@code {max}}); given as arguments they fill those names in the order min, max, then as they
     * appear, instead of failing as an unparseable pattern.
     */
    public String message(String code, Object[] arguments, Locale locale, String fallback) {
        if (arguments == null || arguments.length == 0) {
            return messages.getMessage(code, null, fallback, locale);
        }
        String pattern = messages.getMessage(code, null, null, locale);
        if (pattern != null && NAMED.matcher(pattern).find()) {
            return named(pattern, arguments);
        }
        try {
            return messages.getMessage(code, arguments, fallback, locale);
        } catch (IllegalArgumentException unformattable) {
            return pattern == null ? fallback : pattern;
        }
    }

    private static String named(String pattern, Object[] arguments) {
        List<String> names = new ArrayList<>();
        Matcher matcher = NAMED.matcher(pattern);
        while (matcher.find()) {
            if (!names.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        names.sort(Comparator.comparingInt(name -> ORDER.contains(name) ? ORDER.indexOf(name) : ORDER.size()));
        String text = pattern;
        for (int i = 0; i < names.size() && i < arguments.length; i++) {
            text = text.replace("{" + names.get(i) + "}", String.valueOf(arguments[i]));
        }
        return text;
    }
}
