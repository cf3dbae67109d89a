package io.gatehouse.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.header.HeaderWriter;

/**
 * The portal's Content-Security-Policy. The pages whose form leads on to an application (signing
 * in, choosing the organization, consenting) also name the registered applications' origins in
 * {@code form-action}: a browser holds a redirect that follows a form submission to it, so
 * without them a person signing in on the way to an application would be stopped after the
 * password, on Gatehouse's own page.
 */
class PortalContentSecurityPolicy implements HeaderWriter {

    private static final Set<String> LEADING_TO_APPLICATIONS = Set.of("/signin", "/oidc/organization", "/oauth2/consent");

    private final String policy;
    private final ObjectProvider<SignOnOrigins> origins;

    PortalContentSecurityPolicy(String policy, ObjectProvider<SignOnOrigins> origins) {
        this.policy = policy;
        this.origins = origins;
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (response.containsHeader("Content-Security-Policy")) {
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        SignOnOrigins known = LEADING_TO_APPLICATIONS.contains(path) ? origins.getIfAvailable() : null;
        if (known == null) {
            response.setHeader("Content-Security-Policy", policy);
            return;
        }
        StringBuilder formAction = new StringBuilder("form-action 'self'");
        for (String origin : new TreeSet<>(known.origins())) {
            formAction.append(' ').append(origin);
        }
        response.setHeader("Content-Security-Policy", policy.replace("form-action 'self'", formAction));
    }
}
