package io.gatehouse.shared;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * RFC 9457 problem details, titled and explained in the caller's language. The "type" URIs name
 * the kind of problem; "errors" lists each offending field with its own message.
 */
@Component
public class Problems {

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

    public String message(String code, Object[] arguments, Locale locale, String fallback) {
        return messages.getMessage(code, arguments, fallback, locale);
    }
}
