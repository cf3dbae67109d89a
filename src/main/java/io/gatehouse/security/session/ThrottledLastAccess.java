package io.gatehouse.security.session;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The session store, writing a session's last access at most once a minute instead of at every
 * request: a page then costs no write unless the session itself changed. An idle session may
 * therefore end up to a minute before its timeout (eight hours by default), and "Your sessions"
 * shows its last activity to the minute. A session saved in a request is read from memory for the
 * rest of it ({@link SavedInRequest}).
 */
final class ThrottledLastAccess<S extends Session>
        implements FindByIndexNameSessionRepository<ThrottledLastAccess.ThrottledSession<S>>, DisposableBean {

    static final Duration PRECISION = Duration.ofMinutes(1);

    /**
     * Wraps the JDBC store that Spring Boot makes, once it is ready: Spring Session's filter and the
     * OIDC session registry then use the wrapper. (A store of our own would stop Boot from making it.)
     */
    @Configuration(proxyBeanMethods = false)
    static class Store {

        @Bean
        static BeanPostProcessor throttledLastAccess() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof JdbcIndexedSessionRepository jdbc ? throttle(jdbc) : bean;
                }
            };
        }

        /** Outside Spring Session's filter, so that what it saves is kept until the request ends. */
        @Bean
        FilterRegistrationBean<SavedInRequest> savedInRequest() {
            FilterRegistrationBean<SavedInRequest> registration = new FilterRegistrationBean<>(new SavedInRequest());
            registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 2);
            return registration;
        }

        private static <S extends Session> ThrottledLastAccess<S> throttle(FindByIndexNameSessionRepository<S> store) {
            return new ThrottledLastAccess<>(store);
        }
    }

    private final FindByIndexNameSessionRepository<S> store;

    ThrottledLastAccess(FindByIndexNameSessionRepository<S> store) {
        this.store = store;
    }

    /** The JDBC store stops its clean-up of expired sessions when the application stops. */
    @Override
    public void destroy() throws Exception {
        if (store instanceof DisposableBean disposable) {
            disposable.destroy();
        }
    }

    @Override
    public ThrottledSession<S> createSession() {
        return new ThrottledSession<>(store.createSession());
    }

    @Override
    public void save(ThrottledSession<S> session) {
        store.save(session.stored);
        SavedInRequest.remember(session);
    }

    @Override
    public ThrottledSession<S> findById(String id) {
        ThrottledSession<S> saved = SavedInRequest.recall(id);
        if (saved != null) {
            return saved;
        }
        S found = store.findById(id);
        return found == null ? null : new ThrottledSession<>(found);
    }

    @Override
    public void deleteById(String id) {
        SavedInRequest.forget(id);
        store.deleteById(id);
    }

    @Override
    public Map<String, ThrottledSession<S>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, ThrottledSession<S>> sessions = new LinkedHashMap<>();
        store.findByIndexNameAndIndexValue(indexName, indexValue).forEach((id, session) -> sessions.put(id, new ThrottledSession<>(session)));
        return sessions;
    }

    /** A stored session whose last access moves only when a minute has passed since the stored one. */
    static final class ThrottledSession<S extends Session> implements Session {

        private final S stored;

        ThrottledSession(S stored) {
            this.stored = stored;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            if (Duration.between(stored.getLastAccessedTime(), lastAccessedTime).compareTo(PRECISION) >= 0) {
                stored.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return stored.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            stored.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            stored.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
