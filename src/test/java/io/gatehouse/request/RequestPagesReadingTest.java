package io.gatehouse.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.StaffRole;
import io.gatehouse.member.ApprovalRequests;
import io.gatehouse.member.ApprovalRequests.Receipt;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** What a person reads and hears on the queue and the ticket: names that match the text, errors found from the top. */
@IntegrationTest
class RequestPagesReadingTest {

    private static final Pattern ASSIGN_BUTTON = Pattern.compile(
            "<button type=\"submit\" class=\"secondary\"\\s+aria-label=\"([^\"]*)\">([^<]*)</button>");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ApprovalRequests approvals;

    @Autowired
    Accounts accounts;

    private Receipt rightsRequest() {
        OrganizationId org = OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);
        return approvals.accessChange(data.actor(admin.userId()), org, person.userId(), null, List.of("Licenses"), null, null);
    }

    @Test
    void anEmptyRejectionReasonIsSummedUpAtTheTopWithALinkToItsField() throws Exception {
        Receipt receipt = rightsRequest();
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        String page = mvc.perform(post("/requests/{id}/reject", receipt.requestId()).param("reason", "")
                        .with(user(support.userId())).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString();

        int summary = page.indexOf("id=\"error-summary\"");
        assertThat(summary).as("an error summary").isPositive();
        assertThat(summary).as("above the ticket's facts").isLessThan(page.indexOf("class=\"ticket-facts\""));
        assertThat(page).contains("role=\"alert\" id=\"error-summary\"");
        assertThat(page.substring(summary)).contains("<a href=\"#reject-reason\">Give a reason.</a>");
        assertThat(page).contains("id=\"reject-reason\"");
    }

    @Test
    void aTicketWithoutErrorsHasNoErrorSummary() throws Exception {
        Receipt receipt = rightsRequest();
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        String page = mvc.perform(get("/requests/{id}", receipt.requestId()).with(user(support.userId())))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).doesNotContain("error-summary");
    }

    @Test
    void theAssignButtonsSpokenNameBeginsWithItsVisibleTextInEveryLanguage() throws Exception {
        Receipt receipt = rightsRequest();
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        for (Language language : Language.values()) {
            accounts.updateOwn(data.actor(support.id()), new AccountChanges(null, null, null, null, null, language, null, null));
            String queue = mvc.perform(get("/requests").with(user(support.userId())))
                    .andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();

            Matcher button = ASSIGN_BUTTON.matcher(queue);
            boolean found = false;
            while (button.find()) {
                found = true;
                String name = unescape(button.group(1));
                String visible = unescape(button.group(2)).strip();
                assertThat(name).as(language + ": the spoken name contains the visible text").startsWith(visible);
                assertThat(name).as(language + ": and names the ticket").containsPattern("\\d");
            }
            assertThat(found).as(language + ": an Assign to me button").isTrue();
        }
    }

    @Test
    void addressesInTheQueueBreakOnlyWhenTheyCannotFitWhole() throws Exception {
        String css = mvc.perform(get("/css/requests.css")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        Matcher rule = Pattern.compile("\\.tickets-table \\.who-email \\{([^}]*)}").matcher(css);
        assertThat(rule.find()).isTrue();
        assertThat(rule.group(1)).doesNotContain("anywhere", "break-all").contains("overflow-wrap: break-word");
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }
}
