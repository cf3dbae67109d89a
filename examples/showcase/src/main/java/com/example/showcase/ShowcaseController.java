package com.example.showcase;

import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

@RestController
class ShowcaseController {

    @GetMapping(value = "/", produces = "text/html")
    String home(@AuthenticationPrincipal OidcUser person) {
        Map<String, Object> org = person.getClaimAsMap("org");
        List<String> rights = person.getClaimAsStringList("rights");
        List<Map<String, Object>> sites = person.getClaim("sites");
        return page("Showcase 360", "<p id=\"who\">" + text(person.getFullName()) + " · " + text(person.getEmail()) + "</p>"
                + "<p id=\"organization\">" + text(org == null ? "" : String.valueOf(org.get("name"))) + "</p>"
                + "<p id=\"role\">" + text(person.getClaimAsString("role")) + "</p>"
                + "<ul id=\"rights\">" + (rights == null ? "" : rights.stream().map(r -> "<li>" + text(r) + "</li>")
                        .reduce("", String::concat)) + "</ul>"
                + "<ul id=\"sites\">" + (sites == null ? "" : sites.stream().map(s -> "<li>" + text(String.valueOf(s.get("name"))) + "</li>")
                        .reduce("", String::concat)) + "</ul>"
                + "<p><a href=\"/admin\">Administration</a></p>");
    }

    @GetMapping(value = "/admin", produces = "text/html")
    String admin(@AuthenticationPrincipal OidcUser person) {
        return page("Showcase 360 administration", "<p id=\"admin\">Administration of " + text(person.getFullName()) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + text(title) + "</title></head><body><h1>"
                + text(title) + "</h1>" + body + "</body></html>";
    }

    private static String text(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value);
    }
}
