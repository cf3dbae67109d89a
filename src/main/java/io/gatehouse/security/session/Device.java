package io.gatehouse.security.session;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The browser and operating system a User-Agent names, as people call them ("Firefox", "Windows");
 * either is null when the header does not say. Read when shown, so the stored header stays as sent.
 */
record Device(String browser, String system) {

    static Device of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Device(null, null);
        }
        return new Device(browser(userAgent), system(userAgent));
    }

    /** "Firefox on Windows", "Safari on iOS", or as much of it as is known, in the reader's language. */
    String label(MessageSource messages, Locale locale) {
        if (browser == null && system == null) {
            return messages.getMessage("sessions.device.unknown", null, locale);
        }
        if (system == null) {
            return browser;
        }
        String named = browser == null ? messages.getMessage("sessions.device.aBrowser", null, locale) : browser;
        return messages.getMessage("sessions.device", new Object[] {named, system}, locale);
    }

    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    private static String browser(String agent) {
        if (agent.contains("Edg/") || agent.contains("EdgA/") || agent.contains("EdgiOS/")) {
            return "Edge";
        }
        if (agent.contains("OPR/") || agent.contains("Opera")) {
            return "Opera";
        }
        if (agent.contains("SamsungBrowser/")) {
            return "Samsung Internet";
        }
        if (agent.contains("Firefox/") || agent.contains("FxiOS/")) {
            return "Firefox";
        }
        if (agent.contains("CriOS/") || (agent.contains("Chrome/") && !agent.contains("Chromium/"))) {
            return "Chrome";
        }
        if (agent.contains("Chromium/")) {
            return "Chromium";
        }
        if (agent.contains("Safari/") && agent.contains("Version/")) {
            return "Safari";
        }
        if (agent.startsWith("curl/")) {
            return "curl";
        }
        return null;
    }

    private static String system(String agent) {
        if (agent.contains("Windows")) {
            return "Windows";
        }
        if (agent.contains("iPhone") || agent.contains("iPad") || agent.contains("iPod")) {
            return "iOS";
        }
        if (agent.contains("Android")) {
            return "Android";
        }
        if (agent.contains("CrOS")) {
            return "ChromeOS";
        }
        if (agent.contains("Mac OS X") || agent.contains("Macintosh")) {
            return "macOS";
        }
        if (agent.contains("Linux") || agent.contains("X11")) {
            return "Linux";
        }
        return null;
    }
}
