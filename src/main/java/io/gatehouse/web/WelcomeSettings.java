package io.gatehouse.web;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The vendor's links on the welcome page, per language, as settings: the support centre and top
 * articles, e.g. gatehouse.welcome.support-centre.fr=https://support.example.com/fr and
 * gatehouse.welcome.articles.fr[0].title=…, gatehouse.welcome.articles.fr[0].url=…. Links the vendor
 * admin saves in the portal for a language take their place (see {@link WelcomeLinks}).
 */
@ConfigurationProperties("gatehouse.welcome")
record WelcomeSettings(Map<String, String> supportCentre, Map<String, List<Link>> articles) {

    record Link(String title, String url) {
    }

    WelcomeSettings {
        supportCentre = supportCentre == null ? Map.of() : Map.copyOf(supportCentre);
        articles = articles == null ? Map.of() : Map.copyOf(articles);
    }
}
