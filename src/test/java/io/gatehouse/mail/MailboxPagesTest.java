package io.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.StaffRole;
import io.gatehouse.shared.UserId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import io.gatehouse.user.AccountChanges;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.Language;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The vendor admin reads every mail on the Mailbox page; nobody else sees one. */
@IntegrationTest
class MailboxPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Mails mails;

    @Autowired
    Accounts accounts;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theMailboxListsMailNewestFirstWithRecipientSubjectStatusAndDates() throws Exception {
        String to = MailOutboxTest.address();
        enqueue(invitation(to, "Northwind"));
        enqueue(invitation(to, "Contoso"));
        String page = html(asAdmin(get("/admin/mailbox")).param("q", to));
        assertThat(page).contains("<h1>Mailbox</h1>", "No mail server is set", "2 emails", to, "In the mailbox",
                "href=\"/admin/mailbox\"");
        assertThat(page.indexOf("Ada Lovelace invited you to join Contoso")).isPositive()
                .isLessThan(page.indexOf("Ada Lovelace invited you to join Northwind"));
        assertThat(page).containsPattern("<td>\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d</td>\\s*<td>\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d</td>");
    }

    @Test
    void theSearchKeepsRecipientsThatStartWithItAndHtmxGetsTheResultsAlone() throws Exception {
        String prefix = TestData.unique("search").toLowerCase();
        String match = prefix + "-ada@example.test";
        String other = MailOutboxTest.address();
        enqueue(invitation(match, "Northwind"));
        enqueue(invitation(other, "Northwind"));

        String page = html(asAdmin(get("/admin/mailbox")).param("q", prefix.toUpperCase()));
        assertThat(page).contains(match, "1 email", "value=\"" + prefix.toUpperCase() + "\"").doesNotContain(other);
        String fragment = html(asAdmin(get("/admin/mailbox")).param("q", prefix).header("HX-Request", "true"));
        assertThat(fragment).startsWith("<div id=\"mailbox-results\"").contains(match).doesNotContain("<html", other);
        assertThat(html(asAdmin(get("/admin/mailbox")).param("q", "nobody-" + UUID.randomUUID())))
                .contains("No recipient starts with this search.");
        assertThat(html(asAdmin(get("/admin/mailbox")).param("q", "%_")).replace("value=\"%_\"", "")).doesNotContain("%_");
    }

    @Test
    void oneMailShowsItsHeadersItsTextWithLinksAndItsHtmlInASandbox() throws Exception {
        String to = MailOutboxTest.address();
        UUID id = enqueue(invitation(to, "<b>Northwind</b>"));
        String page = html(asAdmin(get("/admin/mailbox/" + id)));
        assertThat(page).contains("<dd>Gatehouse &lt;no-reply@gatehouse.local&gt;</dd>", "<dd>" + to + "</dd>",
                "&lt;" + id + "@gatehouse.local&gt;", "In the mailbox",
                "Create your account: <a href=\"http://localhost:8080/register/abc123\">http://localhost:8080/register/abc123</a>",
                "<a href=\"http://localhost:8080\">http://localhost:8080</a>",
                "&lt;b&gt;Northwind&lt;/b&gt;",
                "<iframe class=\"mail-html\" sandbox src=\"/admin/mailbox/" + id + "/html\" title=\"The email as HTML\"></iframe>");
        assertThat(page).doesNotContain("<b>Northwind");

        MockHttpServletResponse html = mvc.perform(asAdmin(get("/admin/mailbox/" + id + "/html")))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(html.getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(html.getHeaders("Content-Security-Policy")).containsExactly(MailboxPages.HTML_POLICY);
        assertThat(html.getHeader("Content-Security-Policy")).startsWith("sandbox;").contains("frame-ancestors 'self'");
        assertThat(html.getContentAsString()).startsWith("<!DOCTYPE html>").contains("href=\"http://localhost:8080/register/abc123\"");
    }

    @Test
    void plainTextAddressesBecomeLinksWithoutTheFullStopAfterThem() {
        assertThat(MailboxPages.parts("Go to https://a.example/x?y=1. Or http://b.example/(z)"))
                .containsExactly(new MailboxPages.TextPart("Go to ", false), new MailboxPages.TextPart("https://a.example/x?y=1", true),
                        new MailboxPages.TextPart(". Or ", false), new MailboxPages.TextPart("http://b.example/(z", true),
                        new MailboxPages.TextPart(")", false));
        assertThat(MailboxPages.parts("javascript:alert(1) <a href=x>")).containsExactly(
                new MailboxPages.TextPart("javascript:alert(1) <a href=x>", false));
    }

    @Test
    void managersMembersAndVendorSupportAreRefusedEveryMailboxPage() throws Exception {
        UUID id = enqueue(invitation(MailOutboxTest.address(), "Northwind"));
        TestMember manager = data.manager(data.organizationId());
        UserId support = data.staff(StaffRole.VENDOR_SUPPORT).id();
        for (UserId refused : List.of(manager.userId(), support)) {
            for (String url : List.of("/admin/mailbox", "/admin/mailbox?q=a", "/admin/mailbox/" + id, "/admin/mailbox/" + id + "/html")) {
                String page = mvc.perform(get(url).with(user(refused.toString())))
                        .andExpect(status().isForbidden())
                        .andReturn().getResponse().getContentAsString();
                assertThat(page).as(url).contains("Only a vendor admin can do this.").doesNotContain("register/abc123", "invited you");
            }
            String toolbar = html(get("/").with(user(refused.toString())));
            assertThat(toolbar).doesNotContain("/admin/mailbox");
        }
        mvc.perform(get("/admin/mailbox")).andExpect(status().is3xxRedirection());
    }

    @Test
    void anUnknownMailIsNotFound() throws Exception {
        mvc.perform(asAdmin(get("/admin/mailbox/" + UUID.randomUUID()))).andExpect(status().isNotFound());
        mvc.perform(asAdmin(get("/admin/mailbox/" + UUID.randomUUID() + "/html"))).andExpect(status().isNotFound());
        mvc.perform(asAdmin(get("/admin/mailbox/not-an-id"))).andExpect(status().isNotFound());
    }

    @Test
    void theMailboxReadsInEachLanguageWithoutAMissingMessage() throws Exception {
        UUID id = enqueue(invitation(MailOutboxTest.address(), "Northwind"));
        AccountView admin = data.staff(StaffRole.VENDOR_ADMIN);
        for (Language language : Language.values()) {
            accounts.updateOwn(data.actor(admin.id()), new AccountChanges(null, null, null, null, null, language, null, null));
            for (String uri : List.of("/admin/mailbox", "/admin/mailbox?q=zzz-nobody", "/admin/mailbox/" + id)) {
                String page = html(get(uri).with(user(admin.userId())));
                assertThat(page).as(language + " " + uri).contains("lang=\"" + language.code() + "\"").doesNotContain("??");
            }
        }
    }

    static MailRequest invitation(String to, String organization) {
        return new MailRequest(to, Locale.ENGLISH, "invitation", Map.of("inviterName", "Ada Lovelace",
                "organizationNames", List.of(organization), "role", "User", "link", "/register/abc123", "expiresOn", "31/12/2026",
                "subjectArgs", List.of("Ada Lovelace", List.of(organization))));
    }

    private UUID enqueue(MailRequest request) {
        return new TransactionTemplate(transactions).execute(status -> mails.enqueue(request));
    }

    private String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private MockHttpServletRequestBuilder asAdmin(MockHttpServletRequestBuilder request) {
        return request.with(user(data.admin().userId().toString()));
    }
}
