package io.gatehouse.member;

import static io.gatehouse.member.MemberDetailHtml.checkbox;
import static io.gatehouse.member.MemberDetailHtml.checked;
import static io.gatehouse.member.MemberDetailHtml.disabled;
import static io.gatehouse.member.MemberDetailHtml.tag;
import static io.gatehouse.member.MemberDetailHtml.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Role;
import io.gatehouse.access.StaffRole;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.DateFormat;
import io.gatehouse.user.Language;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** What the page shows, to whom, and what it keeps to itself. */
@IntegrationTest
class MemberDetailPageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    private String page(TestMember actor, String url, int expectedStatus) throws Exception {
        return mvc.perform(get(url).with(user(actor.id())))
                .andExpect(status().is(expectedStatus))
                .andReturn().getResponse().getContentAsString();
    }

    private static String main(String html) {
        return html.substring(html.indexOf("<main"));
    }

    private static String url(TestMember person) {
        return "/organizations/" + person.organizationId() + "/users/" + person.id();
    }

    private String name(TestMember person) {
        AccountView account = accounts.find(person.userId());
        return account.firstName() + " " + account.lastName();
    }

    @Test
    void aManagerSeesTheNameAsHeadingWithBlockUserEditAndTheThreeDotsMenu() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org, "Licenses");

        String html = page(manager, url(person), 200);

        assertThat(html).contains("<h1>" + name(person) + "</h1>");
        assertThat(html).contains(">Block user</button>");
        assertThat(tag(html, "form", "action=\"" + url(person) + "/block\"")).contains("method=\"post\"");
        assertThat(html).contains(">Edit</a>").contains("href=\"" + url(person) + "?tab=properties&amp;edit\"");
        assertThat(tag(html, "summary", "aria-label=\"More actions\"")).isNotEmpty();
        assertThat(html).contains("<a href=\"" + url(person) + "/remove\">Remove from</a>");
        assertThat(html).contains("Properties &amp; Preferences", "Organizations &amp; Roles", "Access rights");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en|Block user|Edit|Remove from|Properties &amp; Preferences|Organizations &amp; Roles|Access rights|Disabled|Save|User Management",
            "fr|Bloquer utilisateur|Éditer|Supprimer de|Propriétés &amp; Préférences|Organisations &amp; Rôles|Droits d’accès|Désactivé|Enregistrer|Gestion des utilisateurs",
            "es|Bloquear usuario|Editar|Eliminar de|Propiedades y preferencias|Organizaciones y roles|Derechos de acceso|Desactivado|Guardar|Gestión de usuarios",
            "ja|ユーザーをブロック|編集|組織から削除|プロパティと設定|組織とロール|アクセス権|無効|保存|ユーザー管理"})
    void thePageSpeaksTheArticlesWordsInTheViewersLanguage(String language, String block, String edit, String removeFrom,
            String properties, String organizations, String rights, String disabled, String save, String users) throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        accounts.update(data.admin(), manager.userId(), new AccountChanges(null, null, null, null, null, Language.of(language), null, null));
        TestMember person = data.user(org);

        String html = page(manager, url(person), 200);

        assertThat(html).contains("<html lang=\"" + language + "\"");
        assertThat(html).contains(">" + block + "</button>", ">" + edit + "</a>", ">" + removeFrom + "</a>", ">" + properties + "</a>",
                ">" + organizations + "</a>", ">" + rights + "</h2>", "<span>" + disabled + "</span>", ">" + save + "</button>",
                ">" + users + "</a>");
    }

    @Test
    void theTabsAreLinksAndTheActiveOneIsMarkedCurrent() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        String properties = page(manager, url(person), 200);
        assertThat(tag(properties, "a", "id=\"tab-properties\"")).contains("aria-current=\"page\"");
        assertThat(tag(properties, "a", "id=\"tab-organizations\"")).doesNotContain("aria-current");
        assertThat(properties).contains("First name", "Last name", "Email", "Position", "Language", "Date format", "Disabled");

        String organizations = page(manager, url(person) + "?tab=organizations", 200);
        assertThat(tag(organizations, "a", "id=\"tab-organizations\"")).contains("aria-current=\"page\"");
        assertThat(tag(organizations, "a", "id=\"tab-properties\"")).doesNotContain("aria-current");
        assertThat(organizations).contains(">Role</label>").doesNotContain(">First name</dt>");
    }

    @Test
    void withHtmxATabComesAloneButAHistoryRestoreGetsTheWholePage() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        String fragment = mvc.perform(get(url(person)).param("tab", "organizations").header("HX-Request", "true")
                        .with(user(manager.id())))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(fragment).startsWith("<div id=\"person-tabs\">").doesNotContain("<html").doesNotContain("<h1>");
        assertThat(fragment).contains(">Role</label>");

        String restored = mvc.perform(get(url(person)).param("tab", "organizations").header("HX-Request", "true")
                        .header("HX-History-Restore-Request", "true").with(user(manager.id())))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(restored).contains("<html").contains("<h1>" + name(person) + "</h1>");
    }

    @Test
    void aUserManagementHolderSeesThePageButNoBlockUserButton() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember userManager = data.userManager(org);
        TestMember person = data.user(org);

        String html = page(userManager, url(person), 200);

        assertThat(html).contains("<h1>" + name(person) + "</h1>").doesNotContain("Block user");
        // Disabling is for Managers: the box is there, locked, with the reason.
        assertThat(disabled(tag(html, "input", "id=\"disabled\""))).isTrue();
        assertThat(html).contains("Only a Manager of this organization can do this.");
    }

    @Test
    void aMemberWithoutUserManagementGetsTheNotAllowedPageWithTheReason() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember plain = data.user(org, "Licenses");
        TestMember person = data.user(org);

        String html = page(plain, url(person), 403);

        assertThat(html).contains("You need the User Management right in this organization.").doesNotContain(name(person));
    }

    @Test
    void createdAndLastSignInAreShownInTheViewersDateFormat() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        accounts.update(data.admin(), manager.userId(), new AccountChanges(null, null, null, null, null, null, DateFormat.ISO, "UTC"));
        TestMember person = data.user(org);
        AccountView account = accounts.find(person.userId());

        String html = page(manager, url(person), 200);

        String created = DateTimeFormatter.ofPattern("yyyy-MM-dd").format(account.createdAt().atZone(ZoneOffset.UTC));
        assertThat(html).contains("<dd>" + created + "</dd>").contains("<dd>Never</dd>");
    }

    @Test
    void accessRightsAreGroupedPerApplicationTickedForWhatTheMemberHoldsHereWithContactsLocked() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        data.grantExternally(person, "Contacts Viewer");

        String html = page(manager, url(person), 200);

        assertThat(html).contains("<legend>Showcase 360</legend>", "<legend>Customer Portal</legend>", "<legend>Contacts</legend>");
        assertThat(checked(checkbox(html, "Licenses"))).isTrue();
        assertThat(checked(checkbox(html, "Showcase 360 Administrator"))).isFalse();
        assertThat(checkbox(html, "Licenses")).contains("hx-post=\"" + url(person) + "/rights?changed=Licenses\"");
        String viewer = checkbox(html, "Contacts Viewer");
        assertThat(checked(viewer)).isTrue();
        assertThat(disabled(viewer)).isTrue();
        assertThat(viewer).doesNotContain("hx-post");
        assertThat(disabled(checkbox(html, "Contacts Editor"))).isTrue();
        assertThat(html).contains("Managed in Contacts");
    }

    @Test
    void organizationsAndRolesNamesOnlyOrganizationsTheActorManages() throws Exception {
        OrganizationView mine = data.organization();
        OrganizationView alsoMine = data.organization();
        OrganizationView notMine = data.organization();
        OrganizationView onlyAUserThere = data.organization();
        OrganizationId org = OrganizationId.parse(mine.id());
        TestMember manager = data.manager(org);
        data.join(manager, OrganizationId.parse(alsoMine.id()), Role.MANAGER);
        data.join(manager, OrganizationId.parse(onlyAUserThere.id()), Role.USER);
        TestMember person = data.user(org);
        data.join(person, OrganizationId.parse(notMine.id()), Role.CONTRIBUTOR);
        data.join(person, OrganizationId.parse(onlyAUserThere.id()), Role.USER);

        // The header's organization switcher lists the actor's own organizations; the content is what counts.
        String tab = main(page(manager, url(person) + "?tab=organizations", 200));
        String remove = main(page(manager, url(person) + "/remove", 200));

        assertThat(tab).contains(mine.name()).doesNotContain(notMine.name()).doesNotContain(onlyAUserThere.name());
        assertThat(remove).contains(mine.name()).doesNotContain(notMine.name()).doesNotContain(onlyAUserThere.name());
        // "Add" offers the other organization the actor manages, where the person is not yet.
        assertThat(tag(tab, "option", "value=\"" + alsoMine.id() + "\"")).isNotEmpty();
        assertThat(tags(tab, "option", "value=\"" + notMine.id() + "\"")).isEmpty();
    }

    @Test
    void vendorStaffSeeEveryOrganizationOfThePerson() throws Exception {
        OrganizationView first = data.organization();
        OrganizationView second = data.organization();
        TestMember person = data.user(OrganizationId.parse(first.id()));
        data.join(person, OrganizationId.parse(second.id()), Role.OPERATOR);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        String html = mvc.perform(get(url(person) + "?tab=organizations").with(user(support.userId())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains(first.name(), second.name());
        assertThat(tag(html, "option", "value=\"OPERATOR\" selected")).contains("OPERATOR");
    }

    @Test
    void sitesAreTickedBoxesForOtherRolesAndAManagerReachesAllSites() throws Exception {
        OrganizationId org = data.organizationId();
        SiteView north = data.site(org);
        SiteView south = data.site(org);
        TestMember manager = data.manager(org);
        TestMember person = data.member(org, Role.USER, List.of(north.id()));

        String html = page(manager, url(person) + "?tab=organizations", 200);
        assertThat(checked(checkbox(html, north.id()))).isTrue();
        assertThat(checked(checkbox(html, south.id()))).isFalse();

        String managerPage = page(manager, url(manager) + "?tab=organizations", 200);
        assertThat(managerPage).contains("All sites").doesNotContain("value=\"" + north.id() + "\"");
    }
}
