package io.gatehouse.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.util.UrlUtils;

/**
 * Redirects by path only. A saved request is remembered with the host the request named, which
 * the client chooses (the Host header); sending people back there would hand the choice of the
 * target to whoever wrote that header. Tomcat then keeps the path relative too
 * ({@code server.tomcat.use-relative-redirects}), so the browser stays on the address it asked.
 */
final class RelativeRedirects implements RedirectStrategy {

    @Override
    public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
        String target = UrlUtils.isAbsoluteUrl(url) ? pathOf(url) : request.getContextPath() + url;
        // "//host/…" would be a redirect to another host.
        target = target.replaceFirst("^[/\\\\]+", "/");
        response.sendRedirect(response.encodeRedirectURL(target.isEmpty() ? "/" : target));
    }

    private static String pathOf(String url) {
        try {
            URI uri = new URI(url);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (URISyntaxException e) {
            return "/";
        }
    }
}
