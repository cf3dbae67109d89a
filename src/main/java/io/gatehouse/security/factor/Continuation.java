package io.gatehouse.security.factor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/** Where the person was going before a sign-in step stopped them: a path on this portal, else the welcome page. */
final class Continuation {

    private static final RequestCache REQUESTS = new HttpSessionRequestCache();

    private Continuation() {
    }

    static String take(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = REQUESTS.getRequest(request, response);
        REQUESTS.removeRequest(request, response);
        if (saved instanceof DefaultSavedRequest known && known.getRequestURI() != null) {
            String path = known.getRequestURI().substring(request.getContextPath().length());
            if (path.startsWith("/") && !path.startsWith("//")) {
                return path + (known.getQueryString() == null ? "" : "?" + known.getQueryString());
            }
        }
        return "/";
    }
}
