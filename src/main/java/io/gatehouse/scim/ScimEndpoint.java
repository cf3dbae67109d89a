package io.gatehouse.scim;

import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every /scim/v2 controller shares: errors in SCIM's own shape instead of problem+json. A
 * controller's own handlers come before any advice, so these win for SCIM alone.
 */
abstract class ScimEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ScimEndpoint.class);

    private final ScimErrors errors;

    ScimEndpoint(ScimErrors errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ScimException.class)
    ResponseEntity<Map<String, Object>> scim(ScimException e) {
        return errors.response(e, LocaleContextHolder.getLocale());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NotFoundException e) {
        return scim(new ScimException(404, null, "problem.not-found." + e.kind()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Map<String, Object>> forbidden(ForbiddenException e) {
        return scim(new ScimException(403, null, e.reasonCode()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(ConflictException e) {
        String type = e.messageCode().startsWith("conflict.member.exists") || e.messageCode().startsWith("conflict.account")
                ? "uniqueness" : null;
        return scim(new ScimException(409, type, e.messageCode(), e.arguments().toArray()));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidInputException e) {
        InvalidInputException.FieldError first = e.errors().get(0);
        List<Object> arguments = new ArrayList<>(first.arguments());
        return scim(new ScimException(400, "invalidValue", first.messageCode(), arguments.toArray()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        return scim(ScimException.invalidSyntax("body"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return scim(new ScimException(415, null, "scim.error.mediaType"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return scim(new ScimException(405, null, "scim.error.method"));
    }

    /** Anything unforeseen is still answered in SCIM's shape, without its details. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("Unexpected SCIM error", e);
        return scim(new ScimException(500, null, "scim.error.unexpected"));
    }

    /** Two changes of the same member at once: the later one is told to read again and retry. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Map<String, Object>> concurrent(OptimisticLockingFailureException e) {
        log.debug("Concurrent SCIM change", e);
        return scim(new ScimException(412, null, "scim.error.preconditionFailed"));
    }
}
