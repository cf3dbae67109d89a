package io.gatehouse.security.session;

import static io.gatehouse.security.session.HttpBrowser.FIREFOX_ON_WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import io.gatehouse.support.TestData.TestMember;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A page costs no write to the session store unless a minute has passed since the last one it kept. */
@IntegrationTest
class LastAccessWritesTest {

    @LocalServerPort
    int port;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pagesWithinAMinuteLeaveTheStoredLastAccessAsItWas() throws Exception {
        HttpBrowser browser = signedIn();
        long kept = lastAccess(browser);

        for (int i = 0; i < 3; i++) {
            assertThat(browser.get("/profile").statusCode()).isEqualTo(200);
        }

        assertThat(lastAccess(browser)).isEqualTo(kept);
    }

    @Test
    void aPageAMinuteAfterTheStoredLastAccessMovesItAndTheExpiryWithIt() throws Exception {
        HttpBrowser browser = signedIn();
        lastAccessed(browser, Instant.now().minus(Duration.ofMinutes(2)));

        assertThat(browser.get("/profile").statusCode()).isEqualTo(200);

        long moved = lastAccess(browser);
        assertThat(moved).isGreaterThanOrEqualTo(Instant.now().minus(Duration.ofSeconds(30)).toEpochMilli());
        long expiry = jdbc.sql("select expiry_time from spring_session where session_id = ?")
                .param(browser.sessionId()).query(Long.class).single();
        assertThat(expiry).isEqualTo(moved + timeoutMillis(browser));
    }

    @Test
    void aSessionIdleLongerThanItsTimeoutIsSignedOutAsBefore() throws Exception {
        HttpBrowser browser = signedIn();
        lastAccessed(browser, Instant.now().minus(Duration.ofHours(9)));

        assertThat(browser.get("/profile").statusCode()).isEqualTo(302);
    }

    private HttpBrowser signedIn() throws Exception {
        TestMember me = data.user(data.organizationId());
        HttpBrowser browser = new HttpBrowser(port, FIREFOX_ON_WINDOWS);
        browser.signIn(me.email(), me.password());
        return browser;
    }

    /** As if the browser's last request had come at {@code when}. */
    private void lastAccessed(HttpBrowser browser, Instant when) {
        jdbc.sql("update spring_session set last_access_time = ?, expiry_time = ? where session_id = ?")
                .params(when.toEpochMilli(), when.toEpochMilli() + timeoutMillis(browser), browser.sessionId()).update();
    }

    private long timeoutMillis(HttpBrowser browser) {
        return jdbc.sql("select max_inactive_interval from spring_session where session_id = ?").param(browser.sessionId())
                .query(Long.class).single() * 1000;
    }

    private long lastAccess(HttpBrowser browser) {
        return jdbc.sql("select last_access_time from spring_session where session_id = ?").param(browser.sessionId())
                .query(Long.class).single();
    }
}
