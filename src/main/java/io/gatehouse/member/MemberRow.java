package io.gatehouse.member;

import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.Role;
import io.gatehouse.web.Addresses;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * One line of the User Management table: applications and site names instead of right names and site
 * ids. Public, like every type the member pages' templates read: SpEL compiles reads of public types
 * only, and a read it compiles skips the reflective lookup it otherwise makes at every row.
 */
public record MemberRow(String userId, String firstName, String lastName, String email, String login, Role role,
        List<String> applications, List<String> sites, boolean allSites, MemberStatus status, String href,
        Cells cells) {

    /**
     * The words and markup of the row's cells, made once here: a table of fifty rows costs a
     * template expression per cell instead of several (conditions, message keys, a loop per cell).
     * Everything from the data is escaped, as th:text would, since the template shows it with th:utext.
     */
    public record Cells(String nameHtml, String role, String status, String applicationsHtml, String sitesHtml) {
    }

    /** The words of the page's language a row needs: {@code (code, arguments) -> message}. */
    @FunctionalInterface
    interface Words {
        String text(String code, Object... arguments);
    }

    /** An invited person who has not registered yet has no name: their address stands in. */
    public String name() {
        return name(firstName, lastName, email);
    }

    private static String name(String firstName, String lastName, String email) {
        return nameless(firstName, lastName) ? email
                : (Objects.toString(firstName, "") + " " + Objects.toString(lastName, "")).strip();
    }

    /** Someone invited who has not registered yet has no name. */
    private static boolean nameless(String firstName, String lastName) {
        return (Objects.toString(firstName, "") + Objects.toString(lastName, "")).isBlank();
    }

    /** The address as the table shows it, wrapping only before "@" and "." (escaped: shown with th:utext). */
    public String emailHtml() {
        return Addresses.html(email);
    }

    /** The login as the table shows it (escaped: shown with th:utext). */
    public String loginHtml() {
        return Addresses.html(login);
    }

    /** Applications in catalogue order, derived from the rights the member holds. */
    static List<String> applications(List<String> rights, Map<String, CatalogRight> catalog) {
        return rights.stream().map(catalog::get).filter(Objects::nonNull).map(CatalogRight::application).distinct().toList();
    }

    static List<String> siteNames(List<String> siteIds, Map<String, String> namesById) {
        return siteIds.stream().map(namesById::get).filter(Objects::nonNull)
                .sorted(Comparator.comparing(String::toLowerCase)).toList();
    }

    /**
     * A row ready to show: the link to the person's page under {@code base}, and the name as the list
     * shows it, last name first ("{0}, {1}" in the language of the page) when sorted by it.
     */
    static MemberRow of(MemberView view, Map<String, CatalogRight> catalog, Map<String, String> siteNames, String base,
            boolean sortedByLastName, Words words) {
        String first = view.firstName();
        String last = view.lastName();
        boolean lastNameFirst = sortedByLastName && first != null && last != null && !first.isBlank() && !last.isBlank();
        String shown = lastNameFirst ? words.text("members.name.lastFirst", last, first) : name(first, last, view.email());
        List<String> applications = applications(view.rights(), catalog);
        List<String> sites = view.allSites() ? List.of() : siteNames(view.sites(), siteNames);
        // Without a name the list shows the address, wrapped like the address column.
        Cells cells = new Cells(nameless(first, last) ? Addresses.html(view.email()) : escape(shown),
                words.text("members.role." + view.role()), words.text("members.status." + view.status()),
                applications.isEmpty() ? none(words) : applications.stream().map(a -> "<span>" + escape(a) + "</span>")
                        .collect(Collectors.joining("<br>")),
                view.allSites() ? "<span>" + escape(words.text("members.allSites")) + "</span>"
                        : sites.isEmpty() ? none(words) : "<span>" + escape(String.join(", ", sites)) + "</span>");
        return new MemberRow(view.userId(), first, last, view.email(), view.login(), view.role(), applications, sites,
                view.allSites(), view.status(), base + "/" + view.userId(), cells);
    }

    private static String none(Words words) {
        return "<span class=\"muted\">" + escape(words.text("members.none")) + "</span>";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
