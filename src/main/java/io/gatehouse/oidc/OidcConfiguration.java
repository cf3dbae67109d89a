package io.gatehouse.oidc;

import io.gatehouse.cluster.ChangeSignals;
import io.gatehouse.security.Sealing;
import io.gatehouse.security.SecondFactorKind;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Gatehouse as the OpenID Connect provider of the vendor's applications, on Spring Security's
 * authorization server: everything it keeps (clients, authorizations, consents, signing keys) is
 * in the database, so any node answers any step of a sign-in.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcSettings.class)
class OidcConfiguration {

    /** Tokens live at most an hour (access tokens) and ID tokens half an hour; keys stay published a little longer. */
    static final Duration LONGEST_SIGNED_TOKEN = Duration.ofMinutes(70);

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc) {
        return new RequestScopedClients(new ParsingOnceClientRepository(jdbc));
    }

    /** Spring's JDBC repository of clients, parsing each stored row once (see {@link ParsedClients}). */
    private static final class ParsingOnceClientRepository extends JdbcRegisteredClientRepository {

        ParsingOnceClientRepository(JdbcOperations jdbc) {
            super(jdbc);
            setRegisteredClientRowMapper(new ParsedClients(getRegisteredClientRowMapper()));
        }
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcOperations jdbcOperations, RegisteredClientRepository clients,
            JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        return new DigestedAuthorizations(new AuthorizationStore(jdbcOperations, clients), jdbc, clock, events, transactions);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc, Sealing sealing, Clock clock, PlatformTransactionManager transactions,
            @org.springframework.beans.factory.annotation.Value("${gatehouse.oidc.secret:}") String secret, ChangeSignals signals) {
        return new SigningKeys(jdbc, sealing.key("oidc-signing-keys", secret), clock, LONGEST_SIGNED_TOKEN, transactions, signals);
    }

    /** Checks the access tokens that UserInfo is called with. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    LogoutTokens logoutTokens(JwtEncoder encoder, Clock clock) {
        return new LogoutTokens(encoder, clock);
    }

    @Bean
    GatehouseClaims gatehouseClaims(SignOns signOns, OAuth2AuthorizationService authorizations) {
        return new GatehouseClaims(signOns, authorizations);
    }

    /** Signs ID and access tokens; the authorization server takes it in place of its own. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new TokenEncoder(keys);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(OidcSettings settings) {
        AuthorizationServerSettings.Builder builder = AuthorizationServerSettings.builder();
        if (settings.issuer() != null) {
            builder.issuer(settings.issuer());
        }
        return builder.build();
    }

    /** Sessions are in the database: the "sid" of ID tokens and RP-initiated logout work whichever node answers. */
    @Bean
    <S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions) {
        return new SpringSessionBackedSessionRegistry<>(sessions);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain authorizationServer(HttpSecurity http, RegisteredClientRepository clients,
            OAuth2AuthorizationService authorizations, GatehouseClaims claims, SignOns signOns, OrganizationChoices choices,
            ObjectProvider<SecondFactorKind> secondFactors, io.gatehouse.security.SecondStepGate secondStep) throws Exception {
        ClientSecrets secrets = new ClientSecrets();
        http.oauth2AuthorizationServer(server -> {
                    server.registeredClientRepository(clients)
                            .authorizationService(authorizations)
                            .clientAuthentication(client -> client.authenticationProviders(providers -> providers.forEach(provider -> {
                                if (provider instanceof ClientSecretAuthenticationProvider secret) {
                                    secret.setPasswordEncoder(secrets);
                                }
                            })))
                            .authorizationEndpoint(endpoint -> endpoint.consentPage("/oauth2/consent")
                                    .authenticationProviders(providers -> providers.forEach(provider -> {
                                        if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codes) {
                                            codes.setAuthenticationValidator(new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                                                    .andThen(new SecondFactorCheck()));
                                        }
                                    })))
                            .oidc(oidc -> oidc
                                    .providerConfigurationEndpoint(discovery -> discovery.providerConfigurationCustomizer(
                                            metadata -> metadata.claim("acr_values_supported", AuthenticationMethods.SUPPORTED)
                                                    .idTokenSigningAlgorithms(algorithms -> {
                                                        algorithms.clear();
                                                        algorithms.addAll(ClientRegistration.SIGNING_ALGORITHMS);
                                                    })))
                                    .userInfoEndpoint(userInfo -> userInfo.userInfoMapper(claims::userInfo)));
                    http.securityMatcher(server.getEndpointsMatcher());
                })
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> { }))
                .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/signin"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .addFilterBefore(new ApplicationGate(clients, signOns, choices, secondFactors), AbstractPreAuthenticatedProcessingFilter.class)
                // Before the authorization endpoint: no code for a person who still owes their second factor.
                .addFilterAfter(secondStep.forPages(), org.springframework.security.web.authentication.logout.LogoutFilter.class);
        return http.build();
    }
}
