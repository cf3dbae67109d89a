package io.gatehouse.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Role;
import io.gatehouse.mail.Mails;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class InvitationPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Mails mails;

    @Autowired
    Invitations invitations;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theFirstStepShowsEachAddressWithItsVerdict() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org);
        String fresh = address("fresh");

        mvc.perform(step(org, manager).param("entry", fresh + ";" + member.email() + "; oops@; " + fresh).param("action", "add"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("for=\"entry\""), containsString(fresh),
                        containsString("will be invited"), containsString("already a member"), containsString("invalid address"),
                        containsString("duplicate"), containsString("name=\"emails\" value=\"" + fresh + "\""))));
    }

    @Test
    void moreThanAHundredAddressesAreRefusedWithAClearMessage() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String many = IntStream.range(0, 101).mapToObj(i -> "p" + i + "@many.test").collect(Collectors.joining("; "));

        mvc.perform(step(org, manager).param("entry", many).param("action", "next"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("At most 100 people can be invited at a time; you entered 101. Nothing was sent.")));
        assertThat(mails.to("p0@many.test")).isEmpty();
    }

    @Test
    void nextWithoutAnyInvitableAddressStaysOnTheFirstStep() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);

        mvc.perform(step(org, manager).param("entry", "nobody-at-all").param("action", "next"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("No address can be invited yet")));
    }

    @Test
    void theSecondStepAddsOrganizationsAndSendsTheInvitations() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = address("two");

        mvc.perform(step(org, manager).param("emails", email).param("action", "next"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Organizations &amp; Roles"), containsString("+ Add"))));
        mvc.perform(step(org, manager).param("emails", email).param("action", "addOrganization").param("organization", org.toString()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("name=\"role." + org + "\""), containsString("Send invitations"))));
        mvc.perform(step(org, manager).param("emails", email).param("action", "send"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Choose at least one organization.")));

        mvc.perform(step(org, manager).param("emails", email).param("organizations", org.toString())
                        .param("role." + org, "OPERATOR").param("rights." + org, "Licenses").param("action", "send"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/organizations/" + org + "/users/invite/sent"))
                .andExpect(flash().attributeExists("sent"));

        assertThat(mails.to(email)).hasSize(1);
        assertThat(jdbc.sql("select role from invitation where email = ?").param(email).query(String.class).single())
                .isEqualTo("OPERATOR");
    }

    @Test
    void aRightTheInviterDoesNotHoldIsRefusedOnThePageAndNothingIsSent() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember admin = data.userManager(org);
        String email = address("nope");

        mvc.perform(step(org, admin).param("emails", email).param("organizations", org.toString())
                        .param("role." + org, "USER").param("rights." + org, "Showcase 360 Administrator").param("action", "send"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("class=\"notice error\"")));
        assertThat(mails.to(email)).isEmpty();
    }

    @Test
    void thePendingListResendsAndRevokes() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = address("pending");
        invitations.invite(data.actor(manager.userId()), List.of(email), List.of(new Invitations.Target(org, Role.USER, null, null)));
        String id = jdbc.sql("select id from invitation where email = ?").param(email).query(String.class).single();

        mvc.perform(get("/organizations/{org}/invitations", org).with(user(manager.id())))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(email), containsString("pending"), containsString("Resend"))));
        mvc.perform(post("/organizations/{org}/invitations/{id}/resend", org, id).with(user(manager.id())).with(csrf()))
                .andExpect(redirectedUrl("/organizations/" + org + "/invitations"))
                .andExpect(flash().attribute("done", "invitations.resent"));
        assertThat(mails.to(email)).hasSize(2);
        mvc.perform(post("/organizations/{org}/invitations/{id}/revoke", org, id).param("confirmed", "true").with(user(manager.id()))
                        .with(csrf()))
                .andExpect(flash().attribute("done", "invitations.revoked"));
        mvc.perform(get("/organizations/{org}/invitations", org).param("status", "REVOKED").with(user(manager.id())))
                // An address may wrap before "@" and "." (<wbr>), so read it as the text shows it.
                .andExpect(result -> assertThat(result.getResponse().getContentAsString().replace("<wbr>", ""))
                        .contains(email, "revoked"));
    }

    @Test
    void revokingWithoutTheAnswerChangesNothingAndAsksNamingTheAddressAndTheOrganization() throws Exception {
        io.gatehouse.organization.OrganizationView acme = data.organization();
        OrganizationId org = OrganizationId.parse(acme.id());
        TestMember manager = data.manager(org);
        String email = address("revoked");
        invitations.invite(data.actor(manager.userId()), List.of(email), List.of(new Invitations.Target(org, Role.USER, null, null)));
        String id = jdbc.sql("select id from invitation where email = ?").param(email).query(String.class).single();
        String list = "/organizations/" + org + "/invitations";
        String question = "Revoke the invitation of " + email + " to " + acme.name()
                + "? The link stops working and the place kept for them there goes.";

        String html = mvc.perform(post(list + "/{id}/revoke", id).with(user(manager.id())).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("<h1>Revoke the invitation of " + email + "?</h1>", question,
                "href=\"" + list + "\">Pending invitations</a>", "action=\"" + list + "/" + id + "/revoke\"",
                "name=\"confirmed\" value=\"true\"", ">Revoke the invitation<", "href=\"" + list + "\">Cancel</a>");
        assertThat(jdbc.sql("select status from invitation where id = ?").param(java.util.UUID.fromString(id)).query(String.class).single())
                .isEqualTo("PENDING");
        // With JavaScript the dialog asks the same question.
        mvc.perform(get(list).with(user(manager.id()))).andExpect(content().string(containsString("data-confirm=\"" + question + "\"")));

        mvc.perform(post(list + "/{id}/revoke", id).param("confirmed", "true").with(user(manager.id())).with(csrf()))
                .andExpect(redirectedUrl(list))
                .andExpect(flash().attribute("done", "invitations.revoked"))
                .andExpect(flash().attribute("doneEmail", email));
        assertThat(jdbc.sql("select status from invitation where id = ?").param(java.util.UUID.fromString(id)).query(String.class).single())
                .isEqualTo("REVOKED");
    }

    @Test
    void aPlainUserMayNotOpenInviteUsers() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember user = data.user(org);

        mvc.perform(get("/organizations/{org}/users/invite", org).with(user(user.id()))).andExpect(status().isForbidden());
        mvc.perform(get("/organizations/{org}/invitations", org).with(user(user.id()))).andExpect(status().isForbidden());
    }

    @Test
    void anotherOrganizationsPagesAndInvitationsAreNotFound() throws Exception {
        OrganizationId org = data.organizationId();
        OrganizationId other = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember otherManager = data.manager(other);
        String email = address("secret");
        invitations.invite(data.actor(otherManager.userId()), List.of(email), List.of(new Invitations.Target(other, Role.USER, null, null)));
        String theirs = jdbc.sql("select id from invitation where email = ?").param(email).query(String.class).single();

        for (MockHttpServletRequestBuilder request : List.of(
                get("/organizations/{org}/users/invite", other),
                post("/organizations/{org}/users/invite", other).param("entry", "x@y.test").with(csrf()),
                get("/organizations/{org}/invitations", other),
                post("/organizations/{org}/invitations/{id}/resend", other, theirs).with(csrf()),
                post("/organizations/{org}/invitations/{id}/revoke", other, theirs).with(csrf()),
                post("/organizations/{org}/invitations/{id}/resend", org, theirs).with(csrf()),
                post("/organizations/{org}/invitations/{id}/revoke", org, theirs).with(csrf()),
                // Choosing the other organization in step two.
                post("/organizations/{org}/users/invite", org).param("emails", address("z")).param("organizations", other.toString())
                        .param("action", "send").with(csrf()))) {
            mvc.perform(request.with(user(manager.id())))
                    .andExpect(status().isNotFound())
                    .andExpect(content().string(not(containsString(email))));
        }
        assertThat(mails.to(email)).hasSize(1);
        assertThat(jdbc.sql("select status from invitation where id = ?")
                .param(java.util.UUID.fromString(theirs)).query(String.class).single()).isEqualTo("PENDING");
    }

    @Test
    void theOrganizationsStepShowsNoStrayCharacterAndKeepsSendInvitationsApartFromTheOrganizationSelect() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);

        String page = mvc.perform(step(org, manager).param("emails", address("stray")).param("action", "next"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("class=\"invite-default\" tabindex=\"-1\" aria-hidden=\"true\"></button>")
                .doesNotContain("·</button>");
        String css = mvc.perform(get("/css/invitations.css")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(css).as("space between the organization select and the Send invitations row")
                .containsPattern("\\.invite-add \\{[^}]*margin-bottom: 1\\.5rem");
    }

    private MockHttpServletRequestBuilder step(OrganizationId org, TestMember who) {
        return post("/organizations/{org}/users/invite", org).with(user(who.id())).with(csrf());
    }

    private static String address(String name) {
        return TestData.unique(name) + "@pages.test";
    }
}
