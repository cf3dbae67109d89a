package io.gatehouse.security.session;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.web.http.SessionRepositoryFilter;

/** Spring Session's own filter commits twice when a page is sent before the request ends: the store is read once. */
class SavedInRequestTest {

    private final CountingStore store = new CountingStore();
    private final ThrottledLastAccess<MapSession> sessions = new ThrottledLastAccess<>(store);
    private final SessionRepositoryFilter<ThrottledLastAccess.ThrottledSession<MapSession>> sessionFilter =
            new SessionRepositoryFilter<>(sessions);

    @Test
    void aPageSentBeforeTheRequestEndsReadsItsSessionFromTheStoreOnce() throws Exception {
        String id = signIn();
        store.reads.set(0);

        MockHttpServletResponse response = page(id, new SavedInRequest(), sessionFilter);

        assertThat(response.getContentAsString()).isEqualTo("hello Marie");
        assertThat(store.reads).hasValue(1);
    }

    @Test
    void withoutTheRequestsMemorySpringSessionReadsItTwice() throws Exception {
        String id = signIn();
        store.reads.set(0);

        page(id, sessionFilter);

        assertThat(store.reads).hasValue(2);
    }

    @Test
    void outsideARequestEveryReadGoesToTheStore() {
        ThrottledLastAccess.ThrottledSession<MapSession> session = sessions.createSession();
        sessions.save(session);

        sessions.findById(session.getId());
        sessions.findById(session.getId());

        assertThat(store.reads).hasValue(2);
    }

    @Test
    void aSessionEndedInTheRequestIsNotFoundAgainInIt() throws Exception {
        String id = signIn();
        AtomicInteger foundAfterSignOut = new AtomicInteger(-1);
        HttpServlet signOut = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                request.getSession(false).invalidate();
                foundAfterSignOut.set(sessions.findById(id) == null ? 0 : 1);
            }
        };

        run(id, signOut, new SavedInRequest(), sessionFilter);

        assertThat(foundAfterSignOut).hasValue(0);
        assertThat(store.sessions).doesNotContainKey(id);
    }

    private String signIn() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/signin");
        MockHttpServletResponse response = new MockHttpServletResponse();
        HttpServlet servlet = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                req.getSession(true).setAttribute("name", "Marie");
            }
        };
        new MockFilterChain(servlet, new SavedInRequest(), sessionFilter).doFilter(request, response);
        String cookie = response.getCookie("SESSION").getValue();
        return new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
    }

    /** A page written and flushed (so committed) before the request ends, as Thymeleaf's views do. */
    private MockHttpServletResponse page(String id, Filter... filters) throws Exception {
        HttpServlet servlet = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.getWriter().write("hello " + request.getSession(false).getAttribute("name"));
                response.flushBuffer();
            }
        };
        return run(id, servlet, filters);
    }

    private MockHttpServletResponse run(String id, HttpServlet servlet, Filter... filters) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/profile");
        request.setCookies(new Cookie("SESSION", Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8))));
        MockHttpServletResponse response = new MockHttpServletResponse();
        new MockFilterChain(servlet, filters).doFilter(request, response);
        return response;
    }

    /** A session store in memory that counts its reads. */
    static final class CountingStore implements FindByIndexNameSessionRepository<MapSession> {

        final Map<String, MapSession> sessions = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public MapSession createSession() {
            return new MapSession();
        }

        @Override
        public void save(MapSession session) {
            sessions.put(session.getId(), new MapSession(session));
        }

        @Override
        public MapSession findById(String id) {
            reads.incrementAndGet();
            MapSession found = sessions.get(id);
            return found == null ? null : new MapSession(found);
        }

        @Override
        public void deleteById(String id) {
            sessions.remove(id);
        }

        @Override
        public Map<String, MapSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
            return Map.of();
        }
    }
}
