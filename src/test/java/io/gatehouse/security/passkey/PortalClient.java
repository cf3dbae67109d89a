package io.gatehouse.security.passkey;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * One browser as the portal sees it: its session cookie carried from answer to answer, so the
 * session lives in the database between requests as it does in production.
 */
final class PortalClient {

    private final MockMvc mvc;
    private Cookie session;

    PortalClient(MockMvc mvc) {
        this.mvc = mvc;
    }

    MockHttpServletResponse signIn(String email, String password) throws Exception {
        return send(post("/signin").with(csrf()).param("email", email).param("password", password));
    }

    MockHttpServletResponse postJson(String path, String json) throws Exception {
        MockHttpServletRequestBuilder request = post(path).with(csrf()).contentType(MediaType.APPLICATION_JSON);
        return send(json == null ? request : request.content(json));
    }

    MockHttpServletResponse postForm(String path, String... namesAndValues) throws Exception {
        MockHttpServletRequestBuilder request = post(path).with(csrf());
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            request.param(namesAndValues[i], namesAndValues[i + 1]);
        }
        return send(request);
    }

    MockHttpServletResponse get(String path) throws Exception {
        return send(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path));
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
        if (session != null) {
            request.cookie(session);
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        Cookie next = response.getCookie("SESSION");
        if (next != null) {
            session = next.getMaxAge() == 0 ? null : next;
        }
        return response;
    }
}
