package com.example.showcase;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.HttpSessionEventPublisher;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The authority that opens /admin. */
    static final String ADMIN = "ADMIN";

    @Bean
    SecurityFilterChain security(HttpSecurity http, SessionRegistry sessions) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/webhooks/gatehouse", "/logout/connect/back-channel/*", "/error").permitAll()
                        .requestMatchers("/admin").hasAuthority(ADMIN)
                        .anyRequest().authenticated())
                .oauth2Login(Customizer.withDefaults())
                // Gatehouse tells this application when a person signs out there, or is disabled.
                .oidcLogout(logout -> logout.backChannel(Customizer.withDefaults()))
                // A session Gatehouse reported a change for is expired; its next request signs in again.
                .sessionManagement(session -> session.maximumSessions(-1).sessionRegistry(sessions).expiredUrl("/"))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/gatehouse", "/logout/connect/back-channel/*"));
        return http.build();
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    /** The rights Gatehouse sends are this application's own: one of them opens /admin. */
    @Bean
    GrantedAuthoritiesMapper rightsAsAuthorities(@Value("${showcase.admin-right}") String adminRight) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    Object rights = oidc.getIdToken().getClaims().get("rights");
                    if (rights instanceof List<?> list && list.contains(adminRight)) {
                        mapped.add(new SimpleGrantedAuthority(ADMIN));
                    }
                }
            }
            return mapped;
        };
    }
}
