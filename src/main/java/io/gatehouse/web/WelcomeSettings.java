package io.gatehouse.web;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The vendor's links on the welcome page, per language: the support centre and top articles, e.g.
 * gatehouse.welcome.support-centre.fr=https://support.example.com/fr and
 * gatehouse.welcome.articles.fr[0].title=…, gatehouse.welcome.articles.fr[0].url=….
 */
@ConfigurationProperties("gatehouse.welcome")
record WelcomeSettings(Map<String, String> supportCentre, Map<String, List<Link>> articles) {

    record Link(String title, String url) {
    }

    WelcomeSettings {
        supportCentre = supportCentre == null ? Map.of() : Map.copyOf(supportCentre);
        articles = articles == null ? Map.of() : Map.copyOf(articles);
    }

    /** The links in this language, else the English ones. */
    String supportCentre(String language) {
        return supportCentre.getOrDefault(language, supportCentre.get("en"));
    }

    List<Link> articles(String language) {
        return articles.getOrDefault(language, articles.getOrDefault("en", List.of()));
    }
}
