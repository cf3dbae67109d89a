package io.gatehouse.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
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
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class MemberManagementApiTest {

    private static final String NEW_PASSWORD = "Copper-Lantern-Meadow-58";
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    // ---- search, filters, sort and paging

    @Test
    void searchMatchesTheStartOfFirstNameLastNameEmailOrLoginIgnoringCase() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String tag = tag();
        String gwen = create(org, manager, Map.of("firstName", "Gwendolyn", "lastName", "Harper",
                "email", "zeta." + tag + "@mail.test", "role", "USER"));
        String oscar = create(org, manager, Map.of("firstName", "Oscar", "lastName", "Lindqvist",
                "email", "kilo." + tag + "@mail.test", "login", "jet-" + tag, "role", "USER"));

        expectFound(org, manager, "gwen", gwen);
        expectFound(org, manager, "GWENDOLYN", gwen);
        expectFound(org, manager, "harP", gwen);
        expectFound(org, manager, "ZETA." + tag, gwen);
        expectFound(org, manager, "lind", oscar);
        expectFound(org, manager, "KILO", oscar);
        expectFound(org, manager, "Jet-" + tag.toUpperCase(), oscar);
        expectFound(org, manager, "  oscar  ", oscar);

        // The middle of a word is not the start of it.
        for (String middle : List.of("endolyn", "arper", "dqvist", "car", "mail.test", tag, "%", "_", "\\")) {
            search(org, manager, Map.of("q", middle)).andExpect(jsonPath("$.total").value(0));
        }
    }

    @Test
    void filtersByRoleApplicationRightSiteStatusAndApplicationHeld() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        SiteView north = data.site(org);
        SiteView south = data.site(org);
        TestMember licensed = data.member(org, Role.USER, List.of(north.id()), "Licenses");
        TestMember showcase = data.member(org, Role.OPERATOR, List.of(south.id()), "Showcase 360 Administrator");
        TestMember plain = data.member(org, Role.CONTRIBUTOR, List.of());
        TestMember disabled = data.member(org, Role.USER, List.of(north.id()));

        patchMember(org, manager, plain, "{\"blocked\":true}").andExpect(status().isOk());
        mvc.perform(as(manager, patch("/api/v1/users/{id}", disabled.id()))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"disabled\":true}"))
                .andExpect(status().isOk());

        expectMembers(org, manager, Map.of(), manager, licensed, showcase, plain, disabled);
        expectMembers(org, manager, Map.of("role", "OPERATOR"), showcase);
        expectMembers(org, manager, Map.of("role", "MANAGER"), manager);
        expectMembers(org, manager, Map.of("application", "Showcase 360"), showcase);
        expectMembers(org, manager, Map.of("application", "Customer Portal"), manager, licensed);
        expectMembers(org, manager, Map.of("application", "Contacts"));
        expectMembers(org, manager, Map.of("right", "Licenses"), licensed);
        expectMembers(org, manager, Map.of("right", "User Management"), manager);
        // Managers reach every site.
        expectMembers(org, manager, Map.of("site", north.id()), manager, licensed, disabled);
        expectMembers(org, manager, Map.of("site", south.id()), manager, showcase);
        expectMembers(org, manager, Map.of("hasApplication", "true"), manager, licensed, showcase);
        expectMembers(org, manager, Map.of("status", "ACTIVE"), manager, licensed, showcase);
        expectMembers(org, manager, Map.of("status", "BLOCKED"), plain);
        expectMembers(org, manager, Map.of("status", "DISABLED"), disabled);
        expectMembers(org, manager, Map.of("role", "USER", "site", north.id(), "status", "ACTIVE"), licensed);

        search(org, manager, Map.of("status", "BLOCKED"))
                .andExpect(jsonPath("$.items[0].status").value("BLOCKED"));
        search(org, manager, Map.of("role", "PRESIDENT")).andExpect(status().isBadRequest());
        search(org, manager, Map.of("site", "not-a-site")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("site"));
    }

    @Test
    void sortsAndPagesWithTotals() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String tag = tag();
        List<String> lastNames = List.of("Dunn", "Ames", "Ellis", "Cole", "Baker");
        List<String> emails = List.of("e", "d", "c", "b", "a");
        for (int i = 0; i < lastNames.size(); i++) {
            create(org, manager, Map.of("firstName", "Sortable", "lastName", lastNames.get(i),
                    "email", emails.get(i) + "." + tag + "@sort.test", "role", "USER"));
        }

        search(org, manager, Map.of("q", "sortable", "sort", "lastName", "size", "2"))
                .andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.items[*].lastName").value(contains("Ames", "Baker")));
        search(org, manager, Map.of("q", "sortable", "sort", "lastName", "size", "2", "page", "1"))
                .andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.items[*].lastName").value(contains("Cole", "Dunn")));
        search(org, manager, Map.of("q", "sortable", "sort", "lastName", "size", "2", "page", "2"))
                .andExpect(jsonPath("$.items[*].lastName").value(contains("Ellis")));
        search(org, manager, Map.of("q", "sortable", "size", "2", "page", "3"))
                .andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.items.length()").value(0));
        search(org, manager, Map.of("q", "sortable", "sort", "-lastName", "size", "3"))
                .andExpect(jsonPath("$.items[*].lastName").value(contains("Ellis", "Dunn", "Cole")));
        search(org, manager, Map.of("q", "sortable", "sort", "email"))
                .andExpect(jsonPath("$.items[*].lastName").value(contains("Baker", "Cole", "Ellis", "Ames", "Dunn")));
        search(org, manager, Map.of("q", "sortable", "sort", "-email", "size", "1"))
                .andExpect(jsonPath("$.items[*].lastName").value(contains("Dunn")));
        search(org, manager, Map.of("sort", "shoeSize"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sort"));
    }

    // ---- creating members

    @Test
    void existingAccountJoinsWithoutDuplicateAndKeepsItsPassword() throws Exception {
        OrganizationId home = data.organizationId();
        SiteView homeSite = data.site(home);
        TestMember person = data.member(home, Role.OPERATOR, List.of(homeSite.id()), "Licenses", "Showcase 360 Administrator");
        String originalLastName = JsonPath.read(mvc.perform(asAdmin(get("/api/v1/users/{id}", person.id())))
                .andReturn().getResponse().getContentAsString(), "$.lastName");

        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        SiteView site = data.site(org);
        String body = mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("firstName", "Somebody", "lastName", "Else", "email", person.email().toUpperCase(),
                                "password", NEW_PASSWORD, "position", "Intern", "role", "USER",
                                "rights", List.of(), "sites", List.of(site.id())))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.userId").value(person.id()))
                .andExpect(jsonPath("$.firstName").doesNotExist())
                .andExpect(jsonPath("$.lastName").doesNotExist())
                .andExpect(jsonPath("$.position").doesNotExist())
                .andExpect(jsonPath("$.role").value("USER"))
                .andExpect(jsonPath("$.rights.length()").value(0))
                .andExpect(jsonPath("$.sites").value(contains(site.id())))
                .andReturn().getResponse().getContentAsString();

        // Nothing of the other organization: not its id, its site, its role or its rights.
        assertThat(body).doesNotContain(home.toString(), homeSite.id(), homeSite.name(), "OPERATOR", "Licenses", "Showcase",
                originalLastName, "Somebody", "Intern");
        assertThat(jdbc.sql("select count(*) from user_account where email_key = ?").param(person.email())
                .query(Long.class).single()).isEqualTo(1);

        // The account's own password still opens it; the one in the request does not.
        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), TestData.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.firstName").value("Test"))
                .andExpect(jsonPath("$.lastName").value(originalLastName));
        mvc.perform(get("/api/v1/me").with(httpBasic(person.email(), NEW_PASSWORD)).with(fromOwnAddress()))
                .andExpect(status().isUnauthorized());

        // Its membership at home is untouched.
        mvc.perform(asAdmin(get("/api/v1/organizations/{org}/members/{user}", home, person.id())))
                .andExpect(jsonPath("$.role").value("OPERATOR"))
                .andExpect(jsonPath("$.rights.length()").value(2))
                .andExpect(jsonPath("$.sites").value(contains(homeSite.id())));
        assertThat(data.auditEntries(org, "member.added")).isEqualTo(2);
        assertThat(data.auditEntries(org, "user.updated")).isZero();
    }

    @Test
    void someoneAlreadyAMemberCannotBeAddedTwice() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org, "Licenses");

        mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("firstName", "Again", "lastName", "Again", "email", member.email().toUpperCase(),
                                "password", NEW_PASSWORD, "role", "MANAGER"))))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("email"));

        mvc.perform(as(manager, get("/api/v1/organizations/{org}/members/{user}", org, member.id())))
                .andExpect(jsonPath("$.role").value("USER"))
                .andExpect(jsonPath("$.rights").value(contains("Licenses")));
        assertThat(data.auditEntries(org, "member.added")).isEqualTo(2);
    }

    @Test
    void loginTakenByAnotherAccountConflicts() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember elsewhere = data.user(data.organizationId());
        String email = "fresh." + tag() + "@mail.test";

        // Login defaults to the email, so another account's email is its login.
        mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("firstName", "Fresh", "lastName", "Person", "email", email,
                                "login", elsewhere.email().toUpperCase(), "password", NEW_PASSWORD, "role", "USER"))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.field").value("login"));

        assertThat(accountsWithEmail(email)).isZero();
        assertThat(data.auditEntries(org, "member.added")).isEqualTo(1);
    }

    @Test
    void invalidInputIsExplainedFieldByFieldInFrench() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);

        mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR,fr;q=0.9")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"firstName\":\" \",\"lastName\":\"Durand\",\"email\":\"pas-une-adresse\",\"password\":\"" + NEW_PASSWORD + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Saisie non valide"))
                .andExpect(jsonPath("$.errors[?(@.field == 'firstName')].message").value(contains("Ce champ est obligatoire.")))
                .andExpect(jsonPath("$.errors[?(@.field == 'role')].message").value(contains("Ce champ est obligatoire.")))
                .andExpect(jsonPath("$.errors[?(@.field == 'email')].message").value(hasItem("Saisissez une adresse e-mail valide.")));

        mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "fr")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("firstName", "Jean", "lastName", "Durand", "email", "jean." + tag() + "@mail.test",
                                "password", NEW_PASSWORD, "role", "USER", "rights", List.of("Télépathie")))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rights"))
                .andExpect(jsonPath("$.errors[0].message").value("Aucun droit d’accès ne s’appelle « Télépathie »."));

        mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "fr")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("firstName", "Jean", "lastName", "Durand", "email", "jean." + tag() + "@mail.test",
                                "password", "court", "role", "USER"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("password"))
                .andExpect(jsonPath("$.errors[0].message").value("Utilisez au moins 12 caractères."));
        assertThat(data.auditEntries(org, "member.added")).isEqualTo(1);
    }

    // ---- changing members

    @Test
    void managerChangesRightsAndSites() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        SiteView north = data.site(org);
        SiteView south = data.site(org);
        TestMember member = data.member(org, Role.USER, List.of(north.id()), "Licenses");

        patchMember(org, manager, member, "{\"rights\":[\"Showcase 360 Administrator\",\"Licenses\"]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rights", containsInAnyOrder("Showcase 360 Administrator", "Licenses")));
        patchMember(org, manager, member, "{\"sites\":[\"" + south.id() + "\"]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sites").value(contains(south.id())))
                .andExpect(jsonPath("$.allSites").value(false));
        patchMember(org, manager, member, "{\"rights\":[]}")
                .andExpect(jsonPath("$.rights.length()").value(0));

        mvc.perform(as(manager, get("/api/v1/organizations/{org}/members/{user}", org, member.id())))
                .andExpect(jsonPath("$.rights.length()").value(0))
                .andExpect(jsonPath("$.sites").value(contains(south.id())));
        assertThat(data.auditEntries(org, "member.changed")).isEqualTo(3);
        mvc.perform(as(manager, get("/api/v1/organizations/{org}/audit", org)).param("action", "member.changed"))
                .andExpect(jsonPath("$.items[1].targetId").value(member.id()))
                .andExpect(jsonPath("$.items[1].before.sites").value(contains(north.id())))
                .andExpect(jsonPath("$.items[1].after.sites").value(contains(south.id())));
    }

    @Test
    void managerBlocksAndUnblocksAMemberWhoIsShutOutOnTheirVeryNextRequest() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.userManager(org);

        mvc.perform(as(member, get("/api/v1/organizations/{org}/members", org))).andExpect(status().isOk());

        patchMember(org, manager, member, "{\"blocked\":true}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("BLOCKED"));
        mvc.perform(as(member, get("/api/v1/organizations/{org}", org)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.membershipBlocked"));
        mvc.perform(as(member, get("/api/v1/organizations/{org}/members", org)))
                .andExpect(status().isForbidden());
        mvc.perform(as(member, post("/api/v1/organizations/{org}/members", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("firstName", "Sneaky", "lastName", "Add", "email", "sneaky." + tag() + "@mail.test",
                                "password", NEW_PASSWORD, "role", "USER"))))
                .andExpect(status().isForbidden());
        assertThat(data.auditEntries(org, "member.blocked")).isEqualTo(1);

        patchMember(org, manager, member, "{\"blocked\":false}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(as(member, get("/api/v1/organizations/{org}", org))).andExpect(status().isOk());
        assertThat(data.auditEntries(org, "member.unblocked")).isEqualTo(1);
    }

    @Test
    void userManagementHolderCannotBlockAMember() throws Exception {
        OrganizationId org = data.organizationId();
        data.manager(org);
        TestMember userManager = data.userManager(org);
        TestMember member = data.user(org);

        patchMember(org, userManager, member, "{\"blocked\":true}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.managerOnly"));

        mvc.perform(as(member, get("/api/v1/organizations/{org}", org))).andExpect(status().isOk());
        assertThat(data.auditEntries(org, "member.blocked")).isZero();
    }

    @Test
    void lastManagerCannotBeDemotedBlockedOrRemoved() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);

        patchMember(org, asAdminMember(org), manager, "{\"role\":\"USER\"}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.lastManager"));
        patchMember(org, manager, manager, "{\"role\":\"CONTRIBUTOR\"}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.lastManager"));
        patchMember(org, asAdminMember(org), manager, "{\"blocked\":true}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.lastManager"));
        mvc.perform(asAdmin(delete("/api/v1/organizations/{org}/members/{user}", org, manager.id())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.lastManager"));
        mvc.perform(as(manager, delete("/api/v1/organizations/{org}/members/{user}", org, manager.id())))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.lastManager"));

        mvc.perform(as(manager, get("/api/v1/organizations/{org}/members/{user}", org, manager.id())))
                .andExpect(jsonPath("$.role").value("MANAGER"))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        assertThat(data.auditEntries(org, "member.changed") + data.auditEntries(org, "member.blocked")
                + data.auditEntries(org, "member.removed")).isZero();

        // With a second Manager, the first is no longer the last.
        data.manager(org);
        patchMember(org, manager, manager, "{\"role\":\"USER\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("USER"));
    }

    @Test
    void userManagementHolderCannotGrantRightsTheyDoNotHold() throws Exception {
        OrganizationId org = data.organizationId();
        data.manager(org);
        TestMember userManager = data.userManager(org, "Licenses");
        TestMember member = data.user(org);

        patchMember(org, userManager, member, "{\"rights\":[\"Showcase 360 Administrator\"]}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.rightNotHeld"));
        mvc.perform(as(userManager, post("/api/v1/organizations/{org}/members", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("firstName", "Not", "lastName", "Granted", "email", "granted." + tag() + "@mail.test",
                                "password", NEW_PASSWORD, "role", "USER", "rights", List.of("Showcase 360 Administrator")))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.rightNotHeld"));

        patchMember(org, userManager, member, "{\"rights\":[\"Licenses\"]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rights").value(contains("Licenses")));
        mvc.perform(as(userManager, get("/api/v1/organizations/{org}/members/{user}", org, member.id())))
                .andExpect(jsonPath("$.rights").value(contains("Licenses")));
        assertThat(data.auditEntries(org, "member.changed")).isEqualTo(1);
    }

    @Test
    void userManagementHolderCannotRemoveRightsTheyDoNotHoldButMayLeaveThemInPlace() throws Exception {
        OrganizationId org = data.organizationId();
        data.manager(org);
        TestMember userManager = data.userManager(org);
        TestMember member = data.user(org, "Showcase 360 Administrator");

        // Removing a right one does not hold is a change of it, too.
        patchMember(org, userManager, member, "{\"rights\":[]}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.rightNotHeld"));
        // Keeping it while changing something else is fine.
        patchMember(org, userManager, member, "{\"rights\":[\"Showcase 360 Administrator\",\"User Management\"]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rights", containsInAnyOrder("Showcase 360 Administrator", "User Management")));
    }

    @Test
    void userManagementHolderCannotMakeSomeoneManager() throws Exception {
        OrganizationId org = data.organizationId();
        data.manager(org);
        TestMember userManager = data.userManager(org);
        TestMember member = data.user(org);
        String email = "boss." + tag() + "@mail.test";

        patchMember(org, userManager, member, "{\"role\":\"MANAGER\"}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.roleAboveOwn"));
        mvc.perform(as(userManager, post("/api/v1/organizations/{org}/members", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("firstName", "New", "lastName", "Boss", "email", email,
                                "password", NEW_PASSWORD, "role", "MANAGER"))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.roleAboveOwn"));

        mvc.perform(as(userManager, get("/api/v1/organizations/{org}/members/{user}", org, member.id())))
                .andExpect(jsonPath("$.role").value("USER"));
        assertThat(accountsWithEmail(email)).isZero();
    }

    @Test
    void externallyManagedRightCannotBeGranted() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org);
        String email = "contacts." + tag() + "@mail.test";

        mvc.perform(asAdmin(get("/api/v1/applications")))
                .andExpect(jsonPath("$[?(@.name == 'Contacts')].rights[*].managedExternally").value(contains(true, true)));
        patchMember(org, manager, member, "{\"rights\":[\"Contacts Viewer\"]}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.rightManagedExternally"));
        patchMember(org, asAdminMember(org), member, "{\"rights\":[\"Contacts Editor\"]}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.rightManagedExternally"));
        mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("firstName", "Con", "lastName", "Tact", "email", email,
                                "password", NEW_PASSWORD, "role", "USER", "rights", List.of("Contacts Viewer")))))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.reason").value("policy.rightManagedExternally"));

        mvc.perform(as(manager, get("/api/v1/organizations/{org}/members/{user}", org, member.id())))
                .andExpect(jsonPath("$.rights.length()").value(0));
        assertThat(accountsWithEmail(email)).isZero();
    }

    @Test
    void externallyManagedRightIsKeptWhenRightsAreReplaced() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org, "Licenses");
        data.grantExternally(member, "Contacts Viewer");

        patchMember(org, manager, member, "{\"rights\":[\"Showcase 360 Administrator\"]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rights", containsInAnyOrder("Showcase 360 Administrator", "Contacts Viewer")));
        // Sending it back unchanged is not a grant.
        patchMember(org, manager, member, "{\"rights\":[\"Contacts Viewer\"]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rights").value(contains("Contacts Viewer")));
        patchMember(org, manager, member, "{\"rights\":[]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rights").value(contains("Contacts Viewer")));
    }

    // ---- removing, and what a failure leaves behind

    @Test
    void removingAMemberKeepsTheAccount() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        TestMember member = data.user(org, "Licenses");

        mvc.perform(as(manager, delete("/api/v1/organizations/{org}/members/{user}", org, member.id())))
                .andExpect(status().isNoContent());

        mvc.perform(as(manager, get("/api/v1/organizations/{org}/members/{user}", org, member.id())))
                .andExpect(status().isNotFound());
        search(org, manager, Map.of()).andExpect(jsonPath("$.total").value(1));
        mvc.perform(asAdmin(get("/api/v1/users/{id}", member.id())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(member.email()))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        // No longer theirs to see.
        mvc.perform(as(manager, get("/api/v1/users/{id}", member.id()))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/me").with(httpBasic(member.email(), member.password()))).andExpect(status().isOk());
        mvc.perform(as(member, get("/api/v1/organizations/{org}", org))).andExpect(status().isNotFound());
        mvc.perform(as(manager, get("/api/v1/organizations/{org}/audit", org)).param("action", "member.removed"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].before.rights").value(contains("Licenses")))
                .andExpect(jsonPath("$.items[0].after").doesNotExist());
    }

    @Test
    void aFailedCreateLeavesNoAccountNoMembershipAndNoAuditEntry() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        SiteView site = data.site(org);
        SiteView foreignSite = data.site(data.organizationId());
        create(org, manager, Map.of("firstName", "First", "lastName", "Fine", "email", "fine." + tag() + "@mail.test",
                "role", "USER", "sites", List.of(site.id())));
        TestMember outsider = data.user(data.organizationId());
        long auditBefore = auditEntries(org);
        long userCreatedBefore = userCreatedEntries();

        String email = "broken." + tag() + "@mail.test";
        for (List<String> sites : List.of(List.of(site.id(), UUID.randomUUID().toString()), List.of(foreignSite.id()),
                List.of("not-a-site"))) {
            mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json(Map.of("firstName", "Second", "lastName", "Broken", "email", email,
                                    "password", NEW_PASSWORD, "role", "USER", "rights", List.of("Licenses"), "sites", sites))))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("sites"));
        }
        // An existing account joining with a bad site does not join either.
        mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json(Map.of("firstName", "x", "lastName", "x", "email", outsider.email(),
                                "role", "USER", "sites", List.of(foreignSite.id())))))
                .andExpect(status().isBadRequest());

        assertThat(accountsWithEmail(email)).isZero();
        search(org, manager, Map.of("q", "second")).andExpect(jsonPath("$.total").value(0));
        search(org, manager, Map.of()).andExpect(jsonPath("$.total").value(2));
        assertThat(jdbc.sql("select count(*) from membership where organization_id = ?").param(org.value())
                .query(Long.class).single()).isEqualTo(2);
        assertThat(auditEntries(org)).isEqualTo(auditBefore);
        assertThat(userCreatedEntries()).isEqualTo(userCreatedBefore);
    }

    @Test
    void newAccountNeedsAStrongPassword() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        String local = "weak." + tag();
        String email = local + "@mail.test";
        for (String password : List.of("", "Password2024!", local + "-Secret")) {
            Map<String, Object> body = new HashMap<>(Map.of("firstName", "Weak", "lastName", "Password",
                    "email", email, "role", "USER"));
            if (!password.isEmpty()) {
                body.put("password", password);
            }
            mvc.perform(as(manager, post("/api/v1/organizations/{org}/members", org))
                            .contentType(MediaType.APPLICATION_JSON).content(json(body)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("password"));
        }
        assertThat(accountsWithEmail(email)).isZero();
    }

    // ---- requests and lookups

    private String create(OrganizationId org, TestMember actor, Map<String, Object> fields) throws Exception {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("password", NEW_PASSWORD);
        String response = mvc.perform(as(actor, post("/api/v1/organizations/{org}/members", org))
                        .contentType(MediaType.APPLICATION_JSON).content(json(body)))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(response, "$.userId");
    }

    private ResultActions patchMember(OrganizationId org, TestMember actor, TestMember target, String body) throws Exception {
        return mvc.perform(as(actor, patch("/api/v1/organizations/{org}/members/{user}", org, target.id()))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions search(OrganizationId org, TestMember actor, Map<String, String> params) throws Exception {
        MockHttpServletRequestBuilder request = as(actor, get("/api/v1/organizations/{org}/members", org));
        params.forEach(request::param);
        return mvc.perform(request);
    }

    private void expectFound(OrganizationId org, TestMember actor, String q, String userId) throws Exception {
        search(org, actor, Map.of("q", q))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].userId").value(userId));
    }

    private void expectMembers(OrganizationId org, TestMember actor, Map<String, String> params, TestMember... expected)
            throws Exception {
        String body = search(org, actor, params).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((Integer) JsonPath.read(body, "$.total")).as(params.toString()).isEqualTo(expected.length);
        assertThat(JsonPath.<List<String>>read(body, "$.items[*].userId")).as(params.toString())
                .containsExactlyInAnyOrder(Arrays.stream(expected).map(TestMember::id).toArray(String[]::new));
    }

    /** The vendor admin, shaped like a member so the methods below can act as them. */
    private static TestMember asAdminMember(OrganizationId org) {
        return new TestMember(null, TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD, org, null);
    }

    private long accountsWithEmail(String email) {
        return jdbc.sql("select count(*) from user_account where email_key = ?").param(email.toLowerCase())
                .query(Long.class).single();
    }

    private long auditEntries(OrganizationId org) {
        return jdbc.sql("select count(*) from audit_entry where organization_id = ?").param(org.value())
                .query(Long.class).single();
    }

    private long userCreatedEntries() {
        return jdbc.sql("select count(*) from audit_entry where action = 'user.created'").query(Long.class).single();
    }

    private static String tag() {
        return TestData.unique("t").toLowerCase();
    }

    /** Failed sign-ins count per client address: each deliberate one comes from an address of its own. */
    private static RequestPostProcessor fromOwnAddress() {
        return request -> {
            request.setRemoteAddr("192.0.2." + (ADDRESS.getAndIncrement() % 250 + 1));
            return request;
        };
    }

    private static String json(Map<String, ?> body) {
        return JSON.writeValueAsString(body);
    }

    private static MockHttpServletRequestBuilder as(TestMember member, MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(member.email(), member.password()));
    }

    private static MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(TestData.ADMIN_EMAIL, TestData.ADMIN_PASSWORD));
    }
}
