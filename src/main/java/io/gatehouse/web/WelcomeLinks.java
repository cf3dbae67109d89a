package io.gatehouse.web;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.user.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The welcome page's support links per language, as the vendor admin saved them in the portal. A
 * language with no saved links shows those of the {@code gatehouse.welcome} settings, so a deployment
 * configured before keeps its links; a language with neither shows the English ones.
 */
@Service
@Transactional
class WelcomeLinks {

    static final String SUPPORT_CENTRE = "SUPPORT_CENTRE";
    static final String ARTICLE = "ARTICLE";

    private final JdbcClient jdbc;
    private final WelcomeSettings settings;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;

    WelcomeLinks(JdbcClient jdbc, WelcomeSettings settings, AccessPolicy policy, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.policy = policy;
        this.events = events;
    }

    /** What the welcome page shows in {@code language}: saved links, else the settings', else English. */
    @Transactional(readOnly = true)
    WelcomeLinkSet shown(String language) {
        Optional<WelcomeLinkSet> own = saved(language).or(() -> configured(language));
        if (own.isPresent() || "en".equals(language)) {
            return own.orElse(WelcomeLinkSet.NONE);
        }
        return saved("en").or(() -> configured("en")).orElse(WelcomeLinkSet.NONE);
    }

    /** What the admin page starts from in {@code language}, and whether it comes from the settings rather than the portal. */
    record Editing(WelcomeLinkSet links, boolean fromSettings) {
    }

    @Transactional(readOnly = true)
    Editing editing(Actor actor, Language language) {
        policy.editWelcomePage(actor).orThrow();
        Optional<WelcomeLinkSet> own = saved(language.code());
        return own.map(links -> new Editing(links, false))
                .orElseGet(() -> new Editing(configured(language.code()).orElse(WelcomeLinkSet.NONE), configured(language.code()).isPresent()));
    }

    /**
     * Replaces the links of one language in one go, audited. Saving none at all gives the language
     * back to the settings' links (or English).
     */
    WelcomeLinkSet save(Actor actor, Language language, WelcomeLinkSet links) {
        policy.editWelcomePage(actor).orThrow();
        String code = language.code();
        WelcomeLinkSet before = saved(code).orElse(WelcomeLinkSet.NONE);
        jdbc.sql("delete from welcome_link where language = ?").param(code).update();
        try {
            if (links.supportCentre() != null) {
                insert(code, SUPPORT_CENTRE, "", links.supportCentre(), 0);
            }
            int position = 0;
            for (WelcomeLinkSet.Link article : links.articles()) {
                insert(code, ARTICLE, article.title(), article.url(), position++);
            }
        } catch (DuplicateKeyException e) {
            // another admin saved this language at the same moment: theirs stands, this one rolls back
            throw new ConflictException("links", "welcome.admin.savedMeanwhile");
        }
        events.publishEvent(new Audited(actor.ref(), null, "welcome.linksChanged", "welcomeLinks", code, state(before), state(links)));
        return links;
    }

    private void insert(String language, String kind, String title, String url, int position) {
        jdbc.sql("insert into welcome_link (id, language, kind, title, url, position) values (?, ?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), language, kind, title, url, position).update();
    }

    private Optional<WelcomeLinkSet> saved(String language) {
        record Row(String kind, String title, String url) {
        }
        List<Row> rows = jdbc.sql("select kind, title, url from welcome_link where language = ? order by kind desc, position")
                .param(language).query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String centre = null;
        List<WelcomeLinkSet.Link> articles = new ArrayList<>();
        for (Row row : rows) {
            if (SUPPORT_CENTRE.equals(row.kind())) {
                centre = row.url();
            } else {
                articles.add(new WelcomeLinkSet.Link(row.title(), row.url()));
            }
        }
        return Optional.of(new WelcomeLinkSet(centre, articles));
    }

    /** The settings' links of exactly this language. */
    private Optional<WelcomeLinkSet> configured(String language) {
        String centre = settings.supportCentre().get(language);
        List<WelcomeSettings.Link> articles = settings.articles().getOrDefault(language, List.of());
        if (centre == null && articles.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WelcomeLinkSet(centre,
                articles.stream().map(link -> new WelcomeLinkSet.Link(link.title(), link.url())).toList()));
    }

    private static Map<String, Object> state(WelcomeLinkSet links) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("supportCentre", links.supportCentre());
        state.put("articles", links.articles().stream().map(a -> Map.of("title", a.title(), "url", a.url())).toList());
        return state;
    }
}
