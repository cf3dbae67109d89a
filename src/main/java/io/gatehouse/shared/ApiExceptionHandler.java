package io.gatehouse.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidNullException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every API error as problem+json, in the caller's language, and never a stack trace. */
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final Problems problems;

    ApiExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ProblemDetail notFound(NotFoundException e) {
        return problems.problem(HttpStatus.NOT_FOUND, "not-found", "problem.not-found." + e.kind());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ProblemDetail noResource(NoResourceFoundException e) {
        return problems.problem(HttpStatus.NOT_FOUND, "not-found", "problem.not-found.resource");
    }

    @ExceptionHandler(ForbiddenException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    ProblemDetail forbidden(ForbiddenException e) {
        ProblemDetail problem = problems.problem(HttpStatus.FORBIDDEN, "forbidden", e.reasonCode());
        problem.setProperty("reason", e.reasonCode());
        return problem;
    }

    @ExceptionHandler(ConflictException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = problems.problem(HttpStatus.CONFLICT, "conflict", e.messageCode(), e.arguments().toArray());
        problem.setProperty("field", e.field());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(TooManyRequestsException.class)
    org.springframework.http.ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e) {
        ProblemDetail problem = problems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", e.messageCode(),
                e.arguments().toArray());
        return org.springframework.http.ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(problem);
    }

    @ExceptionHandler(InvalidInputException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail invalid(InvalidInputException e) {
        return problems.invalid(e.errors());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        Locale locale = LocaleContextHolder.getLocale();
        e.getBindingResult().getFieldErrors().forEach(error -> errors.add(new InvalidInputException.FieldError(
                error.getField(), error.getDefaultMessage() == null ? "validation.invalid" : error.getDefaultMessage())));
        return problems.invalid(errors);
    }

    /**
     * A body that is not the JSON expected. Text refused by {@link InputLimits}, a null in a list or
     * a value of the wrong type names its field; anything else is "unreadable".
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInputException invalid) {
                return problems.invalid(invalid.errors());
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
                String code = cause instanceof InvalidNullException ? "validation.required" : "validation.invalid";
                return problems.invalid(List.of(new InvalidInputException.FieldError(field(json.getPath()), code)));
            }
        }
        return problems.problem(HttpStatus.BAD_REQUEST, "invalid-input", "problem.unreadable");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problems.invalid(List.of(new InvalidInputException.FieldError(e.getName(), "validation.invalid")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        return problems.invalid(List.of(new InvalidInputException.FieldError(e.getParameterName(), "validation.required")));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail invalidParameters(HandlerMethodValidationException e) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> errors.add(
                new InvalidInputException.FieldError(result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage() == null ? "validation.invalid" : error.getDefaultMessage()))));
        return problems.invalid(errors);
    }

    private static String field(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    @ResponseStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "problem.unsupported-media-type.detail");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    @ResponseStatus(HttpStatus.METHOD_NOT_ALLOWED)
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return problems.problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "problem.method-not-allowed.detail");
    }

    @ExceptionHandler(AuthenticationCredentialsNotFoundException.class)
    @ResponseStatus(HttpStatus.UNAUTHORIZED)
    ProblemDetail unauthenticated(AuthenticationCredentialsNotFoundException e) {
        return problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "problem.unauthorized.detail");
    }

    /** Two changes raced for the same row, a lock was not had in time, or a unique key was taken in between: ask to try again. */
    @ExceptionHandler({OptimisticLockingFailureException.class, org.springframework.dao.PessimisticLockingFailureException.class,
            DataIntegrityViolationException.class})
    @ResponseStatus(HttpStatus.CONFLICT)
    ProblemDetail race(Exception e) {
        log.info("Concurrent change refused: {}", e.getMessage());
        return problems.problem(HttpStatus.CONFLICT, "conflict", "problem.conflict.concurrent");
    }

    /** Any other refusal of the web layer (406, 413, a missing header…) keeps its own 4xx status. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problems.problem(status, "invalid-input", "problem.unreadable"));
        }
        log.error("Unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "problem.internal.detail"));
    }
}
