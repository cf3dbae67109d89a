package io.gatehouse.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.access.Role;
import io.gatehouse.access.StaffRole;
import io.gatehouse.mail.Mails;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class UserApiTest {

    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Mails mails;

    // ---- /users/{id}

    @Test
    void managerReadsAndRenamesAnAccountAndMemberSearchFollows() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org);
        String newLastName = "Vandermeer" + TestData.unique("x").replace("-", "").toLowerCase();

        mvc.perform(as(manager, get("/api/v1/users/{id}", member.id())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(member.id()))
                .andExpect(jsonPath("$.email").value(member.email()))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.language").value("en"))
                .andExpect(jsonPath("$.dateFormat").value("dd/MM/yyyy"))
                .andExpect(jsonPath("$.passwordHash").doesNotExist());

        patchUser(manager, member, "{\"firstName\":\"Ingrid\",\"lastName\":\"" + newLastName + "\",\"position\":\"Buyer\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.firstName").value("Ingrid"))
                .andExpect(jsonPath("$.lastName").value(newLastName))
                .andExpect(jsonPath("$.position").value("Buyer"));

        mvc.perform(as(manager, get("/api/v1/organizations/{org}/members", org)).param("q", newLastName.substring(0, 12).toUpperCase()))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].userId").value(member.id()))
                .andExpect(jsonPath("$.items[0].lastName").value(newLastName));
        mvc.perform(as(manager, get("/api/v1/organizations/{org}/members", org)).param("q", "ingrid"))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(as(manager, get("/api/v1/organizations/{org}/audit", org)).param("action", "user.updated"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].before.firstName").value("Test"))
                .andExpect(jsonPath("$.items[0].after.lastName").value(newLastName));
    }

    @Test
    void emailChangeFollowsLoginAndSearch() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org);
        String email = "moved." + TestData.unique("m").toLowerCase() + "@mail.test";

        patchUser(manager, member, "{\"email\":\"" + email + "\"}")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.pendingEmail").value(email));
        confirm(email);
        mvc.perform(as(manager, get("/api/v1/users/{id}", member.id())))
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.login").value(email));
        mvc.perform(as(manager, get("/api/v1/organizations/{org}/members", org)).param("q", "MOVED."))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].userId").value(member.id()));
        mvc.perform(get("/api/v1/me").with(httpBasic(email, member.password())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(member.id()));
    }

    @Test
    void emailOfAnotherAccountConflicts() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org);
        TestMember other = data.user(data.organizationId());

        patchUser(manager, member, "{\"firstName\":\"Changed\",\"email\":\"" + other.email().toUpperCase() + "\"}")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("email"));

        mvc.perform(as(manager, get("/api/v1/users/{id}", member.id())))
                .andExpect(jsonPath("$.email").value(member.email()))
                .andExpect(jsonPath("$.firstName").value("Test"));
        assertThat(data.auditEntries(org, "user.updated")).isZero();
    }

    @Test
    void managerDisablesTheAccountOfSomeoneOnlyInTheirOrganization() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org);
        mvc.perform(get("/api/v1/me").with(httpBasic(member.email(), member.password()))).andExpect(status().isOk());

        patchUser(manager, member, "{\"disabled\":true}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DISABLED"));

        assertThat(data.auditEntries(org, "user.disabled")).isEqualTo(1);
        mvc.perform(as(manager, get("/api/v1/organizations/{org}/members/{user}", org, member.id())))
                .andExpect(jsonPath("$.status").value("DISABLED"));
        mvc.perform(get("/api/v1/me").with(httpBasic(member.email(), member.password())))
                .andExpect(status().isUnauthorized());

        patchUser(manager, member, "{\"disabled\":false}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        assertThat(data.auditEntries(org, "user.enabled")).isEqualTo(1);
        mvc.perform(get("/api/v1/me").with(httpBasic(member.email(), member.password()))).andExpect(status().isOk());
    }

    @Test
    void managerCannotChangeAnAccountThatAlsoBelongsToAnOrganizationTheyDoNotManage() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        OrganizationId other = data.organizationId();
        TestMember shared = data.join(data.user(other), org, Role.USER);

        mvc.perform(as(manager, get("/api/v1/users/{id}", shared.id()))).andExpect(status().isOk());
        for (String body : List.of("{\"lastName\":\"Hijacked\"}", "{\"disabled\":true}", "{\"language\":\"ja\"}")) {
            patchUser(manager, shared, body)
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.reason").value("policy.accountSharedWithOtherOrganizations"));
        }

        mvc.perform(asAdmin(get("/api/v1/users/{id}", shared.id())))
                .andExpect(jsonPath("$.lastName").value(startsWith("Person-")))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.language").value("en"));
        assertThat(data.auditEntries(org, "user.updated") + data.auditEntries(org, "user.disabled")
                + data.auditEntries(other, "user.updated") + data.auditEntries(other, "user.disabled")).isZero();
    }

    @Test
    void managerCannotTakeOverAVendorStaffAccountByAddingItToTheirOrganization() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"firstName\":\"x\",\"lastName\":\"x\",\"email\":\"" + support.email() + "\",\"role\":\"USER\"}"))
                .andExpect(status().isCreated());

        for (String body : List.of("{\"disabled\":true}", "{\"email\":\"taken-over." + support.email() + "\"}",
                "{\"lastName\":\"Hijacked\"}")) {
            mvc.perform(as(manager, patch("/api/v1/users/{id}", support.userId()))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.reason").value("policy.vendorAdminOnly"));
        }
        mvc.perform(asAdmin(get("/api/v1/users/{id}", support.userId())))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.email").value(support.email()))
                .andExpect(jsonPath("$.lastName").value(support.lastName()));
        mvc.perform(get("/api/v1/me").with(httpBasic(support.email(), TestData.PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void onlyTheVendorAdminDeletesAnAccount() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org);

        mvc.perform(as(manager, delete("/api/v1/users/{id}", member.id())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.vendorAdminOnly"));
        mvc.perform(as(member, delete("/api/v1/users/{id}", manager.id())))
                .andExpect(status().isNotFound());
        mvc.perform(as(manager, get("/api/v1/users/{id}", member.id()))).andExpect(status().isOk());

        mvc.perform(asAdmin(delete("/api/v1/users/{id}", member.id())))
                .andExpect(status().isNoContent());

        mvc.perform(asAdmin(get("/api/v1/users/{id}", member.id()))).andExpect(status().isNotFound());
        mvc.perform(as(manager, get("/api/v1/organizations/{org}/members/{user}", org, member.id())))
                .andExpect(status().isNotFound());
        assertThat(data.auditEntries(org, "user.deleted")).isEqualTo(1);
        mvc.perform(get("/api/v1/me").with(httpBasic(member.email(), member.password())).with(fromOwnAddress()))
                .andExpect(status().isUnauthorized());
    }

    // ---- /me

    @Test
    void personStoresTheirOwnLanguageAndDateFormat() throws Exception {
        TestMember person = data.user(data.organizationId());
        mvc.perform(as(person, get("/api/v1/me")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(person.id()))
                .andExpect(jsonPath("$.language").value("en"))
                .andExpect(jsonPath("$.dateFormat").value("dd/MM/yyyy"));

        mvc.perform(as(person, patch("/api/v1/me"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"language\":\"fr\",\"dateFormat\":\"MM/dd/yyyy\",\"position\":\"Chef\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.language").value("fr"))
                .andExpect(jsonPath("$.dateFormat").value("MM/dd/yyyy"));

        mvc.perform(as(person, get("/api/v1/me")))
                .andExpect(jsonPath("$.language").value("fr"))
                .andExpect(jsonPath("$.dateFormat").value("MM/dd/yyyy"))
                .andExpect(jsonPath("$.position").value("Chef"));
        assertThat(jdbc.sql("select language || ' ' || date_format from user_account where id = ?")
                .param(person.userId().value()).query(String.class).single()).isEqualTo("fr MM/dd/yyyy");

        // An explicit Accept-Language still wins for an API call.
        mvc.perform(as(person, post("/api/v1/me/password"))
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "es")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"not-my-password-at-all\",\"newPassword\":\"Granite-Harbour-Sail-64\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Datos no válidos"))
                .andExpect(jsonPath("$.errors[0].field").value("currentPassword"));
    }

    /**
     * LocaleConfiguration.PersonLocaleResolver overrides resolveLocale only, but DispatcherServlet
     * asks a CookieLocaleResolver for resolveLocaleContext, which never calls it: the person's own
     * language is ignored and every message falls back to the request's locale (English here).
     */
    @Test
    void messagesFollowThePersonsOwnLanguageWhenNoAcceptLanguageIsSent() throws Exception {
        TestMember person = data.user(data.organizationId());
        mvc.perform(as(person, patch("/api/v1/me"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"language\":\"fr\"}"))
                .andExpect(status().isOk());

        mvc.perform(as(person, post("/api/v1/me/password"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\":\"not-my-password-at-all\",\"newPassword\":\"Granite-Harbour-Sail-64\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value("Le mot de passe actuel n’est pas correct."));
    }

    @Test
    void unknownLanguageOrDateFormatIsRejected() throws Exception {
        TestMember person = data.user(data.organizationId());
        for (String body : List.of("{\"language\":\"xx\"}", "{\"language\":\"\"}", "{\"dateFormat\":\"yyyy/dd/MM\"}")) {
            mvc.perform(as(person, patch("/api/v1/me")).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(as(person, get("/api/v1/me")))
                .andExpect(jsonPath("$.language").value("en"))
                .andExpect(jsonPath("$.dateFormat").value("dd/MM/yyyy"));
    }

    @Test
    void personCannotDisableTheirOwnAccount() throws Exception {
        TestMember person = data.user(data.organizationId());
        mvc.perform(as(person, patch("/api/v1/users/{id}", person.id()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"disabled\":true}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.notYourself"));
        mvc.perform(as(person, get("/api/v1/me"))).andExpect(jsonPath("$.status").value("ACTIVE"));
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndAStrongNewOne() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember person = data.user(org);
        String newPassword = "Granite-Harbour-Sail-64";

        changePassword(person, "Not-The-Current-One-1", newPassword)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("currentPassword"));
        for (String weak : List.of("short", "Password2024!", "aaaaaaaaaaaaaaaa")) {
            changePassword(person, person.password(), weak)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("newPassword"));
        }
        changePassword(person, person.password(), "")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("newPassword"));
        // Nothing so far changed it.
        mvc.perform(as(person, get("/api/v1/me"))).andExpect(status().isOk());

        changePassword(person, person.password(), newPassword).andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), newPassword)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(person.id()));
        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), person.password())).with(fromOwnAddress()))
                .andExpect(status().isUnauthorized());
        assertThat(data.auditEntries(org, "user.passwordChanged")).isEqualTo(1);
        String audit = mvc.perform(asAdmin(get("/api/v1/organizations/{org}/audit", org)).param("action", "user.passwordChanged"))
                .andReturn().getResponse().getContentAsString();
        assertThat(audit).doesNotContain(newPassword, person.password(), "argon2");
        assertThat((Integer) JsonPath.read(audit, "$.total")).isEqualTo(1);
    }

    // ---- requests and lookups

    private ResultActions patchUser(TestMember actor, TestMember target, String body) throws Exception {
        return mvc.perform(as(actor, patch("/api/v1/users/{id}", target.id()))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** Follows the confirmation link mailed to a new address. */
    private void confirm(String newAddress) throws Exception {
        Matcher link = Pattern.compile("/account/email/confirm\\?token=([A-Za-z0-9_-]{43})").matcher(mails.to(newAddress).get(0).text());
        assertThat(link.find()).isTrue();
        mvc.perform(post("/account/email/confirm").param("token", link.group(1)).with(csrf())).andExpect(status().isOk());
    }

    private ResultActions changePassword(TestMember person, String current, String next) throws Exception {
        return mvc.perform(as(person, post("/api/v1/me/password"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}"));
    }

    /** Failed sign-ins count per client address: each deliberate one comes from an address of its own. */
    private static RequestPostProcessor fromOwnAddress() {
        return request -> {
            request.setRemoteAddr("198.51.100." + (ADDRESS.getAndIncrement() % 250 + 1));
            return request;
        };
    }

    private static MockHttpServletRequestBuilder as(TestMember member, MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(member.email(), member.password()));
    }

    private static MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD));
    }
}
