package io.gatehouse.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.StaffRole;
import io.gatehouse.member.ApprovalRequests;
import io.gatehouse.member.ApprovalRequests.Receipt;
import io.gatehouse.member.MemberStatus;
import io.gatehouse.member.Members;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Approve and Cancel request ask first, naming the ticket, the organization and the change: on a
 * page of their own without JavaScript, in the dialog with it, in the same words. Without the
 * answer nothing changes.
 */
@IntegrationTest
class TicketConfirmationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ApprovalRequests approvals;

    @Autowired
    ChangeRequests requests;

    @Autowired
    Requests raising;

    @Autowired
    Members members;

    @Autowired
    Accounts accounts;

    private ResultActions as(String userId, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(userId)).with(csrf()));
    }

    private String page(String userId, MockHttpServletRequestBuilder request) throws Exception {
        return as(userId, request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private RequestStatus ticketStatus(Receipt receipt) {
        return requests.get(data.admin(), UUID.fromString(receipt.requestId())).status();
    }

    private TestMember marieMartin(OrganizationId org, String... rights) {
        TestMember person = data.user(org, rights);
        accounts.update(data.admin(), person.userId(), new AccountChanges("Marie", "Martin", null, null, null, null, null, null));
        return person;
    }

    @Test
    void approvingWithoutTheAnswerChangesNothingAndAsksNamingTheTicketThePersonAndTheOrganization() throws Exception {
        OrganizationView acme = data.organization(ManagementMode.VENDOR_MANAGED);
        OrganizationId org = OrganizationId.parse(acme.id());
        TestMember admin = data.manager(org);
        TestMember marie = marieMartin(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt receipt = approvals.deactivation(data.actor(admin.userId()), org, marie.userId(), "Left", null);
        String url = "/requests/" + receipt.requestId();
        String question = "Approve ticket #" + receipt.number() + ": Marie Martin will be deactivated in " + acme.name()
                + ". The change is applied at once.";

        String html = page(support.userId(), post(url + "/approve"));

        assertThat(ticketStatus(receipt)).isEqualTo(RequestStatus.OPEN);
        assertThat(members.get(data.admin(), org, marie.userId()).status()).isNotEqualTo(MemberStatus.BLOCKED);
        assertThat(html).contains("<h1>Approve ticket #" + receipt.number() + "?</h1>", question,
                "href=\"/requests\">Support queue</a>", "href=\"" + url + "\">Ticket #" + receipt.number() + "</a>",
                "action=\"" + url + "/approve\"", "name=\"confirmed\" value=\"true\"", ">Approve and apply<",
                "href=\"" + url + "\">Cancel</a>");
        // With JavaScript the dialog asks the same question.
        assertThat(page(support.userId(), get(url))).contains("data-confirm=\"" + question + "\"");

        as(support.userId(), post(url + "/approve").param("confirmed", "true"))
                .andExpect(redirectedUrl(url))
                .andExpect(flash().attribute("flash", "Ticket #" + receipt.number() + " is approved: the change is applied."));
        assertThat(ticketStatus(receipt)).isEqualTo(RequestStatus.APPLIED);
        assertThat(members.get(data.admin(), org, marie.userId()).status()).isEqualTo(MemberStatus.BLOCKED);
    }

    @Test
    void theApprovalQuestionOfARightsChangeSaysWhatChanges() throws Exception {
        OrganizationView acme = data.organization(ManagementMode.VENDOR_MANAGED);
        OrganizationId org = OrganizationId.parse(acme.id());
        TestMember admin = data.manager(org);
        TestMember marie = marieMartin(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt receipt = approvals.accessChange(data.actor(admin.userId()), org, marie.userId(), null, List.of("Licenses"), null, null);

        String html = page(support.userId(), post("/requests/" + receipt.requestId() + "/approve"));

        assertThat(html).contains("Approve ticket #" + receipt.number() + ": the access of Marie Martin in " + acme.name()
                + " will change — Access rights: None → Licenses.");
        assertThat(ticketStatus(receipt)).isEqualTo(RequestStatus.OPEN);
        assertThat(members.get(data.admin(), org, marie.userId()).rights()).isEmpty();
    }

    @Test
    void theApprovalQuestionOfACatalogueRequestNamesTheCatalogueAndTheAccount() throws Exception {
        OrganizationView acme = data.organization();
        OrganizationId org = OrganizationId.parse(acme.id());
        TestMember manager = data.manager(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        String catalogue = TestData.unique("Spring tiles") + " — Villeroy 2026";
        Receipt receipt = raising.raise(data.actor(manager.userId()), org, new Requests.NewRequest(RequestType.CATALOGUE,
                UUID.randomUUID().toString(), catalogue, Map.of("catalogueId", UUID.randomUUID().toString()),
                null, Map.of("catalogue", catalogue), null));

        String html = page(support.userId(), post("/requests/" + receipt.requestId() + "/approve"));

        assertThat(html).contains("Approve ticket #" + receipt.number() + ": Catalogue " + catalogue
                + " will be added to the account of " + acme.name() + ".");
        assertThat(ticketStatus(receipt)).isEqualTo(RequestStatus.OPEN);
    }

    @Test
    void cancellingWithoutTheAnswerChangesNothingAndAsksWithAWayBackThatKeepsTheRequest() throws Exception {
        OrganizationView acme = data.organization(ManagementMode.VENDOR_MANAGED);
        OrganizationId org = OrganizationId.parse(acme.id());
        TestMember admin = data.manager(org);
        TestMember marie = marieMartin(org);
        Receipt receipt = approvals.deactivation(data.actor(admin.userId()), org, marie.userId(), "Left", null);
        String url = "/organizations/" + org + "/requests/" + receipt.requestId();
        String question = "Cancel ticket #" + receipt.number() + ", the deactivation of Marie Martin in " + acme.name()
                + "? Nothing will be changed and vendor support will no longer decide it.";

        String html = page(admin.id(), post(url + "/cancel"));

        assertThat(ticketStatus(receipt)).isEqualTo(RequestStatus.OPEN);
        assertThat(html).contains("<h1>Cancel ticket #" + receipt.number() + "?</h1>", question,
                "href=\"/organizations/" + org + "/requests\">My tickets</a>", "action=\"" + url + "/cancel\"",
                "name=\"confirmed\" value=\"true\"", ">Cancel the request<", "href=\"" + url + "\">Keep the request</a>");
        assertThat(page(admin.id(), get(url))).contains("data-confirm=\"" + question + "\"");

        as(admin.id(), post(url + "/cancel").param("confirmed", "true"))
                .andExpect(redirectedUrl(url))
                .andExpect(flash().attribute("flash", "Ticket #" + receipt.number() + " is cancelled."));
        assertThat(ticketStatus(receipt)).isEqualTo(RequestStatus.CANCELLED);
    }

    @Test
    void aTicketNoLongerToDecideSaysWhyAtOnceInsteadOfAsking() throws Exception {
        OrganizationId org = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        TestMember admin = data.manager(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt receipt = approvals.deactivation(data.actor(admin.userId()), org, data.user(org).userId(), "Left", null);
        requests.cancel(data.actor(admin.userId()), UUID.fromString(receipt.requestId()));

        as(support.userId(), post("/requests/" + receipt.requestId() + "/approve"))
                .andExpect(redirectedUrl("/requests/" + receipt.requestId()))
                .andExpect(flash().attribute("flashError", "Not applied, nothing was changed: This request has been decided already."));
        as(admin.id(), post("/organizations/" + org + "/requests/" + receipt.requestId() + "/cancel"))
                .andExpect(flash().attribute("flashError", "Only an open request can be cancelled."));
        assertThat(ticketStatus(receipt)).isEqualTo(RequestStatus.CANCELLED);
    }

    @Test
    void theQuestionsReadInEachLanguage() throws Exception {
        OrganizationView acme = data.organization(ManagementMode.VENDOR_MANAGED);
        OrganizationId org = OrganizationId.parse(acme.id());
        TestMember admin = data.manager(org);
        TestMember marie = marieMartin(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt receipt = approvals.deactivation(data.actor(admin.userId()), org, marie.userId(), "Left", null);
        Map<Language, String> expected = Map.of(
                Language.FR, "Marie Martin sera désactivé(e) dans " + acme.name(),
                Language.ES, "Marie Martin se desactivará en " + acme.name(),
                Language.JA, "Marie Martin は " + acme.name() + " で無効化されます");
        for (Map.Entry<Language, String> language : expected.entrySet()) {
            accounts.update(data.admin(), support.id(), new AccountChanges(null, null, null, null, null, language.getKey(), null, null));
            String html = page(support.userId(), post("/requests/" + receipt.requestId() + "/approve"));
            assertThat(html).as(language.getKey().name()).contains(language.getValue()).doesNotContain("??");
        }
        assertThat(ticketStatus(receipt)).isEqualTo(RequestStatus.OPEN);
    }
}
