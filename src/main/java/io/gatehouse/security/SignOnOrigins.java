package io.gatehouse.security;

import java.util.Set;

/**
 * The origins a form of the portal may end up at: after signing in on the way to an application,
 * the answer to the sign-in form is a redirect to that application, and browsers hold redirects
 * that follow a form to the page's {@code form-action}. Implemented by the single sign-on feature.
 */
public interface SignOnOrigins {

    /** Origins such as {@code https://app.example.com}, of every registered redirect address. */
    Set<String> origins();
}
