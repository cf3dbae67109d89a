package io.gatehouse.member;

import static io.gatehouse.member.MemberDetailHtml.tag;
import static io.gatehouse.member.MemberDetailHtml.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Memberships;
import io.gatehouse.mail.Mails;
import io.gatehouse.access.Role;
import io.gatehouse.invitation.Invitations;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import io.gatehouse.user.TermsOfUse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * One way to save per part of a person's page: properties with Edit then one Save; roles, sites,
 * access rights and the Disabled box save themselves, the outcome beside the control and spoken
 * by a live region; their Save buttons are for browsers without JavaScript.
 */
@IntegrationTest
class PersonPageSavingTest {

    private static final Pattern LINK = Pattern.compile("/invitations/accept\\?token=([A-Za-z0-9_-]{43})");

    private static final Pattern SAVE_BUTTON = Pattern.compile("<button[^>]*>Save</button>");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    Memberships memberships;

    @Autowired
    Invitations invitations;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Mails mails;

    private static String url(TestMember person) {
        return "/organizations/" + person.organizationId() + "/users/" + person.id();
    }

    private ResultActions send(TestMember actor, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(actor.id())).with(csrf()));
    }

    private static String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString();
    }

    private static List<String> saveButtons(String html) {
        return SAVE_BUTTON.matcher(html).results().map(r -> r.group()).toList();
    }

    @Test
    void aRoleSavesItselfOnChangeAndSaysSavedBesideTheSelect() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        String page = body(send(manager, get(url(person)).param("tab", "organizations")));
        String roleForm = tag(page, "form", "/memberships/" + org + "/role\"");
        assertThat(roleForm).contains("hx-trigger=\"change\"").contains("hx-target=\"#membership-" + org + "\"");
        assertThat(page).contains("id=\"organizations-status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"");

        String fragment = body(send(manager, post(url(person) + "/memberships/" + org + "/role").param("role", "CONTRIBUTOR")
                .header("HX-Request", "true")).andExpect(status().isOk()));

        assertThat(fragment.strip()).startsWith("<div class=\"membership\" id=\"membership-" + org + "\"").doesNotContain("<html");
        assertThat(tag(fragment, "span", "id=\"role-" + org + "-mark\"")).contains("save-mark saved");
        assertThat(fragment).contains(">Saved ✓</span>")
                .contains("<p id=\"organizations-status\" hx-swap-oob=\"innerHTML\">Role in " + organization.name() + ": saved.</p>");
        assertThat(tag(fragment, "option", "value=\"CONTRIBUTOR\"")).contains(" selected");
        assertThat(memberships.get(org, person.userId()).role()).isEqualTo(Role.CONTRIBUTOR);
    }

    @Test
    void aRefusedRoleGoesBackToTheSavedOneWithTheReasonBesideTheSelect() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember only = data.manager(org);

        String fragment = body(mvc.perform(post(url(only) + "/memberships/" + org + "/role").param("role", "USER")
                .header("HX-Request", "true").with(user(data.admin().userId().toString())).with(csrf())).andExpect(status().isOk()));

        assertThat(tag(fragment, "option", "value=\"MANAGER\"")).contains(" selected");
        assertThat(tag(fragment, "option", "value=\"USER\"")).doesNotContain(" selected");
        assertThat(tag(fragment, "span", "id=\"role-" + org + "-mark\"")).contains("save-mark refused");
        assertThat(fragment).contains("last active Manager cannot be removed, blocked, disabled or given another role.");
        assertThat(memberships.get(org, only.userId()).role()).isEqualTo(Role.MANAGER);
    }

    @Test
    void sitesSaveThemselvesOnChangeAndSaySavedBesideTheBoxes() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        SiteView north = data.site(org);
        SiteView south = data.site(org);
        TestMember manager = data.manager(org);
        TestMember person = data.member(org, Role.OPERATOR, List.of(north.id()));

        String page = body(send(manager, get(url(person)).param("tab", "organizations")));
        assertThat(tag(page, "form", "/memberships/" + org + "/sites\"")).contains("hx-trigger=\"change\"");

        String fragment = body(send(manager, post(url(person) + "/memberships/" + org + "/sites").param("sites", north.id(), south.id())
                .header("HX-Request", "true")).andExpect(status().isOk()));

        assertThat(tag(fragment, "p", "id=\"sites-" + org + "-mark\"")).contains("save-mark saved");
        assertThat(fragment).contains("<p id=\"organizations-status\" hx-swap-oob=\"innerHTML\">Sites in " + organization.name() + ": saved.</p>");
        assertThat(memberships.get(org, person.userId()).sites()).containsExactlyInAnyOrder(north.siteId(), south.siteId());
    }

    @Test
    void everySaveButtonOfAPartThatSavesItselfIsForBrowsersWithoutJavaScript() throws Exception {
        OrganizationId org = data.organizationId();
        SiteView site = data.site(org);
        TestMember manager = data.manager(org);
        TestMember person = data.member(org, Role.OPERATOR, List.of(site.id()));

        for (String tab : List.of("properties", "organizations")) {
            String page = body(send(manager, get(url(person)).param("tab", tab)));
            assertThat(saveButtons(page)).isNotEmpty().allSatisfy(button -> assertThat(button).contains("nojs-save"));
        }
        String css = new ClassPathResource("static/css/member-detail.css").getContentAsString(StandardCharsets.UTF_8);
        assertThat(css).contains(".js .nojs-save { display: none; }");
        String script = new ClassPathResource("static/js/gatehouse.js").getContentAsString(StandardCharsets.UTF_8);
        assertThat(script).contains("document.documentElement.classList.add(\"js\")");
    }

    @Test
    void editingPropertiesShowsOneSaveButtonOnly() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org, "Licenses");

        String page = body(send(manager, get(url(person)).param("tab", "properties").param("edit", "")));

        assertThat(saveButtons(page)).hasSize(1);
        assertThat(tag(page, "form", "action=\"" + url(person) + "/properties\"")).contains("method=\"post\"");
        assertThat(tags(page, "form", "id=\"rights-form\"")).isEmpty();
        assertThat(tags(page, "form", "id=\"disabled-form\"")).isEmpty();
        assertThat(page).doesNotContain(">Edit</a>");
    }

    @Test
    void aTickedRightSaysSavedBesideItsBoxAndTheLiveRegionNamesIt() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember person = data.user(org);

        String fragment = body(send(manager, post(url(person) + "/rights").param("changed", "Licenses").param("rights", "Licenses")
                .header("HX-Request", "true")).andExpect(status().isOk()));

        int box = fragment.indexOf("value=\"Licenses\"");
        int mark = fragment.indexOf("class=\"save-mark saved\">Saved ✓</span>");
        int nextBox = fragment.indexOf("name=\"rights\"", box + 1);
        assertThat(mark).isGreaterThan(box);
        assertThat(nextBox < 0 || mark < nextBox).as("the mark sits right after the ticked box").isTrue();
        assertThat(fragment).contains("<p id=\"rights-status\" hx-swap-oob=\"innerHTML\">Licenses: saved.</p>");
    }

    @Test
    void termsShowNotAcceptedYetForSomeoneWhoHasNotRegistered() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = TestData.unique("terms") + "@invitee.test";
        invitations.invite(data.actor(manager.userId()), List.of(email), List.of(new Invitations.Target(org, Role.USER, null, null)));
        String invitee = "/organizations/" + org + "/users/" + accounts.findByEmail(email).orElseThrow().userId();

        String page = body(send(manager, get(invitee)).andExpect(status().isOk()));

        assertThat(page).contains("<dt>Terms of use</dt>").contains(">Not accepted yet</a>");
    }

    @Test
    void registeringStoresTheVersionOfTheTermsAcceptedAndThePageShowsItAndWhen() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = TestData.unique("terms") + "@invitee.test";
        invitations.invite(data.actor(manager.userId()), List.of(email), List.of(new Invitations.Target(org, Role.USER, null, null)));
        Matcher link = LINK.matcher(mails.to(email).get(0).text());
        assertThat(link.find()).isTrue();

        var registered = invitations.register(link.group(1),
                new Accounts.Registration("Tara", "Terms", "Amber-Falcon-Orchard-73", Language.EN, true));

        assertThat(jdbc.sql("select terms_version from user_account where id = ?").param(registered.id().value())
                .query(String.class).single()).isEqualTo(TermsOfUse.CURRENT_VERSION);
        TermsOfUse terms = accounts.termsAccepted(registered.id()).orElseThrow();
        String page = body(send(manager, get("/organizations/" + org + "/users/" + registered.userId())).andExpect(status().isOk()));
        assertThat(page).contains("<dt>Terms of use</dt>")
                .containsPattern(">Version " + TermsOfUse.CURRENT_VERSION + ", accepted on [0-9/]+ [0-9:]+</a>");
        assertThat(terms.acceptedAt()).isNotNull();
    }
}
