package io.gatehouse.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.StaffRole;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.Organizations;
import io.gatehouse.request.ChangeRequests;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class CataloguePagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Catalogues catalogues;

    @Autowired
    CatalogueFiles files;

    @Autowired
    Organizations organizations;

    @Autowired
    ChangeRequests requests;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    OrganizationId org;
    TestMember manager;
    TestMember member;
    String tag;
    CatalogueView onAccount;
    CatalogueView offered;

    @BeforeEach
    void anOrganizationWithOneCatalogueOnItsAccountAndOneOffered() {
        org = data.organizationId();
        manager = data.manager(org);
        member = data.user(org);
        tag = TestData.unique("Range");
        onAccount = catalogues.define(data.admin(), tag + " Kitchens", "Nobilia", "Fronts and carcasses", "2026.1", null,
                List.of("EU"), List.of("en", "fr"));
        offered = catalogues.define(data.admin(), tag + " Bathrooms", "Villeroy", "", "2026.2", null, List.of("EU"), List.of("de"));
        catalogues.define(data.admin(), tag + " Outback", "Villeroy", "", "1", null, List.of("AU"), List.of("en"));
        catalogues.addToAccount(data.admin(), org, onAccount.id());
    }

    @Test
    void aMemberSeesTheCataloguesOnTheAccountFirstAndNoRequestButton() throws Exception {
        String page = html(as(member, get(selection()).param("q", tag)));

        assertThat(page).contains("Catalogue selection", "On your account since", "Not on your account", "English, French")
                .doesNotContain(tag + " Outback", "/request\"", "Request a catalogue</a>")
                .contains("To have a catalogue added to your account, ask a Manager of your organization.");
        assertThat(page.indexOf(onAccount.name())).isLessThan(page.indexOf(offered.name()));
    }

    @Test
    void aManagerRequestsACatalogueAndTheSelectionShowsTheTicket() throws Exception {
        String list = html(as(manager, get(selection()).param("q", tag)));
        String requestUrl = "/organizations/" + org + "/catalogues/" + offered.id() + "/request";
        assertThat(list).contains(requestUrl);

        String form = html(as(manager, get(requestUrl)));
        assertThat(form).contains("Request " + offered.name(), "Villeroy", "Note for the vendor (optional)", "Send request");

        mvc.perform(as(manager, post(requestUrl)).param("note", "For the showroom").with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl(selection()));
        long number = jdbc.sql("select number from change_request where organization_id = ? and type = 'CATALOGUE'")
                .param(org.value()).query(Long.class).single();

        assertThat(html(as(member, get(selection()).param("q", tag)))).contains("Requested — ticket #" + number);
        String again = html(as(manager, post(requestUrl).param("note", "").with(csrf())));
        assertThat(again).contains("This catalogue is already requested: ticket #" + number);
        assertThat(html(as(manager, get("/organizations/" + org + "/requests")))).contains(offered.name(), "Catalogue");
    }

    @Test
    void theRequestedCatalogueReachesTheAccountOnceVendorSupportApproves() throws Exception {
        mvc.perform(as(manager, post("/organizations/" + org + "/catalogues/" + offered.id() + "/request")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        UUID ticket = jdbc.sql("select id from change_request where organization_id = ? and type = 'CATALOGUE'")
                .param(org.value()).query(UUID.class).single();
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        String page = html(get("/requests/" + ticket).with(user(support.id().toString())));
        assertThat(page).contains(offered.name(), "Catalogue");
        requests.approve(data.actor(support.id()), ticket);

        String selection = html(as(member, get(selection()).param("q", tag)));
        assertThat(selection.split("On your account since", -1)).hasSize(3);
    }

    @Test
    void theFilesOfACatalogueOnTheAccountAreListedWithTheirSha256AndDownloadable() throws Exception {
        byte[] content = "fronts and prices".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CatalogueFileView file = files.add(data.admin(), onAccount.id(), "fronts.zip", null, new java.io.ByteArrayInputStream(content),
                (long) content.length, null);
        files.add(data.admin(), offered.id(), "not-yours.zip", null, new java.io.ByteArrayInputStream(content), (long) content.length, null);

        String page = html(as(member, get(selection()).param("q", tag)));
        String link = "/organizations/" + org + "/catalogues/" + onAccount.id() + "/files/" + file.id();
        assertThat(page).contains(link, "fronts.zip", file.sha256()).doesNotContain("not-yours.zip");
        byte[] body = mvc.perform(as(member, get(link))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(body).isEqualTo(content);

        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        assertThat(html(get("/admin/catalogues/" + onAccount.id()).with(user(admin.id().toString()))))
                .contains("fronts.zip", file.sha256(), "data-stream-upload=\"/api/v1/catalogues/" + onAccount.id() + "/files\"");
    }

    @Test
    void searchAndFiltersNarrowThePageAndHtmxGetsOnlyTheResults() throws Exception {
        String bySupplier = html(as(member, get(selection()).param("q", tag).param("supplier", "Villeroy")));
        assertThat(bySupplier).contains(offered.name()).doesNotContain(onAccount.name() + "</span>");

        String fragment = html(as(member, get(selection()).param("q", "no such catalogue anywhere").header("HX-Request", "true")));
        assertThat(fragment).contains("id=\"catalogue-results\"", "No catalogue matches this search and these filters.")
                .doesNotContain("<html");
    }

    @Test
    void theSelectionReadsInEveryLanguage() throws Exception {
        speaks(Language.FR);
        assertThat(html(as(member, get(selection())))).contains("Sélection de catalogue", "Sur votre compte depuis", "anglais, français");
        speaks(Language.ES);
        assertThat(html(as(member, get(selection())))).contains("Selección de catálogo", "En su cuenta desde", "inglés, francés");
        speaks(Language.JA);
        assertThat(html(as(member, get(selection())))).contains("カタログの選択", "からアカウントに追加済み");
    }

    private void speaks(Language language) {
        accounts.updateOwn(data.actor(member.userId()), new AccountChanges(null, null, null, null, null, language, null, null));
    }

    @Test
    void anotherOrganizationsCataloguesAreNotFound() throws Exception {
        OrganizationId theirs = OrganizationId.parse(organizations.create(data.admin(), TestData.unique("Theirs"), "AU",
                ManagementMode.SELF_MANAGED).id());
        TestMember stranger = data.manager(theirs);

        mvc.perform(as(stranger, get(selection()))).andExpect(status().isNotFound());
        mvc.perform(as(stranger, get("/organizations/" + org + "/catalogues/" + offered.id() + "/request")))
                .andExpect(status().isNotFound());
        mvc.perform(as(manager, get("/organizations/" + theirs + "/catalogues"))).andExpect(status().isNotFound());
        // Offered only in Australia: an organization in Europe cannot even ask for it.
        String outback = catalogues.all(data.admin()).stream().filter(c -> c.name().equals(tag + " Outback")).findFirst().orElseThrow().id();
        mvc.perform(as(manager, get("/organizations/" + org + "/catalogues/" + outback + "/request"))).andExpect(status().isNotFound());
        mvc.perform(as(manager, post("/organizations/" + org + "/catalogues/" + outback + "/request")).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from change_request where organization_id = ?").param(org.value())
                .query(Long.class).single()).isZero();
    }

    private String selection() {
        return "/organizations/" + org + "/catalogues";
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static MockHttpServletRequestBuilder as(TestMember member, MockHttpServletRequestBuilder request) {
        return request.with(user(member.userId().toString()));
    }
}
