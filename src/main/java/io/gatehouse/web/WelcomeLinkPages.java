package io.gatehouse.web;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.user.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The vendor admin's "Welcome page" links, one language at a time: the support centre and the top
 * articles (add one in an empty row, change one in place, remove one with its box, reorder them by
 * their numbers), all saved with one Save.
 */
@PortalPage
class WelcomeLinkPages {

    /** Each language in its own words, as people look for it. */
    private static final Map<String, String> LANGUAGE_NAMES = Map.of("en", "English", "fr", "Français", "es", "Español", "ja", "日本語");

    /** Empty rows offered for new articles under the saved ones. */
    private static final int NEW_ROWS = 3;

    private final WelcomeLinks links;
    private final MessageSource messages;

    WelcomeLinkPages(WelcomeLinks links, MessageSource messages) {
        this.links = links;
        this.messages = messages;
    }

    /** One article row of the form, as shown or as typed. */
    record Row(int index, String title, String url, String position, boolean remove) {
    }

    @GetMapping("/admin/welcome")
    String page(Actor actor, @RequestParam(required = false) String language, Model model) {
        Language shown = language(language);
        WelcomeLinks.Editing editing = links.editing(actor, shown);
        List<Row> rows = new ArrayList<>();
        List<WelcomeLinkSet.Link> articles = editing.links().articles();
        for (int i = 0; i < articles.size(); i++) {
            rows.add(new Row(i, articles.get(i).title(), articles.get(i).url(), Integer.toString(i + 1), false));
        }
        model.addAttribute("fromSettings", editing.fromSettings());
        return render(shown, editing.links().supportCentre(), withNewRows(rows), Map.of(), model);
    }

    @PostMapping("/admin/welcome")
    String save(Actor actor, @RequestParam(required = false) String language, @RequestParam Map<String, String> form, Locale locale,
            Model model, RedirectAttributes redirect) {
        Language edited = language(language);
        links.editing(actor, edited);
        List<Row> rows = rows(form);
        List<WelcomeLinkSet.TypedArticle> kept = rows.stream()
                .filter(row -> !row.remove())
                .sorted(Comparator.comparingInt((Row row) -> order(row.position(), row.index())).thenComparingInt(Row::index))
                .map(row -> new WelcomeLinkSet.TypedArticle(row.index(), row.title(), row.url()))
                .toList();
        try {
            links.save(actor, edited, WelcomeLinkSet.read(form.get("supportCentre"), kept));
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("fromSettings", false);
            return render(edited, form.get("supportCentre"), rows, errors(e, locale), model);
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/welcome?language=" + edited.code();
    }

    private String render(Language language, String supportCentre, List<Row> rows, Map<String, List<String>> errors, Model model) {
        model.addAttribute("language", language.code());
        model.addAttribute("languages", List.of(Language.values()).stream().map(Language::code).toList());
        model.addAttribute("languageNames", LANGUAGE_NAMES);
        model.addAttribute("supportCentre", supportCentre == null ? "" : supportCentre);
        model.addAttribute("rows", rows);
        model.addAttribute("errors", errors);
        model.addAttribute("maxTitle", WelcomeLinkSet.MAX_TITLE);
        model.addAttribute("maxUrl", WelcomeLinkSet.MAX_URL);
        return "admin/welcome-links";
    }

    /** The rows as sent: title.N, url.N, position.N and remove.N, for N from 0 up to the form's rows. */
    private static List<Row> rows(Map<String, String> form) {
        List<Row> rows = new ArrayList<>();
        int limit = WelcomeLinkSet.MAX_ARTICLES + NEW_ROWS + 1;
        for (int i = 0; i < limit; i++) {
            String title = form.get("title." + i);
            String url = form.get("url." + i);
            if (title == null && url == null) {
                continue;
            }
            rows.add(new Row(i, title == null ? "" : title, url == null ? "" : url, form.getOrDefault("position." + i, ""),
                    form.containsKey("remove." + i)));
        }
        return rows;
    }

    private static List<Row> withNewRows(List<Row> rows) {
        List<Row> all = new ArrayList<>(rows);
        for (int i = 0; i < NEW_ROWS; i++) {
            int index = rows.size() + i;
            all.add(new Row(index, "", "", Integer.toString(index + 1), false));
        }
        return all;
    }

    /** A row's number as typed; one that is not a number keeps the row where it was. */
    private static int order(String position, int index) {
        try {
            return Integer.parseInt(position.strip());
        } catch (RuntimeException e) {
            return index + 1;
        }
    }

    private static Language language(String code) {
        if (code == null || code.isBlank()) {
            return Language.EN;
        }
        try {
            return Language.of(code.strip());
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("language");
        }
    }

    private Map<String, List<String>> errors(RuntimeException e, Locale locale) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (e instanceof ConflictException conflict) {
            errors.computeIfAbsent(conflict.field(), k -> new ArrayList<>())
                    .add(messages.getMessage(conflict.messageCode(), conflict.arguments().toArray(), locale));
        } else if (e instanceof InvalidInputException invalid) {
            invalid.errors().forEach(error -> errors.computeIfAbsent(error.field(), k -> new ArrayList<>())
                    .add(messages.getMessage(error.messageCode(), error.arguments().toArray(), locale)));
        }
        return errors;
    }
}
