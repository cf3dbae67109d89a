package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.access.Role;
import io.gatehouse.member.MemberView;
import io.gatehouse.member.Members;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What people type reaches other people's screens: a name written as markup is shown as the
 * characters typed, never run as a script or read as an element, on every page that shows it.
 */
@IntegrationTest
class MarkupInNamesTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String ATTRIBUTE = "\"><img src=x onerror=alert(2)>";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    Members members;

    @Test
    void aNameWrittenAsMarkupIsShownAsTextOnTheListThePersonPageAndTheSitePage() throws Exception {
        OrganizationId org = data.organizationId();
        TestMember manager = data.manager(org);
        SiteView site = data.site(org);
        MemberView typed = members.add(data.admin(), org, new Members.NewMember(SCRIPT, ATTRIBUTE,
                TestData.unique("markup").toLowerCase() + "@example.test", null, SCRIPT, TestData.PASSWORD,
                Role.USER, List.of(), List.of(site.id())));

        for (String page : List.of("/organizations/" + org + "/users",
                "/organizations/" + org + "/users?q=markup",
                "/organizations/" + org + "/users/" + typed.userId(),
                "/organizations/" + org + "/sites/" + site.id() + "/access")) {
            String html = mvc.perform(get(page).with(user(manager.id())))
                    .andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(html).as(page).doesNotContain(SCRIPT).doesNotContain("<img src=x");
            assertThat(html).as(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
    }
}
