package io.gatehouse.web;

import io.gatehouse.shared.InputLimits;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.InvalidInputException.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The welcome page's support links in one language: the support centre (or none) and the top
 * articles in order. Built only from valid input: web addresses (http or https) that fit their
 * columns, titles without control characters.
 */
record WelcomeLinkSet(String supportCentre, List<Link> articles) {

    static final int MAX_TITLE = 200;
    static final int MAX_URL = 2000;
    static final int MAX_ARTICLES = 20;

    /** An article link; {@code title} as people read it, {@code url} where it leads. */
    record Link(String title, String url) {
    }

    static final WelcomeLinkSet NONE = new WelcomeLinkSet(null, List.of());

    WelcomeLinkSet {
        articles = articles == null ? List.of() : List.copyOf(articles);
    }

    boolean isEmpty() {
        return supportCentre == null && articles.isEmpty();
    }

    /** An article row as typed; {@code index} names its fields in errors ({@code articles[2].url}). */
    record TypedArticle(int index, String title, String url) {
    }

    /** Reads the form: every faulty field is reported at once, and nothing is built from a faulty one. */
    static WelcomeLinkSet read(String supportCentre, List<TypedArticle> typed) {
        List<FieldError> errors = new ArrayList<>();
        String centre = blankToNull(supportCentre);
        if (centre != null) {
            url("supportCentre", centre, errors);
        }
        List<Link> articles = new ArrayList<>();
        for (TypedArticle article : typed) {
            String title = blankToNull(article.title());
            String url = blankToNull(article.url());
            if (title == null && url == null) {
                continue;
            }
            String prefix = "articles[" + article.index() + "].";
            if (title == null) {
                errors.add(new FieldError(prefix + "title", "validation.required"));
            } else if (title.length() > MAX_TITLE) {
                errors.add(new FieldError(prefix + "title", "validation.tooLong", List.of(MAX_TITLE)));
            } else if (InputLimits.refused(title, false)) {
                errors.add(new FieldError(prefix + "title", InputLimits.TEXT_MESSAGE));
            }
            if (url == null) {
                errors.add(new FieldError(prefix + "url", "validation.required"));
            } else {
                url(prefix + "url", url, errors);
            }
            articles.add(new Link(title, url));
        }
        if (articles.size() > MAX_ARTICLES) {
            errors.add(new FieldError("articles", "welcome.admin.tooManyArticles", List.of(MAX_ARTICLES)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new WelcomeLinkSet(centre, articles);
    }

    /** Only web addresses: a javascript: or data: link on the welcome page would run in every member's session. */
    private static void url(String field, String url, List<FieldError> errors) {
        if (url.length() > MAX_URL) {
            errors.add(new FieldError(field, "validation.tooLong", List.of(MAX_URL)));
            return;
        }
        if (!isWebAddress(url)) {
            errors.add(new FieldError(field, "welcome.admin.urlInvalid"));
        }
    }

    static boolean isWebAddress(String url) {
        if (InputLimits.refused(url, false) || url.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
