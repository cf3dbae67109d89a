package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The User Management cells made in Java: the words of the page's language, and the data escaped. */
class MemberRowTest {

    private static final Map<String, CatalogRight> CATALOG = Map.of(
            "Editor", new CatalogRight(UUID.randomUUID(), "Editor", "<b>Showcase</b> & Co", false, false),
            "Viewer", new CatalogRight(UUID.randomUUID(), "Viewer", "Contacts", false, false));
    private static final Map<String, String> SITES = Map.of("s1", "Oslo <HQ>", "s2", "Bergen");
    private static final MemberRow.Words WORDS = (code, arguments) -> arguments.length == 0 ? "[" + code + "]"
            : "[" + code + ":" + String.join("|", java.util.Arrays.stream(arguments).map(String::valueOf).toList()) + "]";

    private static MemberView member(String first, String last, Role role, List<String> rights, List<String> sites, boolean allSites) {
        return new MemberView("u1", first, last, "ann@example.test", "ann", null, role, rights, sites, allSites,
                MemberStatus.ACTIVE, Instant.EPOCH, null);
    }

    private static MemberRow.Cells cells(MemberView member, boolean byLastName) {
        return MemberRow.of(member, CATALOG, SITES, "/organizations/o/users", byLastName, WORDS).cells();
    }

    @Test
    void namesApplicationsAndSitesAreEscapedAndTheWordsComeFromThePagesLanguage() {
        MemberRow.Cells cells = cells(member("<i>Ann</i>", "Lee", Role.USER, List.of("Editor", "Viewer"), List.of("s2", "s1"), false),
                false);

        assertThat(cells.nameHtml()).isEqualTo("&lt;i&gt;Ann&lt;/i&gt; Lee");
        assertThat(cells.applicationsHtml()).isEqualTo("<span>&lt;b&gt;Showcase&lt;/b&gt; &amp; Co</span><br><span>Contacts</span>");
        assertThat(cells.sitesHtml()).isEqualTo("<span>Bergen, Oslo &lt;HQ&gt;</span>");
        assertThat(cells.role()).isEqualTo("[members.role.USER]");
        assertThat(cells.status()).isEqualTo("[members.status.ACTIVE]");
    }

    @Test
    void sortedByLastNameTheNameReadsLastNameFirstInTheWordsOfThePage() {
        assertThat(cells(member("Léa", "Durand", Role.USER, List.of(), List.of(), false), true).nameHtml())
                .isEqualTo("[members.name.lastFirst:Durand|Léa]");
    }

    @Test
    void nothingHeldShowsNoneAndAManagerAllSites() {
        MemberRow.Cells user = cells(member("Ann", "Lee", Role.USER, List.of(), List.of(), false), false);
        MemberRow.Cells manager = cells(member("Ann", "Lee", Role.MANAGER, List.of(), List.of(), true), false);

        assertThat(user.applicationsHtml()).isEqualTo("<span class=\"muted\">[members.none]</span>");
        assertThat(user.sitesHtml()).isEqualTo("<span class=\"muted\">[members.none]</span>");
        assertThat(manager.sitesHtml()).isEqualTo("<span>[members.allSites]</span>");
    }

    @Test
    void someoneInvitedWithoutANameIsShownByTheirAddress() {
        assertThat(cells(member(null, null, Role.USER, List.of(), List.of(), false), false).nameHtml())
                .isEqualTo("ann<wbr>@example<wbr>.test");
    }
}
