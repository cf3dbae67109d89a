package io.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class StaticResourcesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Test
    void styleSheetsScriptsAndWebJarsAreServedWithoutSignIn() throws Exception {
        mvc.perform(get("/css/gatehouse.css"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
        mvc.perform(get("/js/gatehouse.js"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/javascript"));
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/javascript"));
    }

    @Test
    void pagesLinkHtmxByItsVersionAndTheirOwnLinksStayAsWritten() throws Exception {
        TestMember manager = data.manager(data.organizationId());
        String html = mvc.perform(get("/organizations/{org}/users", manager.organizationId()).with(user(manager.id()))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        Matcher htmx = Pattern.compile("src=\"(/webjars/htmx\\.org/\\d[^/\"]*/dist/htmx\\.min\\.js)\"").matcher(html);
        assertThat(htmx.find()).as("htmx linked by its version").isTrue();
        mvc.perform(get(htmx.group(1)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/javascript"));
        assertThat(html).contains("href=\"/css/gatehouse.css\"", "src=\"/js/gatehouse.js\"",
                "href=\"/organizations/" + manager.organizationId() + "/users/new\"");
    }

    @Test
    void theIconIsServedWithoutSignInAndEveryPageLinksIt() throws Exception {
        byte[] icon = mvc.perform(get("/favicon.ico"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(icon).as("an icon file: reserved 0, type 1").startsWith(0, 0, 1, 0);

        TestMember manager = data.manager(data.organizationId());
        String html = mvc.perform(get("/organizations/{org}/users", manager.organizationId()).with(user(manager.id()))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("<link rel=\"icon\" href=\"/favicon.ico\"");
    }

    @Test
    void swaggerUiStillServesItsOwnFiles() throws Exception {
        mvc.perform(get("/swagger-ui/index.html"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML));
    }

    @Test
    void aPathUnderTheStaticFoldersThatHoldsNoFileIsNotFound() throws Exception {
        mvc.perform(get("/css/no-such-sheet.css")).andExpect(status().isNotFound());
        mvc.perform(get("/webjars/no-such-jar/file.js")).andExpect(status().isNotFound());
    }
}
