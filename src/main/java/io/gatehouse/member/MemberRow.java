package io.gatehouse.member;

import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.Role;
import io.gatehouse.web.Addresses;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the User Management table: applications and site names instead of right names and site
 * ids. Public, like every type the member pages' templates read: SpEL compiles reads of public types
 * only, and a read it compiles skips the reflective lookup it otherwise makes at every row.
 */
public record MemberRow(String userId, String firstName, String lastName, String email, String login, Role role,
        List<String> applications, List<String> sites, boolean allSites, MemberStatus status, String href, String shownName) {

    /** An invited person who has not registered yet has no name: their address stands in. */
    public String name() {
        return name(firstName, lastName, email);
    }

    private static String name(String firstName, String lastName, String email) {
        String name = (firstName + " " + lastName).strip();
        return name.isEmpty() ? email : name;
    }

    /** Someone invited who has not registered yet has no name: the list shows their address instead. */
    public boolean namedByEmail() {
        return (firstName + " " + lastName).replace("null", "").isBlank();
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
     * shows it, last name first ({@code lastFirst}, "{0}, {1}" in the language of the page) when sorted by it.
     */
    static MemberRow of(MemberView view, Map<String, CatalogRight> catalog, Map<String, String> siteNames, String base,
            boolean sortedByLastName, java.util.function.BinaryOperator<String> lastFirst) {
        String first = view.firstName();
        String last = view.lastName();
        boolean lastNameFirst = sortedByLastName && first != null && last != null && !first.isBlank() && !last.isBlank();
        String shown = lastNameFirst ? lastFirst.apply(last, first) : name(first, last, view.email());
        return new MemberRow(view.userId(), first, last, view.email(), view.login(), view.role(),
                applications(view.rights(), catalog), view.allSites() ? List.of() : siteNames(view.sites(), siteNames),
                view.allSites(), view.status(), base + "/" + view.userId(), shown);
    }
}
