package io.gatehouse.member;

import static io.gatehouse.member.MemberDetailHtml.tag;
import static io.gatehouse.member.MemberDetailHtml.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.MembershipStatus;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.Role;
import io.gatehouse.invitation.Invitations;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What shuts a person out asks first, naming the person and the effect: in a dialog with
 * JavaScript (data-confirm), and on a page of its own without it, since the server acts only on
 * the explicit answer.
 */
@IntegrationTest
class PersonPageConfirmationTest {

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

    private static String url(TestMember person) {
        return "/organizations/" + person.organizationId() + "/users/" + person.id();
    }

    private ResultActions send(TestMember actor, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(actor.id())).with(csrf()));
    }

    private static String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString();
    }

    private TestMember marieMartin(OrganizationId org) {
        TestMember person = data.user(org);
        accounts.update(data.admin(), person.userId(), new AccountChanges("Marie", "Martin", null, null, null, null, null, null));
        return person;
    }

    private void speaks(TestMember person, Language language) {
        accounts.update(data.admin(), person.userId(), new AccountChanges(null, null, null, null, null, language, null, null));
    }

    @Test
    void theDisabledBoxAndBlockUserCarryTheirQuestionNamingThePersonAndTheEffect() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        TestMember manager = data.manager(org);
        TestMember marie = marieMartin(org);

        String page = body(send(manager, get(url(marie))).andExpect(status().isOk()));

        assertThat(tag(page, "form", "id=\"disabled-form\"")).contains(
                "data-confirm=\"Marie Martin will lose access to all organizations at once and can no longer sign in");
        assertThat(tag(page, "form", "action=\"" + url(marie) + "/block\"")).contains(
                "data-confirm=\"Marie Martin will be blocked in " + organization.name() + ": their next request there is refused.");
    }

    @Test
    void tickingDisabledWithoutTheAnswerShowsTheQuestionOnAPageAndChangesNothing() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember marie = marieMartin(org);
        long before = data.auditEntries(org, "user.disabled");

        String html = body(send(manager, post(url(marie) + "/disabled").param("disabled", "true")).andExpect(status().isOk()));

        assertThat(html).contains("<h1>Disable Marie Martin?</h1>")
                .contains("Marie Martin will lose access to all organizations at once");
        String form = tag(html, "form", "action=\"" + url(marie) + "/disabled\"");
        assertThat(form).contains("method=\"post\"");
        assertThat(html).contains("<input type=\"hidden\" name=\"disabled\" value=\"true\">")
                .contains("<input type=\"hidden\" name=\"confirmed\" value=\"true\">")
                .contains(">Disable</button>");
        // Where it sits: User Management, then the person.
        assertThat(html).contains(">User Management</a> › <a href=\"" + url(marie) + "\">Marie Martin</a>");
        assertThat(accounts.find(marie.userId()).disabled()).isFalse();
        assertThat(data.auditEntries(org, "user.disabled")).isEqualTo(before);

        send(manager, post(url(marie) + "/disabled").param("disabled", "true").param("confirmed", "true"))
                .andExpect(redirectedUrl(url(marie) + "?tab=properties"));
        assertThat(accounts.find(marie.userId()).disabled()).isTrue();
    }

    @Test
    void withHtmxAnUnansweredDisableLeavesTheBoxUntickedWithTheQuestionBesideIt() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember marie = marieMartin(org);

        String fragment = body(send(manager, post(url(marie) + "/disabled").param("disabled", "true").header("HX-Request", "true"))
                .andExpect(status().isOk()));

        assertThat(tag(fragment, "input", "id=\"disabled\"")).doesNotContain(" checked");
        assertThat(tag(fragment, "span", "id=\"disabled-mark\"")).contains("save-mark refused");
        assertThat(fragment).contains("Marie Martin will lose access to all organizations at once");
        assertThat(accounts.find(marie.userId()).disabled()).isFalse();
    }

    @Test
    void theQuestionSpeaksTheViewersLanguage() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember marie = marieMartin(org);

        speaks(manager, Language.FR);
        assertThat(body(send(manager, post(url(marie) + "/disabled").param("disabled", "true"))))
                .contains("Désactiver Marie Martin ?", "Marie Martin perdra d’un coup l’accès à toutes les organisations");
        speaks(manager, Language.ES);
        assertThat(body(send(manager, post(url(marie) + "/block"))))
                .contains("¿Bloquear a Marie Martin en ", ">Bloquear usuario</button>");
        speaks(manager, Language.JA);
        assertThat(body(send(manager, post(url(marie) + "/disabled").param("disabled", "true"))))
                .contains("Marie Martin さんはすべての組織へのアクセスを一度に失い");
    }

    @Test
    void blockUserWithoutTheAnswerAsksNamingThePersonAndTheOrganization() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        TestMember manager = data.manager(org);
        TestMember marie = marieMartin(org);

        String html = body(send(manager, post(url(marie) + "/block")).andExpect(status().isOk()));

        assertThat(html).contains("<h1>Block Marie Martin in " + organization.name() + "?</h1>")
                .contains("<input type=\"hidden\" name=\"confirmed\" value=\"true\">")
                .contains(">Block user</button>");
        assertThat(memberships.get(org, marie.userId()).status()).isEqualTo(MembershipStatus.ACTIVE);
        assertThat(data.auditEntries(org, "member.blocked")).isZero();
    }

    @Test
    void removeFromAsksNamingThePersonAndEveryOrganizationChosenBeforeRemoving() throws Exception {
        OrganizationView first = data.organization();
        OrganizationView second = data.organization();
        OrganizationId firstId = OrganizationId.parse(first.id());
        OrganizationId secondId = OrganizationId.parse(second.id());
        TestMember manager = data.manager(firstId);
        data.join(manager, secondId, Role.MANAGER);
        TestMember marie = marieMartin(firstId);
        data.join(marie, secondId, Role.USER);

        String html = body(send(manager, post(url(marie) + "/remove").param("organizations", first.id(), second.id()))
                .andExpect(status().isOk()));

        assertThat(html).contains("Remove Marie Martin from " + first.name() + ", " + second.name() + "?")
                .contains("<input type=\"hidden\" name=\"organizations\" value=\"" + first.id() + "\">")
                .contains("<input type=\"hidden\" name=\"organizations\" value=\"" + second.id() + "\">");
        assertThat(memberships.find(firstId, marie.userId())).isPresent();
        assertThat(memberships.find(secondId, marie.userId())).isPresent();
    }

    @Test
    void theTrashIconWithoutTheAnswerAsksAndRemovesNothing() throws Exception {
        OrganizationView other = data.organization();
        OrganizationId org = data.organizationId();
        OrganizationId otherId = OrganizationId.parse(other.id());
        TestMember manager = data.manager(org);
        data.join(manager, otherId, Role.MANAGER);
        TestMember marie = marieMartin(org);
        data.join(marie, otherId, Role.USER);

        String html = body(send(manager, post(url(marie) + "/memberships/" + other.id() + "/remove")).andExpect(status().isOk()));

        assertThat(html).contains("Remove Marie Martin from " + other.name() + "?");
        assertThat(memberships.find(otherId, marie.userId())).isPresent();
    }

    @Test
    void afterRemoveFromTheListSaysWhatHappened() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        TestMember manager = data.manager(org);
        TestMember marie = marieMartin(org);

        // The browser follows the redirect with what the answer set (the message travels with it).
        MvcResult removed = send(manager, post(url(marie) + "/remove").param("organizations", org.toString()).param("confirmed", "true"))
                .andExpect(redirectedUrl("/organizations/" + org + "/users")).andReturn();
        assertThat(removed.getFlashMap().get("flash"))
                .isEqualTo("Marie Martin was removed from " + organization.name() + ". The account stays.");

        String list = body(send(manager, get("/organizations/" + org + "/users").cookie(removed.getResponse().getCookies()))
                .andExpect(status().isOk()));
        assertThat(tag(list, "p", "id=\"flash\"")).contains("role=\"status\"");
        assertThat(list).contains(">Marie Martin was removed from " + organization.name() + ". The account stays.</p>");
    }

    @Test
    void removedFromAnotherOrganizationOnlyTheyStayOnTheirPageWhichSaysSo() throws Exception {
        OrganizationView other = data.organization();
        OrganizationId org = data.organizationId();
        OrganizationId otherId = OrganizationId.parse(other.id());
        TestMember manager = data.manager(org);
        data.join(manager, otherId, Role.MANAGER);
        TestMember marie = marieMartin(org);
        data.join(marie, otherId, Role.USER);

        send(manager, post(url(marie) + "/remove").param("organizations", other.id()).param("confirmed", "true"))
                .andExpect(redirectedUrl(url(marie) + "?tab=organizations"))
                .andExpect(flash().attribute("flash", "Marie Martin was removed from " + other.name() + ". The account stays."));
    }

    @Test
    void theBreadcrumbOfRemoveFromNamesSomeoneWhoHasNoNameYetByTheirAddress() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = TestData.unique("nameless") + "@invitee.test";
        invitations.invite(data.actor(manager.userId()), List.of(email), List.of(new Invitations.Target(org, Role.USER, null, null)));
        String invitee = "/organizations/" + org + "/users/" + accounts.findByEmail(email).orElseThrow().userId();

        String page = body(send(manager, get(invitee + "/remove")).andExpect(status().isOk()));
        String crumb = page.substring(page.indexOf("<p class=\"crumb\">"), page.indexOf("</p>", page.indexOf("<p class=\"crumb\">")));
        assertThat(crumb).contains(">User Management</a>").contains(">" + email + "</a>");
        assertThat(tags(page, "a", "href=\"" + invitee + "\"")).isNotEmpty();

        String question = body(send(manager, post(invitee + "/remove").param("organizations", org.toString())));
        assertThat(question).contains("Remove " + email + " from ");
        String questionCrumb = question.substring(question.indexOf("<p class=\"crumb\">"),
                question.indexOf("</p>", question.indexOf("<p class=\"crumb\">")));
        assertThat(questionCrumb).contains(">User Management</a>").contains(">" + email + "</a>");
    }
}
