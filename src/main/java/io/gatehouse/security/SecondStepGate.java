package io.gatehouse.security;

import io.gatehouse.security.factor.SecondFactors;
import io.gatehouse.shared.Problems;
import io.gatehouse.shared.UserId;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps a half-signed-in person (password proved, second factor not yet) on the second sign-in
 * step, and one who must hold a second factor and holds none on enrolment: nothing else answers
 * them, no page, no API call, no authorization code for an application. A complete sign-in says
 * so in its authentication ({@link SignInFactors#complete}), so it passes without a query.
 */
@Component
public class SecondStepGate {

    public static final String SECOND_STEP = "/signin/second-factor";
    public static final String ENROLMENT = "/account/security";

    /** What anyone may reach: signing out, the pages' assets, errors. */
    private static final List<String> OPEN = List.of("/signout", "/css/", "/js/", "/images/", "/webjars/", "/favicon.ico",
            "/error", "/actuator/health");
    /** The second step, including a passkey's own answer to it. */
    private static final List<String> SECOND_STEP_PATHS = List.of(SECOND_STEP, "/webauthn/authenticate/", "/login/webauthn");
    /** Where a person who must hold a second factor enrols one. */
    private static final List<String> ENROLMENT_PATHS = List.of(ENROLMENT, "/account/passkeys", "/webauthn/register", SECOND_STEP);

    private final SecondFactors factors;
    private final Problems problems;
    private final RequestCache requests = new HttpSessionRequestCache();
    private final JsonMapper json = JsonMapper.builder().build();

    SecondStepGate(SecondFactors factors, Problems problems) {
        this.factors = factors;
        this.problems = problems;
    }

    /** For pages (and the authorization server): leads the person to the step they still owe. */
    public Filter forPages() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (!SignInFactors.byPassword(authentication) || SignInFactors.complete(authentication) || matches(path, OPEN)) {
                    chain.doFilter(request, response);
                    return;
                }
                SecondFactors.Status status = factors.status(UserId.parse(authentication.getName()));
                String owed = status.holdsAny() ? SECOND_STEP : status.mustEnrol() ? ENROLMENT : null;
                if (owed == null) {
                    SignInFactors.passwordSufficed(authentication, request, response);
                    chain.doFilter(request, response);
                    return;
                }
                if (matches(path, owed.equals(SECOND_STEP) ? SECOND_STEP_PATHS : ENROLMENT_PATHS)) {
                    chain.doFilter(request, response);
                    return;
                }
                lead(request, response, owed);
            }
        };
    }

    /**
     * For the API: HTTP Basic proves a password only, so an account that holds (or must hold) a
     * second factor is refused it and told to use a personal API token; a half-signed-in portal
     * session gets nothing either.
     */
    public Filter forApi() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (!SignInFactors.byPassword(authentication) || SignInFactors.complete(authentication)) {
                    chain.doFilter(request, response);
                    return;
                }
                String header = request.getHeader("Authorization");
                boolean basic = header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
                if (!factors.passwordIsNotEnough(UserId.parse(authentication.getName()))) {
                    chain.doFilter(request, response);
                    return;
                }
                SecurityContextHolder.clearContext();
                ProblemDetail problem = basic
                        ? problems.problem(HttpStatus.UNAUTHORIZED, "second-factor-required", "problem.second-factor-basic.detail")
                        : problems.problem(HttpStatus.UNAUTHORIZED, "second-factor-required", "problem.second-factor-pending.detail");
                response.setStatus(problem.getStatus());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                json.writeValue(response.getOutputStream(), problem);
            }
        };
    }

    private void lead(HttpServletRequest request, HttpServletResponse response, String owed) throws IOException {
        String target = request.getContextPath() + owed;
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        if ("GET".equals(request.getMethod())) {
            // Where they were going: the second step continues there once it is done.
            requests.saveRequest(request, response);
        }
        response.sendRedirect(target);
    }

    private static boolean matches(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
