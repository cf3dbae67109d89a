package io.gatehouse.security;

import io.gatehouse.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401, 403 and 429 for API clients, as problem+json in their language. */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String CHALLENGE = "Basic realm=\"Gatehouse\", Bearer realm=\"Gatehouse\"";

    private final Problems problems;
    /** Extension members (the request id) at the top level of the problem, as the API's other problems have them. */
    private final JsonMapper json = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, org.springframework.http.converter.json.ProblemDetailJacksonMixin.class).build();

    ProblemAuthenticationEntryPoint(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        ProblemDetail problem;
        if (e instanceof SignInThrottledException throttled) {
            problem = problems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-ins", "problem.too-many-sign-ins.detail");
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
        } else if (e instanceof DisabledException) {
            problem = problems.problem(HttpStatus.UNAUTHORIZED, "account-disabled", "problem.account-disabled.detail");
            response.setHeader("WWW-Authenticate", CHALLENGE);
        } else {
            problem = problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "problem.unauthorized.detail");
            response.setHeader("WWW-Authenticate", CHALLENGE);
        }
        write(response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, problems.problem(HttpStatus.FORBIDDEN, "forbidden", "problem.csrf.detail"));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
