package io.gatehouse.storage;

import io.gatehouse.shared.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A refused upload, wherever files are uploaded: too large is 413; the others are 400 like any bad input. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadRejections {

    private final Problems problems;

    UploadRejections(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(UploadRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(UploadRejectedException e) {
        ProblemDetail problem = problems.invalid(e.errors());
        HttpStatus status = e.reason() == UploadRejectedException.Reason.TOO_LARGE ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
        problem.setStatus(status);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
