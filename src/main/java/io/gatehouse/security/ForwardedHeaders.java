package io.gatehouse.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ForwardedHeaderFilter;

/**
 * Behind a reverse proxy ({@code server.forward-headers-strategy} = {@code native} or
 * {@code framework}) the client address comes from X-Forwarded-For, believed only when the request
 * arrives from one of {@code gatehouse.trusted-proxies}, and read from the right. Spring Boot's own
 * handling believes more: Tomcat's valve trusts every private network, and the framework filter
 * trusts any sender and takes the left-most address, which the client writes itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrustedProxies.Settings.class)
class ForwardedHeaders {

    @Bean
    TrustedProxies trustedProxies(TrustedProxies.Settings settings) {
        return new TrustedProxies(settings.trustedProxies());
    }

    /** native: Tomcat's RemoteIpValve, told to trust the configured proxies only. */
    @Bean
    WebServerFactoryCustomizer<TomcatWebServerFactory> trustedProxiesOnTomcat(TrustedProxies proxies) {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatWebServerFactory factory) {
                factory.getEngineValves().stream().filter(RemoteIpValve.class::isInstance).map(RemoteIpValve.class::cast)
                        .forEach(valve -> {
                            // CIDR form (it holds a '/'); an empty list must trust nobody, not Tomcat's default.
                            valve.setInternalProxies(proxies.asCidrList().isEmpty() ? "^$" : proxies.asCidrList());
                            valve.setTrustedProxies(null);
                        });
            }
        };
    }

    /** framework: Spring's filter, handed only what a trusted proxy vouched for; Spring Boot's own then stands back. */
    @Bean
    @ConditionalOnProperty(name = "server.forward-headers-strategy", havingValue = "framework")
    FilterRegistrationBean<ForwardedHeaderFilter> forwardedHeaderFilter(TrustedProxies proxies) {
        FilterRegistrationBean<ForwardedHeaderFilter> registration = new FilterRegistrationBean<>(new TrustingForwardedHeaderFilter(proxies));
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static final class TrustingForwardedHeaderFilter extends ForwardedHeaderFilter {

        private final TrustedProxies proxies;

        TrustingForwardedHeaderFilter(TrustedProxies proxies) {
            this.proxies = proxies;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean trusted = proxies.trusts(request.getRemoteAddr());
            String client = trusted ? proxies.client(request.getRemoteAddr(), request.getHeaders(TrustedProxies.FORWARDED_FOR)) : null;
            super.doFilterInternal(new Vouched(request, trusted, client), response, chain);
        }
    }

    /**
     * The request as a trusted proxy vouches for it: from anyone else no forwarded header at all;
     * from a trusted proxy X-Forwarded-For reduced to the client it names, and no "Forwarded"
     * header (whose for= would again be the client's own words).
     */
    private static final class Vouched extends HttpServletRequestWrapper {

        private final boolean trusted;
        private final String client;

        Vouched(HttpServletRequest request, boolean trusted, String client) {
            super(request);
            this.trusted = trusted;
            this.client = client;
        }

        @Override
        public String getHeader(String name) {
            return switch (visibility(name)) {
                case HIDDEN -> null;
                case CLIENT -> client;
                case AS_SENT -> super.getHeader(name);
            };
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return switch (visibility(name)) {
                case HIDDEN -> Collections.emptyEnumeration();
                case CLIENT -> Collections.enumeration(List.of(client));
                case AS_SENT -> super.getHeaders(name);
            };
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(name -> visibility(name) == Visibility.HIDDEN
                    || (visibility(name) == Visibility.CLIENT && client == null));
            return Collections.enumeration(names);
        }

        private enum Visibility { HIDDEN, CLIENT, AS_SENT }

        private Visibility visibility(String name) {
            String header = name.toLowerCase(Locale.ROOT);
            boolean forwarded = header.equals("forwarded") || header.startsWith("x-forwarded-");
            if (!forwarded) {
                return Visibility.AS_SENT;
            }
            if (!trusted || header.equals("forwarded")) {
                return Visibility.HIDDEN;
            }
            return header.equals("x-forwarded-for") ? (client == null ? Visibility.HIDDEN : Visibility.CLIENT) : Visibility.AS_SENT;
        }
    }
}
