package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Role;
import io.gatehouse.access.StaffRole;
import io.gatehouse.member.Members;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.invitation.Invitations;
import io.gatehouse.mail.MailView;
import io.gatehouse.mail.Mails;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The words a person reads: roles, rights and statuses in their own language, the same word for the same thing. */
@IntegrationTest
class PortalWordsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    Invitations invitations;

    @Autowired
    Mails mails;

    @Autowired
    Members members;

    private String page(TestMember viewer, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(viewer.id())).with(csrf())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    private void speaks(TestMember person, Language language) {
        accounts.updateOwn(data.actor(person.userId()), new AccountChanges(null, null, null, null, null, language, null, null));
    }

    @Test
    void rolesAndTheShippedRightNamesReadInThePersonsLanguageOnEveryPageThatShowsThem() throws Exception {
        OrganizationId org = data.organizationId();
        String site = data.site(org).id();
        TestMember manager = data.manager(org);
        TestMember contributor = data.member(org, Role.CONTRIBUTOR, List.of(site), "Licenses");
        speaks(manager, Language.FR);
        speaks(contributor, Language.FR);
        String users = "/organizations/" + org + "/users";

        assertThat(page(manager, get(users + "/" + contributor.id()))).contains(">Gestion des utilisateurs<")
                .doesNotContain(">User Management<");
        assertThat(page(manager, get(users + "/" + contributor.id()).param("tab", "organizations"))).contains(">Contributeur<")
                .doesNotContain(">Contributor<");
        assertThat(page(manager, get(users + "/" + contributor.id() + "/remove"))).contains("(Contributeur)");
        assertThat(page(manager, get("/organizations/" + org + "/sites/" + site + "/access"))).contains(">Contributeur<")
                .doesNotContain(">Contributor<");
        assertThat(page(contributor, get("/"))).contains("Vous êtes Contributeur").doesNotContain("Contributor");

        speaks(manager, Language.JA);
        assertThat(page(manager, get(users + "/" + contributor.id()).param("tab", "organizations"))).contains(">コントリビューター<")
                .doesNotContain(">Contributor<");
    }

    @Test
    void theMailTellingSomeoneTheyWereAddedNamesTheRoleInTheirLanguage() {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember elsewhere = data.user(data.organizationId());
        speaks(elsewhere, Language.ES);
        invitations.invite(data.actor(manager.userId()), List.of(elsewhere.email()),
                List.of(new Invitations.Target(org, Role.OPERATOR, null, null)));
        MailView mail = mails.to(elsewhere.email()).get(0);
        assertThat(mail.text()).contains("Operador").doesNotContain("Operator");
    }

    @Test
    void registeringInFrenchFromAnEnglishBrowserEndsOnAFrenchSignInPage() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = TestData.unique("invitee").toLowerCase() + "@example.test";
        invitations.invite(data.actor(manager.userId()), List.of(email), List.of(new Invitations.Target(org, Role.USER, null, null)));
        Matcher link = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(mails.to(email).get(0).text());
        assertThat(link.find()).isTrue();

        MvcResult registered = mvc.perform(post("/invitations/accept").header("Accept-Language", "en").with(csrf())
                        .param("token", link.group(1)).param("firstName", "Marie").param("lastName", "Martin")
                        .param("password", "Amber-Falcon-Orchard-73").param("language", "fr").param("terms", "on"))
                .andExpect(redirectedUrl("/signin?registered")).andReturn();
        Cookie language = registered.getResponse().getCookie("gatehouse-lang");
        assertThat(language).as("the chosen language is remembered").isNotNull();

        String signIn = mvc.perform(get("/signin?registered").header("Accept-Language", "en").cookie(language))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(signIn).contains("lang=\"fr\"", "Votre compte est prêt");
    }

    @Test
    void aPersonBlockedInTheirOnlyOrganizationIsToldWhereAndWhomToAsk() throws Exception {
        OrganizationView organization = data.organization();
        OrganizationId org = OrganizationId.parse(organization.id());
        TestMember person = data.user(org);
        members.change(data.admin(), org, person.userId(), new Members.MemberChange(null, null, null, true));

        String welcome = page(person, get("/"));
        assertThat(welcome).contains("Your access to " + organization.name() + " is blocked", "ask a Manager of " + organization.name())
                .doesNotContain("You are not a member of any organization yet");
    }

    @Test
    void anOrganizationWithNobodyYetSaysSoAndOffersToCreateOrInviteWhileAnEmptySearchSaysNothingMatches() throws Exception {
        OrganizationId org = data.organizationId();
        String admin = data.staff(StaffRole.VENDOR_ADMIN).id().toString();
        String users = "/organizations/" + org + "/users";

        String empty = mvc.perform(get(users).with(user(admin))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(empty).contains("Nobody is in this organization yet", "href=\"" + users + "/new\"", "href=\"" + users + "/invite\"")
                .doesNotContain("No users match");

        String searched = mvc.perform(get(users).param("q", "nobody-by-this-name").with(user(admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(searched).contains("No users match this search and these filters").doesNotContain("Nobody is in this organization yet");
    }

    @Test
    void sortedByLastNameTheNamesReadLastNameFirstAndSortedByFirstNameTheyReadFirstNameFirst() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        for (String[] name : List.of(new String[] {"Ann", "Zeta"}, new String[] {"Zoe", "Alpha"})) {
            members.add(data.admin(), org, new Members.NewMember(name[0], name[1], TestData.unique("p").toLowerCase() + "@example.test",
                    null, null, TestData.PASSWORD, Role.USER, List.of(), List.of()));
        }
        String users = "/organizations/" + org + "/users";

        String byLastName = page(manager, get(users));
        assertThat(byLastName).contains(">Alpha, Zoe<", ">Zeta, Ann<").doesNotContain(">Zoe Alpha<");
        assertThat(byLastName.indexOf(">Alpha, Zoe<")).isLessThan(byLastName.indexOf(">Zeta, Ann<"));

        String byFirstName = page(manager, get(users).param("sort", "firstName"));
        assertThat(byFirstName).contains(">Ann Zeta<", ">Zoe Alpha<").doesNotContain(">Alpha, Zoe<");
        assertThat(byFirstName.indexOf(">Ann Zeta<")).isLessThan(byFirstName.indexOf(">Zoe Alpha<"));
    }
}
