package io.gatehouse.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.mail.MailView;
import io.gatehouse.mail.Mails;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class InvitationApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LINK = Pattern.compile("/invitations/accept\\?token=([A-Za-z0-9_-]{43})");
    private static final String NEW_PASSWORD = "Amber-Falcon-Orchard-73";

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
    void newAddressesSeparatedAnyWayAreInvitedEachWithOneMailAndShowAsNotified() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        SiteView site = data.site(org);
        String a = address("ana");
        String b = address("bo");
        String c = address("cy");

        invite(org, manager, Map.of("emails", a + "; " + b + ",\n" + c, "role", "USER", "rights", List.of("Licenses"),
                "sites", List.of(site.id())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[*].outcome").value(contains("INVITED", "INVITED", "INVITED")))
                .andExpect(jsonPath("$.results[0].email").value(a))
                .andExpect(jsonPath("$.results[0].message").value("Invitation sent to " + a + "."));

        for (String email : List.of(a, b, c)) {
            List<MailView> received = mails.to(email);
            assertThat(received).hasSize(1);
            assertThat(received.get(0).subject()).isNotBlank();
            assertThat(received.get(0).text()).containsPattern(LINK);
            assertThat(received.get(0).html()).containsPattern(LINK);
        }
        mvc.perform(get("/api/v1/organizations/{org}/members", org).param("status", "NOTIFIED")
                        .with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items[*].email").value(containsInAnyOrder(a, b, c)))
                .andExpect(jsonPath("$.items[0].rights[0]").value("Licenses"))
                .andExpect(jsonPath("$.items[0].sites[0]").value(site.id()));
        assertThat(data.auditEntries(org, "member.invited")).isEqualTo(3);
    }

    @Test
    void anArrayOfAddressesWorksAsWellAndEachAddressGetsItsOwnVerdict() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember existingMember = data.user(org);
        TestMember elsewhere = data.user(data.organizationId());
        String fresh = address("fresh");

        invite(org, manager, Map.of("emails", List.of(fresh, "not-an-address", fresh.toUpperCase(), existingMember.email(),
                        elsewhere.email()), "role", "USER"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[*].outcome").value(contains(
                        "INVITED", "INVALID", "DUPLICATE", "ALREADY_MEMBER", "ADDED")));

        assertThat(mails.to(fresh)).hasSize(1);
        assertThat(mails.to(existingMember.email())).isEmpty();
        List<MailView> told = mails.to(elsewhere.email());
        assertThat(told).hasSize(1);
        assertThat(told.get(0).text()).doesNotContainPattern(LINK);
        mvc.perform(get("/api/v1/organizations/{org}/members/{user}", org, elsewhere.id())
                        .with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("NOTIFIED"));
    }

    @Test
    void aNewPersonIsWrittenToInTheOrganizationsLanguageAndAnExistingOneInTheirOwn() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        mvc.perform(patch("/api/v1/organizations/{org}", org)
                        .with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"defaultLanguage\":\"fr\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.defaultLanguage").value("fr"));
        TestMember japanese = data.user(data.organizationId());
        jdbc.sql("update user_account set language = 'ja' where id = ?").param(japanese.userId().value()).update();
        String fresh = address("fr");

        invite(org, manager, Map.of("emails", List.of(fresh, japanese.email()), "role", "USER")).andExpect(status().isOk());

        assertThat(mails.to(fresh).get(0).subject()).contains("vous invite à rejoindre");
        assertThat(mails.to(japanese.email()).get(0).text()).containsPattern("[\\p{IsHiragana}\\p{IsKatakana}]");
    }

    @Test
    void anOrganizationAdminCannotChangeTheDefaultLanguageNorSetAnUnknownOne() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);

        mvc.perform(patch("/api/v1/organizations/{org}", org)
                        .with(httpBasic(manager.email(), manager.password()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"defaultLanguage\":\"es\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(patch("/api/v1/organizations/{org}", org)
                        .with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"defaultLanguage\":\"klingon\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("defaultLanguage"));
    }

    @Test
    void theCsvExportCarriesNotifiedAndConnected() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String waiting = address("waiting");
        String joined = address("joined");
        invite(org, manager, Map.of("emails", waiting + ";" + joined, "role", "USER")).andExpect(status().isOk());
        invitations.register(token(joined), new Accounts.Registration("Ida", "Joined", NEW_PASSWORD, Language.EN, true));
        mvc.perform(get("/api/v1/me").with(httpBasic(joined, NEW_PASSWORD))).andExpect(status().isOk());
        mvc.perform(post("/signin").param("email", joined).param("password", NEW_PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/"));

        String csv = mvc.perform(get("/api/v1/organizations/{org}/members.csv", org).with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(csv.lines().filter(line -> line.contains(waiting))).singleElement().asString().contains(",notified,");
        assertThat(csv.lines().filter(line -> line.contains(joined))).singleElement().asString().contains(",connected,");
    }

    @Test
    void moreThanAHundredAddressesAreRefusedAndNothingIsSent() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String tag = TestData.unique("many");
        String emails = IntStream.range(0, 101).mapToObj(i -> tag + "-" + i + "@invite.test").collect(Collectors.joining(";"));

        invite(org, manager, Map.of("emails", emails, "role", "USER"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("emails"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("100")));

        assertThat(mails.to(tag + "-0@invite.test")).isEmpty();
        assertThat(jdbc.sql("select count(*) from user_account where email like ?").param(tag + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from invitation where organization_id = ?").param(org.value()).query(Long.class).single()).isZero();
    }

    @Test
    void exactlyAHundredAddressesAreInvited() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String tag = TestData.unique("hundred");
        List<String> emails = IntStream.range(0, 100).mapToObj(i -> tag + "-" + i + "@invite.test").toList();

        invite(org, manager, Map.of("emails", emails, "role", "USER")).andExpect(status().isOk())
                .andExpect(jsonPath("$.results.length()").value(100));

        assertThat(jdbc.sql("select count(*) from invitation where organization_id = ? and status = 'PENDING'")
                .param(org.value()).query(Long.class).single()).isEqualTo(100);
    }

    @Test
    void aUserManagementHolderCannotInviteAManagerNorGrantARightTheyDoNotHold() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember admin = data.userManager(org);
        String email = address("eve");

        invite(org, admin, Map.of("emails", email, "role", "MANAGER")).andExpect(status().isForbidden());
        invite(org, admin, Map.of("emails", email, "role", "USER", "rights", List.of("Showcase 360 Administrator")))
                .andExpect(status().isForbidden());
        invite(org, admin, Map.of("emails", email, "role", "USER", "rights", List.of("Contacts Viewer")))
                .andExpect(status().isForbidden());

        assertThat(mails.to(email)).isEmpty();
        assertThat(jdbc.sql("select count(*) from user_account where email_key = ?").param(email).query(Long.class).single()).isZero();
    }

    @Test
    void inAVendorManagedOrganizationItsAdminsAskThroughRequestsWhileVendorStaffInvite() throws Exception {
        OrganizationId org = OrganizationId.parse(data.organization(io.gatehouse.organization.ManagementMode.VENDOR_MANAGED).id());
        TestMember manager = data.manager(org);
        String email = address("vm");

        invite(org, manager, Map.of("emails", email, "role", "USER"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("This organization is managed by the vendor: send a request instead."));
        assertThat(mails.to(email)).isEmpty();

        mvc.perform(post("/api/v1/organizations/{org}/invitations", org).with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("emails", email, "role", "USER"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].outcome").value("INVITED"));
    }

    @Test
    void aPlainUserMayNotInvite() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember user = data.user(org);

        invite(org, user, Map.of("emails", address("no"), "role", "USER")).andExpect(status().isForbidden());
    }

    @Test
    void theLinkRegistersThePersonOnceWhoThenSignsInAndIsConnected() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = address("reg");
        invite(org, manager, Map.of("emails", email, "role", "CONTRIBUTOR")).andExpect(status().isOk());
        String token = token(email);

        assertThat(invitations.open(token)).hasValueSatisfying(opened -> assertThat(opened.email()).isEqualTo(email));
        invitations.register(token, new Accounts.Registration("Rosa", "Quintero", NEW_PASSWORD, Language.ES, true));

        assertThat(invitations.open(token)).isEmpty();
        mvc.perform(get("/api/v1/organizations/{org}/invitations", org).param("status", "ACCEPTED")
                        .with(httpBasic(manager.email(), manager.password())))
                .andExpect(jsonPath("$[*].email").value(hasItem(email)));
        String userId = jdbc.sql("select id from user_account where email_key = ?").param(email).query(String.class).single();
        mvc.perform(get("/api/v1/organizations/{org}/members/{user}", org, userId).with(httpBasic(manager.email(), manager.password())))
                .andExpect(jsonPath("$.firstName").value("Rosa"))
                .andExpect(jsonPath("$.role").value("CONTRIBUTOR"))
                .andExpect(jsonPath("$.status").value("NOTIFIED"));

        mvc.perform(post("/signin").param("email", email).param("password", NEW_PASSWORD)
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/api/v1/organizations/{org}/members/{user}", org, userId).with(httpBasic(manager.email(), manager.password())))
                .andExpect(jsonPath("$.status").value("CONNECTED"));
    }

    @Test
    void registrationChecksEveryFieldAndChangesNothingWhenOneIsWrong() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = address("bad");
        invite(org, manager, Map.of("emails", email, "role", "USER")).andExpect(status().isOk());
        String token = token(email);

        var failure = catchThrowableOfType(io.gatehouse.shared.InvalidInputException.class,
                () -> invitations.register(token, new Accounts.Registration(" ", "Doe", "short", Language.EN, false)));

        assertThat(failure.errors()).extracting(io.gatehouse.shared.InvalidInputException.FieldError::field)
                .contains("firstName", "password", "terms");
        assertThat(invitations.open(token)).isPresent();
        assertThat(jdbc.sql("select status from user_account where email_key = ?").param(email).query(String.class).single())
                .isEqualTo("INVITED");
    }

    @Test
    void anExpiredLinkOpensNothingAndResendGivesANewLinkThatWorks() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = address("late");
        invite(org, manager, Map.of("emails", email, "role", "USER")).andExpect(status().isOk());
        String oldToken = token(email);
        jdbc.sql("update invitation set expires_at = ? where email = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)), email).update();

        assertThat(invitations.open(oldToken)).isEmpty();
        String id = listed(org, manager, "EXPIRED", email);

        mvc.perform(post("/api/v1/organizations/{org}/invitations/{id}/resend", org, id)
                        .with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"));

        assertThat(mails.to(email)).hasSize(2);
        String newToken = token(email);
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(invitations.open(oldToken)).isEmpty();
        assertThat(invitations.open(newToken)).isPresent();
    }

    @Test
    void revokingEndsTheLinkAndRemovesThePlaceItHeld() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String email = address("gone");
        invite(org, manager, Map.of("emails", email, "role", "USER")).andExpect(status().isOk());
        String token = token(email);
        String id = listed(org, manager, "PENDING", email);

        mvc.perform(delete("/api/v1/organizations/{org}/invitations/{id}", org, id).with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isNoContent());

        assertThat(invitations.open(token)).isEmpty();
        assertThat(jdbc.sql("select count(*) from user_account where email_key = ?").param(email).query(Long.class).single()).isZero();
        listed(org, manager, "REVOKED", email);
        mvc.perform(delete("/api/v1/organizations/{org}/invitations/{id}", org, id).with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isConflict());
        assertThat(data.auditEntries(org, "invitation.revoked")).isEqualTo(1);
    }

    @Test
    void oneRegistrationAcceptsTheInvitationsOfEveryOrganization() throws Exception {
        OrganizationId first = data.organizationId();
        OrganizationId second = data.organizationId();
        TestMember firstManager = data.manager(first);
        TestMember secondManager = data.manager(second);
        String email = address("both");
        invite(first, firstManager, Map.of("emails", email, "role", "USER")).andExpect(status().isOk());
        String firstToken = token(email);
        invite(second, secondManager, Map.of("emails", email, "role", "OPERATOR"))
                .andExpect(jsonPath("$.results[0].outcome").value("INVITED"));

        invitations.register(firstToken, new Accounts.Registration("Lin", "Park", NEW_PASSWORD, Language.EN, true));

        assertThat(jdbc.sql("select count(*) from invitation where email = ? and status = 'ACCEPTED'").param(email)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(invitations.open(token(email))).isEmpty();
    }

    @Test
    void anotherOrganizationsInvitationsAreNotFound() throws Exception {
        OrganizationId org = data.organizationId();
        OrganizationId other = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember otherManager = data.manager(other);
        String email = address("theirs");
        invite(other, otherManager, Map.of("emails", email, "role", "USER")).andExpect(status().isOk());
        String theirs = listed(other, otherManager, "PENDING", email);

        mvc.perform(get("/api/v1/organizations/{org}/invitations", other).with(httpBasic(manager.email(), manager.password())))
                .andExpect(status().isNotFound());
        invite(other, manager, Map.of("emails", address("x"), "role", "USER")).andExpect(status().isNotFound());
        for (var request : List.of(post("/api/v1/organizations/{org}/invitations/{id}/resend", org, theirs),
                delete("/api/v1/organizations/{org}/invitations/{id}", org, theirs),
                post("/api/v1/organizations/{org}/invitations/{id}/resend", other, theirs),
                delete("/api/v1/organizations/{org}/invitations/{id}", other, theirs))) {
            mvc.perform(request.with(httpBasic(manager.email(), manager.password())))
                    .andExpect(status().isNotFound())
                    .andExpect(content()
                            .string(not(containsString(email))));
        }
        assertThat(mails.to(email)).hasSize(1);
    }

    private ResultActions invite(OrganizationId org, TestMember who, Map<String, Object> body) throws Exception {
        return mvc.perform(post("/api/v1/organizations/{org}/invitations", org)
                .with(httpBasic(who.email(), who.password()))
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body)));
    }

    private String listed(OrganizationId org, TestMember who, String status, String email) throws Exception {
        String body = mvc.perform(get("/api/v1/organizations/{org}/invitations", org).param("status", status)
                        .with(httpBasic(who.email(), who.password())))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(body, "$[?(@.email == '" + email + "')].id");
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    /** The token of the newest invitation mail to this address, as its reader would click it. */
    private String token(String email) {
        MailView newest = mails.to(email).get(0);
        Matcher matcher = LINK.matcher(newest.text());
        assertThat(matcher.find()).as("a link in " + newest.text()).isTrue();
        return matcher.group(1);
    }

    private static String address(String name) {
        return TestData.unique(name) + "@invite.test";
    }
}
