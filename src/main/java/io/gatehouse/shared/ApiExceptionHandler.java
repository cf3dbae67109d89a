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
import org.springframework.http.converter.HttpMessageNotReadableException;
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

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail unreadable(Exception e) {
        return problems.problem(HttpStatus.BAD_REQUEST, "invalid-input", "problem.unreadable");
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

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "problem.internal.detail");
    }
}
