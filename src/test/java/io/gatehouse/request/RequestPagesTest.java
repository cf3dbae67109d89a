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
import io.gatehouse.member.Members;
import io.gatehouse.organization.ManagementMode;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** My tickets, one ticket, and the support queue as pages: what they show, what their buttons do, and who may use them. */
@IntegrationTest
class RequestPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ApprovalRequests approvals;

    @Autowired
    ChangeRequests requests;

    @Autowired
    Members members;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    private OrganizationId vendorManaged() {
        return OrganizationId.parse(data.organization(ManagementMode.VENDOR_MANAGED).id());
    }

    private ResultActions as(String userId, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user(userId)).with(csrf()));
    }

    private String page(String userId, MockHttpServletRequestBuilder request) throws Exception {
        return as(userId, request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private Receipt deactivation(TestMember admin, TestMember person, String reason, String note) {
        return approvals.deactivation(data.actor(admin.userId()), admin.organizationId(), person.userId(), reason, note);
    }

    private Receipt rights(TestMember admin, TestMember person, String... rights) {
        return approvals.accessChange(data.actor(admin.userId()), admin.organizationId(), person.userId(), null, List.of(rights),
                null, null);
    }

    private RequestView ticket(Receipt receipt) {
        return requests.get(data.admin(), UUID.fromString(receipt.requestId()));
    }

    private static String ticketUrl(OrganizationId org, Receipt receipt) {
        return "/organizations/" + org + "/requests/" + receipt.requestId();
    }

    @Test
    void myTicketsListsTheOrganizationsRequestsWithNumberTypePersonStatusAndDatesAndFiltersByStatus() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember leaving = data.user(org, "Licenses");
        TestMember growing = data.user(org);
        Receipt first = deactivation(admin, leaving, "Left the company", null);
        Receipt second = rights(admin, growing, "Licenses");
        requests.cancel(data.actor(admin.userId()), UUID.fromString(second.requestId()));

        String html = page(admin.id(), get("/organizations/{org}/requests", org));

        assertThat(html).contains("<title>My tickets · Gatehouse</title>", "<h1>My tickets</h1>", ">Number<", ">Type<",
                ">Person<", ">Status<", ">Created<", ">Updated<", "2 tickets");
        assertThat(html).contains("#" + first.number(), "#" + second.number(), ">Deactivation<", ">Rights change<", ">open<",
                ">cancelled<");
        // Addresses may wrap before "@" and "." (<wbr>): read as one word they are the people's.
        assertThat(html.replace("<wbr>", "")).contains(accountOf(leaving).email(), accountOf(growing).email());
        assertThat(html).contains("href=\"" + ticketUrl(org, first) + "\"");
        // Newest first.
        assertThat(html.indexOf("#" + second.number())).isLessThan(html.indexOf("#" + first.number()));

        String open = page(admin.id(), get("/organizations/{org}/requests", org).param("status", "OPEN"));
        assertThat(open).contains("1 ticket", "#" + first.number()).doesNotContain(">#" + second.number() + "<");
        assertThat(open).contains("<option value=\"OPEN\" selected=\"selected\">open</option>");
    }

    @Test
    void withHtmxTheStatusFilterAnswersOnlyTheTable() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        Receipt receipt = deactivation(admin, data.user(org), "Gone", null);

        String fragment = as(admin.id(), get("/organizations/{org}/requests", org).param("status", "OPEN")
                .header("HX-Request", "true")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(fragment.strip()).startsWith("<div id=\"ticket-results\">").contains("#" + receipt.number())
                .doesNotContain("<html", "<h1>");
    }

    @Test
    void theTicketShowsTheChangeAsBeforeAndAfterWithReasonNoteAndATimelineWithDates() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        Receipt receipt = rights(admin, person, "Showcase 360 Administrator");
        requests.comment(data.actor(admin.userId()), UUID.fromString(receipt.requestId()), "Needed for the new showroom");
        Receipt leaving = deactivation(admin, person, "Left the company", "Last day Friday");

        String html = page(admin.id(), get(ticketUrl(org, receipt)));

        assertThat(html).contains("<h1>Ticket #" + receipt.number() + ": Rights change</h1>", ">open<");
        assertThat(html).contains(">Before<", ">After<", ">Access rights<", ">Licenses<", ">Showcase 360 Administrator<", ">changed<");
        assertThat(html).contains(">Request sent<", ">Comment<", "Needed for the new showroom", "Cancel request");
        assertThat(html).containsPattern("<time datetime=\"[^\"]+\">\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d</time>");
        assertThat(html).doesNotContain(">Approve<", ">Reject<", "Assign to me");

        String deactivation = page(admin.id(), get(ticketUrl(org, leaving)));
        assertThat(deactivation).contains("Ticket #" + leaving.number() + ": Deactivation", ">Reason<", "Left the company",
                ">Note<", "Last day Friday", ">Active<", ">Blocked<");
    }

    @Test
    void aNewUserRequestShowsWhatWasAskedForWithoutABeforeColumn() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        String email = TestData.unique("pia").toLowerCase() + "@reseller.test";
        Receipt receipt = approvals.newUser(data.actor(admin.userId()), org, new Members.NewMember("Pia", "Berg", email, null,
                "Sales", null, io.gatehouse.access.Role.USER, List.of("Licenses"), List.of()), "Starts Monday");

        String html = page(admin.id(), get(ticketUrl(org, receipt)));

        assertThat(html).contains("Ticket #" + receipt.number() + ": New user", ">Requested<", ">First name<", ">Pia<",
                ">Last name<", ">Berg<", email, ">Position<", ">Sales<", ">User<", ">Licenses<", "Starts Monday");
        assertThat(html).doesNotContain(">Before<");
    }

    @Test
    void theRequesterCommentsAndCancelsAnOpenTicketAndCannotCancelItOnceDecided() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        Receipt receipt = deactivation(admin, data.user(org), "Gone", null);
        String url = ticketUrl(org, receipt);

        as(admin.id(), post(url + "/comments").param("text", "Please hurry"))
                .andExpect(redirectedUrl(url + "#timeline"))
                .andExpect(flash().attribute("flash", "Your comment was added."));
        as(admin.id(), post(url + "/cancel").param("confirmed", "true"))
                .andExpect(redirectedUrl(url))
                .andExpect(flash().attribute("flash", "Ticket #" + receipt.number() + " is cancelled."));

        assertThat(ticket(receipt).status()).isEqualTo(RequestStatus.CANCELLED);
        assertThat(ticket(receipt).timeline()).extracting(RequestView.Event::kind).containsExactly("CREATED", "COMMENTED", "CANCELLED");
        String html = page(admin.id(), get(url));
        assertThat(html).contains(">cancelled<", "Please hurry", ">Cancelled<").doesNotContain("Cancel request");

        as(admin.id(), post(url + "/cancel").param("confirmed", "true"))
                .andExpect(redirectedUrl(url))
                .andExpect(flash().attribute("flashError", "Only an open request can be cancelled."));
    }

    @Test
    void anEmptyCommentIsRefusedNextToItsFieldAndAddsNothing() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        Receipt receipt = deactivation(admin, data.user(org), "Gone", null);

        String html = as(admin.id(), post(ticketUrl(org, receipt) + "/comments").param("text", "   "))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();

        assertThat(html).contains("aria-invalid=\"true\"", "aria-describedby=\"text-error\"", "id=\"text-error\"",
                "This field is required.");
        assertThat(ticket(receipt).timeline()).hasSize(1);
    }

    @Test
    void supportAssignsApprovesAndTheChangeIsApplied() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt receipt = rights(admin, person, "Licenses");
        String url = "/requests/" + receipt.requestId();

        String before = page(support.userId(), get(url));
        assertThat(before).contains(">Assign to me<", ">Approve<", ">Reject<", "Reason for the rejection")
                .doesNotContain("Cancel request");

        as(support.userId(), post(url + "/assign"))
                .andExpect(redirectedUrl(url))
                .andExpect(flash().attribute("flash", "Ticket #" + receipt.number() + " is assigned to you."));
        assertThat(ticket(receipt).status()).isEqualTo(RequestStatus.IN_PROGRESS);
        assertThat(page(support.userId(), get(url))).contains(">in progress<", support.lastName()).doesNotContain(">Assign to me<");

        as(support.userId(), post(url + "/approve").param("confirmed", "true"))
                .andExpect(redirectedUrl(url))
                .andExpect(flash().attribute("flash", "Ticket #" + receipt.number() + " is approved: the change is applied."));
        assertThat(ticket(receipt).status()).isEqualTo(RequestStatus.APPLIED);
        assertThat(members.get(data.admin(), org, person.userId()).rights()).containsExactly("Licenses");
        assertThat(page(support.userId(), get(url))).contains(">applied<", ">Approved and applied<")
                .doesNotContain(">Approve<", ">Reject<");
        assertThat(page(admin.id(), get(ticketUrl(org, receipt)))).contains(">applied<");
    }

    @Test
    void anApprovalTodaysStateRefusesShowsWhyChangesNothingAndLeavesTheTicketOpen() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt receipt = deactivation(admin, person, "Left", null);
        members.change(data.admin(), org, person.userId(), new Members.MemberChange(null, null, null, true));
        String url = "/requests/" + receipt.requestId();
        String why = "This person is already deactivated here: nothing to apply.";

        as(support.userId(), post(url + "/approve").param("confirmed", "true"))
                .andExpect(redirectedUrl(url))
                .andExpect(flash().attribute("flashError", "Not applied, nothing was changed: " + why));

        assertThat(ticket(receipt).status()).isEqualTo(RequestStatus.OPEN);
        assertThat(ticket(receipt).timeline()).extracting(RequestView.Event::kind).containsExactly("CREATED", "CONFLICT");
        assertThat(page(support.userId(), get(url))).contains(">Could not be applied<", why, ">Approve<");
        assertThat(data.auditEntries(org, "request.approved")).isZero();
    }

    @Test
    void rejectingNeedsAReasonShownNextToItsFieldThenTheRequesterReadsIt() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt receipt = rights(admin, person, "Licenses");
        String url = "/requests/" + receipt.requestId();

        String refused = as(support.userId(), post(url + "/reject").param("reason", ""))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("aria-invalid=\"true\"", "aria-describedby=\"reason-error reject-hint\"", "Give a reason.");
        assertThat(ticket(receipt).status()).isEqualTo(RequestStatus.OPEN);

        as(support.userId(), post(url + "/reject").param("reason", "No licence left this year"))
                .andExpect(redirectedUrl(url))
                .andExpect(flash().attribute("flash", "Ticket #" + receipt.number() + " is rejected."));
        assertThat(ticket(receipt).status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(members.get(data.admin(), org, person.userId()).rights()).isEmpty();
        assertThat(page(admin.id(), get(ticketUrl(org, receipt)))).contains(">rejected<", ">Rejected<", "No licence left this year");
    }

    @Test
    void supportCommentsOnATicketFromTheQueue() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt receipt = deactivation(admin, data.user(org), "Gone", null);

        as(support.userId(), post("/requests/" + receipt.requestId() + "/comments").param("text", "Which date exactly?"))
                .andExpect(redirectedUrl("/requests/" + receipt.requestId() + "#timeline"));

        assertThat(page(admin.id(), get(ticketUrl(org, receipt)))).contains("Which date exactly?", support.lastName());
    }

    @Test
    void theQueueShowsTicketsStillToDecideOfEveryOrganizationOldestFirstAndFiltersByStatusOrganizationTypeAndAge() throws Exception {
        OrganizationView one = data.organization(ManagementMode.VENDOR_MANAGED);
        OrganizationView two = data.organization(ManagementMode.VENDOR_MANAGED);
        TestMember adminOne = data.manager(OrganizationId.parse(one.id()));
        TestMember adminTwo = data.manager(OrganizationId.parse(two.id()));
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt old = deactivation(adminOne, data.user(OrganizationId.parse(one.id())), "Gone", null);
        Receipt recent = rights(adminTwo, data.user(OrganizationId.parse(two.id())), "Licenses");
        Receipt done = rights(adminTwo, data.user(OrganizationId.parse(two.id())), "Licenses");
        requests.cancel(data.actor(adminTwo.userId()), UUID.fromString(done.requestId()));
        jdbc.sql("update change_request set created_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minus(5, ChronoUnit.DAYS)), UUID.fromString(old.requestId())).update();
        // Other tests' open tickets share this database: waiting longer than theirs keeps both on the first page.
        jdbc.sql("update change_request set created_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minus(2, ChronoUnit.DAYS)), UUID.fromString(recent.requestId())).update();

        String queue = page(support.userId(), get("/requests"));
        assertThat(queue).contains("<title>Support queue · Gatehouse</title>", ">Organization<", ">Assigned to<",
                one.name(), two.name(), "#" + old.number(), "#" + recent.number());
        assertThat(queue).doesNotContain(">#" + done.number() + "<");
        assertThat(queue.indexOf(">#" + old.number() + "<")).isLessThan(queue.indexOf(">#" + recent.number() + "<"));
        assertThat(queue).contains("aria-label=\"Assign to me: ticket #" + old.number() + "\"");
        // An address in a narrow column wraps before "@" and ".", never mid-word.
        assertThat(queue).contains("<wbr>@example<wbr>.test");

        assertThat(page(support.userId(), get("/requests").param("status", "CANCELLED").param("org", two.id())))
                .contains(">#" + done.number() + "<").doesNotContain(">#" + recent.number() + "<");
        String both = page(support.userId(), get("/requests").param("status", "ANY").param("org", two.id()));
        assertThat(both).contains(">#" + done.number() + "<", ">#" + recent.number() + "<");
        assertThat(both.indexOf(">#" + recent.number() + "<")).as("oldest first in one organization too")
                .isLessThan(both.indexOf(">#" + done.number() + "<"));
        assertThat(page(support.userId(), get("/requests").param("type", "DEACTIVATION").param("org", one.id())))
                .contains(">#" + old.number() + "<").contains("1 ticket");
        assertThat(page(support.userId(), get("/requests").param("type", "NEW_USER").param("org", one.id())))
                .as("an empty queue says so once").contains("No tickets match these filters.").doesNotContain("tickets-count");
        String aged = page(support.userId(), get("/requests").param("age", "3"));
        assertThat(aged).contains(">#" + old.number() + "<").doesNotContain(">#" + recent.number() + "<");
    }

    @Test
    void theQueuesDefaultKeepsTicketsSomeoneTookOnInViewAndPutsMineFirst() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        AccountView me = data.staff(StaffRole.VENDOR_SUPPORT);
        AccountView colleague = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt takenByColleague = deactivation(admin, data.user(org), "Gone", null);
        Receipt waiting = deactivation(admin, data.user(org), "Moved", null);
        Receipt takenByMe = rights(admin, data.user(org), "Licenses");
        // Waiting longer than other tests' tickets keeps them all on the first page; mine is the newest of the three.
        for (Object[] age : List.<Object[]>of(new Object[] {takenByColleague, 6}, new Object[] {waiting, 5},
                new Object[] {takenByMe, 4})) {
            jdbc.sql("update change_request set created_at = ? where id = ?")
                    .params(Timestamp.from(Instant.now().minus((Integer) age[1], ChronoUnit.DAYS)),
                            UUID.fromString(((Receipt) age[0]).requestId())).update();
        }
        requests.assignToSelf(data.actor(io.gatehouse.shared.UserId.parse(colleague.userId())),
                UUID.fromString(takenByColleague.requestId()));
        requests.assignToSelf(data.actor(io.gatehouse.shared.UserId.parse(me.userId())), UUID.fromString(takenByMe.requestId()));

        String queue = page(me.userId(), get("/requests"));

        assertThat(queue).as("in progress is still to decide")
                .contains(">#" + takenByColleague.number() + "<", ">#" + waiting.number() + "<", ">#" + takenByMe.number() + "<");
        assertThat(queue.indexOf(">#" + takenByMe.number() + "<")).as("assigned to me first")
                .isLessThan(queue.indexOf(">#" + takenByColleague.number() + "<"));
        assertThat(queue.indexOf(">#" + takenByColleague.number() + "<")).as("then the longest waiting")
                .isLessThan(queue.indexOf(">#" + waiting.number() + "<"));
        assertThat(queue).contains("<option value=\"\" selected=\"selected\">To decide (open and in progress)</option>");

        String open = page(me.userId(), get("/requests").param("status", "OPEN").param("org", org.toString()));
        assertThat(open).contains(">#" + waiting.number() + "<").doesNotContain(">#" + takenByColleague.number() + "<",
                ">#" + takenByMe.number() + "<");
    }

    @Test
    void theStaffPagesAreRefusedToEveryoneElseAndChangeNothing() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        Receipt receipt = deactivation(admin, data.user(org), "Gone", null);
        String url = "/requests/" + receipt.requestId();

        for (MockHttpServletRequestBuilder request : List.of(get("/requests"), get(url), post(url + "/assign"),
                post(url + "/approve"), post(url + "/reject").param("reason", "No"), post(url + "/comments").param("text", "Hi"),
                get("/requests/" + UUID.randomUUID()))) {
            String html = as(admin.id(), request).andExpect(status().isForbidden()).andReturn().getResponse().getContentAsString();
            assertThat(html).contains("Only the vendor’s staff can do this.").doesNotContain("Gone");
        }
        assertThat(ticket(receipt).status()).isEqualTo(RequestStatus.OPEN);
        assertThat(ticket(receipt).timeline()).hasSize(1);
    }

    @Test
    void myTicketsNeedsTheRightToManageMembers() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember plain = data.user(org);
        Receipt receipt = deactivation(admin, data.user(org), "Gone", null);

        as(plain.id(), get("/organizations/{org}/requests", org)).andExpect(status().isForbidden());
        as(plain.id(), get(ticketUrl(org, receipt))).andExpect(status().isNotFound());
        as(plain.id(), post(ticketUrl(org, receipt) + "/cancel")).andExpect(status().isNotFound());
        assertThat(ticket(receipt).status()).isEqualTo(RequestStatus.OPEN);
    }

    @Test
    void theToolbarOffersMyTicketsToMemberAdminsAndTheSupportQueueToVendorStaff() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember plain = data.user(org);
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);

        assertThat(page(admin.id(), get("/"))).contains("href=\"/organizations/" + org + "/requests\"")
                .doesNotContain("href=\"/requests\"");
        assertThat(page(plain.id(), get("/"))).doesNotContain("/requests\"");
        assertThat(page(support.userId(), get("/"))).contains("href=\"/requests\"", ">Support queue<");
        assertThat(page(admin.id(), get("/organizations/{org}/requests", org)))
                .containsPattern("<a href=\"/organizations/" + org + "/requests\"\\s+class=\"active\"");
    }

    @Test
    void everyTicketPageAndRequestFormReadsInEachLanguageWithoutAMissingMessage() throws Exception {
        OrganizationId org = vendorManaged();
        TestMember admin = data.manager(org);
        TestMember person = data.user(org, "Licenses");
        data.grantExternally(person, "Contacts Viewer");
        AccountView support = data.staff(StaffRole.VENDOR_SUPPORT);
        Receipt receipt = deactivation(admin, person, "Gone", "Note");
        requests.comment(data.actor(support.id()), UUID.fromString(receipt.requestId()), "Seen");
        Receipt rights = rights(admin, person, "Licenses", "User Management");
        String users = "/organizations/" + org + "/users";
        for (Language language : Language.values()) {
            accounts.updateOwn(data.actor(admin.userId()), new AccountChanges(null, null, null, null, null, language, null, null));
            accounts.updateOwn(data.actor(support.id()), new AccountChanges(null, null, null, null, null, language, null, null));
            for (String uri : List.of("/organizations/" + org + "/requests", "/organizations/" + org + "/requests?status=OPEN",
                    ticketUrl(org, receipt), ticketUrl(org, rights), users, users + "?hasApplication=false", users + "/new",
                    users + "/" + person.id() + "/request-rights", users + "/" + person.id() + "/request-rights?application=Contacts",
                    users + "/" + person.id() + "/request-deactivation")) {
                assertThat(page(admin.id(), get(uri))).as(language + " " + uri).contains("lang=\"" + language.code() + "\"")
                        .doesNotContain("??");
            }
            for (String uri : List.of("/requests", "/requests?status=ANY&age=7", "/requests/" + receipt.requestId())) {
                assertThat(page(support.userId(), get(uri))).as(language + " " + uri).doesNotContain("??");
            }
            String invalid = as(admin.id(), post(users + "/" + person.id() + "/request-deactivation").param("reason", ""))
                    .andReturn().getResponse().getContentAsString();
            assertThat(invalid).as(language + " invalid").contains("field-error").doesNotContain("??");
            String rejected = as(support.userId(), post("/requests/" + rights.requestId() + "/reject").param("reason", ""))
                    .andReturn().getResponse().getContentAsString();
            assertThat(rejected).as(language + " reject").contains("field-error").doesNotContain("??");
        }
    }

    private AccountView accountOf(TestMember member) {
        return accounts.find(member.userId());
    }
}
