package io.gatehouse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The Host header is the client's to write: a redirect never sends anyone to the host it names.
 * Redirects carry a path only, which the browser resolves against the address it really asked.
 */
@IntegrationTest
class RedirectTargetTest {

    private static final String EVIL = "evil.example";

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Test
    void aPortalPageAsksStrangersToSignInOnTheHostTheyReallyAsked() throws Exception {
        String answer = raw("GET /profile HTTP/1.1\r\nHost: " + EVIL + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 302");
        assertThat(location(answer)).isEqualTo("/signin");
    }

    @Test
    void noRedirectOfTheServerNamesTheHostOfTheHeader() throws Exception {
        for (String path : new String[] {"/", "/swagger-ui.html", "/organizations"}) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: " + EVIL + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(path).startsWith("HTTP/1.1 302");
            assertThat(location(answer)).as(path).startsWith("/").doesNotStartWith("//").doesNotContain(EVIL);
        }
    }

    @Test
    void afterSignInThePageAskedForIsReachedByPathNotThroughTheHostItWasAskedWith() throws Exception {
        TestMember person = data.user(data.organizationId());
        Cookie session = mvc.perform(get("/profile").header("Host", EVIL)).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getCookie("SESSION");

        MvcResult signedIn = mvc.perform(post("/signin").header("Host", EVIL).cookie(session)
                        .param("email", person.email()).param("password", person.password()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();

        assertThat(signedIn.getResponse().getRedirectedUrl()).startsWith("/profile").doesNotContain(EVIL);
    }

    @Test
    void signingOutLeadsToTheSignInPageByPath() throws Exception {
        TestMember person = data.user(data.organizationId());
        Cookie session = mvc.perform(post("/signin").param("email", person.email())
                        .param("password", person.password()).with(csrf()))
                .andReturn().getResponse().getCookie("SESSION");

        MvcResult signedOut = mvc.perform(post("/signout").header("Host", EVIL).cookie(session).with(csrf())).andReturn();

        assertThat(signedOut.getResponse().getRedirectedUrl()).isEqualTo("/signin?signedOut");
    }

    @Test
    void theApiDescriptionIsPublicByDefault() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String location(String answer) {
        for (String line : answer.split("\r\n")) {
            if (line.regionMatches(true, 0, "Location:", 0, 9)) {
                return line.substring(9).strip();
            }
            if (line.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no Location in " + answer);
    }
}
