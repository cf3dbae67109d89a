package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.gatehouse.access.Role;
import io.gatehouse.access.StaffRole;
import io.gatehouse.invitation.Invitations;
import io.gatehouse.mail.MailView;
import io.gatehouse.mail.Mails;
import io.gatehouse.member.ApprovalRequests;
import io.gatehouse.member.Members;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page the portal serves, in every language, as a vendor admin, as a Manager and signed out, with
 * people of every status, a site, a ticket, an invitation and a mail in place: no message key may reach a
 * page unresolved ("??key_en??"). The pages come from the application's own mappings, so a new page is
 * covered as soon as it exists.
 */
@IntegrationTest
class EveryPageEveryLanguageTest {

    /** Pages shown only right after a form was sent (their content comes as a flash attribute); otherwise they redirect. */
    private static final Set<String> AFTER_A_FORM_ONLY = Set.of("/organizations/{orgId}/users/invite/sent");

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Accounts accounts;

    @Autowired
    Members members;

    @Autowired
    Invitations invitations;

    @Autowired
    ApprovalRequests approvals;

    @Autowired
    Mails mails;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.gatehouse.product.Products products;

    @Autowired
    io.gatehouse.licence.Licences licences;

    @Autowired
    io.gatehouse.security.factor.SecondFactors secondFactors;

    @Autowired
    io.gatehouse.product.Releases releases;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** One organization's worth of path variables. */
    private record Place(OrganizationId org, String siteId, List<String> userIds, String ticketId, String licenceId) {
    }

    private TestMember manager;
    private AccountView vendorAdmin;
    private final List<Place> places = new ArrayList<>();
    private String mailId;
    private String invitationToken;
    private String catalogueId;

    @Autowired
    io.gatehouse.catalogue.Catalogues catalogues;
    private String productId;

    @BeforeEach
    void organizationsWithPeopleOfEveryStatus() {
        vendorAdmin = data.staff(StaffRole.VENDOR_ADMIN);
        productId = products.define(TestData.unique("Product"), "", io.gatehouse.product.ProductKind.DESKTOP, null).id().toString();
        OrganizationId self = data.organizationId();
        // Two releases of it, licensed to the first organization: its Products download page shows the newest with
        // "Previous versions", and the page of every version of the product renders both.
        for (String version : List.of("1.0", "2.0")) {
            releases.define(data.admin(), java.util.UUID.fromString(productId), io.gatehouse.product.ReleaseDraft.of(version,
                    io.gatehouse.product.ReleaseChannel.STABLE, java.time.LocalDate.now().minusDays(1), Map.of("en", "Notes " + version)));
        }
        licences.issue(data.admin(), self, new io.gatehouse.licence.Licences.NewLicence(java.util.UUID.fromString(productId), "Pro",
                null, null, null, null, null, null));
        OrganizationId vendorManaged = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        manager = data.manager(self);
        // The Manager holds an authenticator app: the second sign-in step is a page to read as well.
        String secret = secondFactors.beginAuthenticator(manager.userId()).orElseThrow();
        secondFactors.confirmAuthenticator(data.actor(manager.userId()), io.gatehouse.security.factor.TotpCodes.code(secret, 0));
        data.join(manager, vendorManaged, Role.MANAGER, "User Management");
        for (OrganizationId org : List.of(self, vendorManaged)) {
            String site = data.site(org).id();
            TestMember active = data.member(org, Role.CONTRIBUTOR, List.of(site), "Licenses");
            TestMember blocked = data.user(org);
            members.change(data.admin(), org, blocked.userId(), new Members.MemberChange(null, null, null, true));
            TestMember disabled = data.user(org);
            accounts.update(data.admin(), disabled.userId(), new AccountChanges(null, null, null, null, true, null, null, null));
            // Invited and signed in since (connected), and invited without having registered (notified).
            TestMember connected = data.user(data.organizationId());
            invitations.invite(data.admin(), List.of(connected.email()),
                    List.of(new Invitations.Target(org, Role.OPERATOR, null, List.of(site))));
            jdbc.sql("update user_account set last_sign_in_at = current_timestamp + interval '1' minute where id = ?")
                    .param(connected.userId().value()).update();
            String invited = TestData.unique("invited").toLowerCase() + "@example.test";
            invitations.invite(data.admin(), List.of(invited), List.of(new Invitations.Target(org, Role.USER, null, null)));
            String notified = accounts.findByEmail(invited).orElseThrow().id().toString();
            String ticket = null;
            if (org.equals(vendorManaged)) {
                ticket = approvals.deactivation(data.actor(manager.userId()), org, active.userId(), "Gone", "Note").requestId();
            }
            io.gatehouse.product.ProductSummary product = products.define(TestData.unique("Product"), "",
                    io.gatehouse.product.ProductKind.DESKTOP, null);
            String licence = licences.issue(data.admin(), org, new io.gatehouse.licence.Licences.NewLicence(product.id(), "Pro", 5,
                    null, java.time.LocalDate.now().plusDays(10), null, null, null)).id();
            places.add(new Place(org, site, List.of(manager.id(), active.id(), blocked.id(), disabled.id(), connected.id(), notified),
                    ticket, licence));
            if (invitationToken == null) {
                MailView mail = mails.to(invited).get(0);
                mailId = mail.id().toString();
                Matcher token = Pattern.compile("token=([A-Za-z0-9_\\-]+)").matcher(mail.text());
                invitationToken = token.find() ? token.group(1) : null;
            }
        }
        assertThat(invitationToken).as("the invitation mail carries its link").isNotNull();
        catalogueId = catalogues.define(data.admin(), TestData.unique("Catalogue"), "Supplier", "Ranges", "2026.1", null,
                List.of("EU"), List.of("en", "fr")).id();
    }

    @Test
    void noPageShowsAMessageKeyInAnyLanguage() throws Exception {
        Set<String> routes = pageRoutes();
        assertThat(routes).as("the portal's pages").contains("/organizations/{orgId}/sites/{siteId}/access",
                "/organizations/{orgId}/users/{userId}", "/admin/organizations", "/signin");
        List<String> rawKeys = new ArrayList<>();
        Set<String> rendered = new TreeSet<>();
        for (Language language : Language.values()) {
            for (String viewer : List.of(vendorAdmin.id().toString(), manager.id())) {
                accounts.updateOwn(data.actor(io.gatehouse.shared.UserId.parse(viewer)),
                        new AccountChanges(null, null, null, null, null, language, null, null));
            }
            for (String route : routes) {
                for (String uri : uris(route)) {
                    for (String viewer : new String[] {vendorAdmin.id().toString(), manager.id(), null}) {
                        MockHttpServletRequestBuilder request = get(uri).param("lang", language.code())
                                .header("Accept-Language", language.code());
                        if (viewer != null) {
                            request = request.with(user(viewer));
                        }
                        MockHttpServletResponse response = mvc.perform(request.with(csrf())).andReturn().getResponse();
                        String who = viewer == null ? "signed out" : viewer.equals(manager.id()) ? "Manager" : "vendor admin";
                        assertThat(response.getStatus()).as(language + " " + who + " " + uri).isLessThan(500);
                        String html = response.getContentAsString();
                        // Error pages count too: "this link no longer works" is read as much as any page.
                        if (html.contains("<html")) {
                            rendered.add(route);
                        }
                        // A model attribute shadowed by one of Thymeleaf's own (application, session, param…) renders
                        // as the template engine's object, or as "null" in a heading.
                        if (html.contains("org.thymeleaf.") || Pattern.compile("<(title|h1)[^>]*>[^<]*\\bnull\\b").matcher(html).find()) {
                            rawKeys.add(language + " " + who + " " + uri + ": a variable rendered as the engine's object or null");
                        }
                        if (html.contains("??")) {
                            Matcher key = Pattern.compile("\\?\\?[^?<\"]*\\?\\?").matcher(html);
                            rawKeys.add(language + " " + who + " " + uri + ": " + (key.find() ? key.group() : "??"));
                        }
                    }
                }
            }
        }
        assertThat(rawKeys).as("pages showing a message key").isEmpty();
        Set<String> expected = new TreeSet<>(routes);
        expected.removeAll(AFTER_A_FORM_ONLY);
        assertThat(rendered).as("every page was rendered at least once").containsAll(expected);
    }

    /** GET pages: not the API (nor SCIM's), the documentation, the actuator, file exports or file downloads. */
    private Set<String> pageRoutes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            if (info.getPathPatternsCondition() == null) {
                continue;
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (pattern.startsWith("/api") || pattern.startsWith("/actuator") || pattern.startsWith("/swagger")
                        || pattern.startsWith("/v3") || pattern.startsWith("/error") || pattern.endsWith(".csv")
                        || pattern.startsWith("/.well-known") || pattern.contains("/files/") || pattern.startsWith("/scim/")) {
                    continue;
                }
                routes.add(pattern);
            }
        }
        return routes;
    }

    /** The route with its path variables filled from the test data, once for each organization and person. */
    private List<String> uris(String route) {
        Set<String> uris = new TreeSet<>();
        for (Place place : places) {
            List<String> people = route.contains("{userId}") ? place.userIds() : List.of("");
            for (String person : people) {
                Map<String, String> values = new LinkedHashMap<>();
                values.put("orgId", place.org().toString());
                values.put("siteId", place.siteId());
                values.put("userId", person);
                values.put("catalogueId", catalogueId);
                values.put("id", route.startsWith("/admin/mailbox") ? mailId : place.ticketId());
                values.put("productId", productId);
                values.put("licenceId", place.licenceId());
                values.put("applicationId", "00000000-0000-0000-0000-00000000a001");
                Matcher variable = VARIABLE.matcher(route);
                StringBuilder uri = new StringBuilder();
                boolean complete = true;
                while (variable.find()) {
                    String value = values.get(variable.group(1));
                    if (value == null) {
                        complete = false;
                        break;
                    }
                    variable.appendReplacement(uri, value);
                }
                if (complete) {
                    variable.appendTail(uri);
                    String filled = uri.toString();
                    if (route.equals("/invitations/accept")) {
                        filled += "?token=" + invitationToken;
                    }
                    uris.add(filled);
                    // A person's page shows one tab at a time: the other one is a page of its own to read.
                    if (route.equals("/organizations/{orgId}/users/{userId}")) {
                        uris.add(filled + "?tab=organizations");
                    }
                }
            }
        }
        return new ArrayList<>(uris);
    }
}
