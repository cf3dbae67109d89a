package io.gatehouse.security;

import io.gatehouse.shared.Problems;
import io.gatehouse.user.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import io.gatehouse.shared.UserId;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SignInThrottle.Settings.class, ApiDocs.Settings.class})
class SecurityConfiguration {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
            + "base-uri 'self'; object-src 'none'";

    @Bean
    AuthenticationManager authenticationManager(AccountAuthenticationProvider provider, SignInMetrics metrics) {
        ProviderManager manager = new ProviderManager(provider);
        manager.setEraseCredentialsAfterAuthentication(true);
        manager.setAuthenticationEventPublisher(metrics);
        return manager;
    }

    /**
     * Nothing reads Spring Security's observations; without this bean every filter of every chain
     * is wrapped in an observing decorator on each request, even with the observations turned off.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ProblemAuthenticationEntryPoint problemEntryPoint(Problems problems) {
        return new ProblemAuthenticationEntryPoint(problems);
    }

    /** The JSON API: HTTP Basic or a personal token for scripts, or the portal's own session. */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager authenticationManager, ProblemAuthenticationEntryPoint problems,
            ApiTokens tokens, io.gatehouse.access.Actors actors, SecondStepGate secondStep) throws Exception {
        RequestMatcher carriesCredentials = (HttpServletRequest request) -> {
            String header = request.getHeader("Authorization");
            return header != null && (header.regionMatches(true, 0, "Basic ", 0, 6) || header.regionMatches(true, 0, "Bearer ", 0, 7));
        };
        http.securityMatcher("/api/**")
                .authenticationManager(authenticationManager)
                // A signed download link is its own credential: its signature and expiry are checked by the download.
                // The vendor's desktop software activates with a licence key, not as a person.
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/files/*/download").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.HEAD, "/api/v1/files/*/download").permitAll()
                        .requestMatchers("/api/v1/activations", "/api/v1/activations/*").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                // A request that brings its own credentials cannot be forged by another site; a cookie one can.
                // Activations act on the licence key in their body, never on a signed-in person.
                .csrf(csrf -> csrf.ignoringRequestMatchers(carriesCredentials)
                        .ignoringRequestMatchers("/api/v1/activations", "/api/v1/activations/*"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .addFilterAfter(new ActiveAccountFilter(actors, problems), BasicAuthenticationFilter.class)
                .addFilterBefore(secondStep.forApi(), org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    /** The portal: form sign-in, a session kept in the database, CSRF on every form. */
    @Bean
    @Order(2)
    SecurityFilterChain portal(HttpSecurity http, AuthenticationManager authenticationManager, Accounts accounts,
            io.gatehouse.access.Actors actors, ProblemAuthenticationEntryPoint problems, ApiDocs.Settings apiDocs,
            DeviceCookies devices, org.springframework.beans.factory.ObjectProvider<SignOnOrigins> signOnOrigins,
            io.gatehouse.security.session.SignInRecorder signIns, SecondStepGate secondStep,
            io.gatehouse.security.passkey.PasskeySignIn passkeySignIn, SignInThrottle throttle, SignInMetrics metrics) throws Exception {
        if (apiDocs.apiDocs() == ApiDocs.OFF) {
            http.addFilterBefore(new ApiDocs.Off(), org.springframework.security.web.context.SecurityContextHolderFilter.class);
        }
        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/signin", "/invitations/accept", "/password/forgot", "/password/reset", "/account/email/confirm", "/terms",
                                    // The "was this you?" mail's link: signed, and it only ends the one session it names.
                                    "/account/sessions/end-link",
                                    "/.well-known/gatehouse-licence-key",
                                    "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico", "/error")
                            .permitAll();
                    // Passkeys are added and removed on /account/passkeys (audited, told by mail), not through Spring's own endpoints.
                    auth.requestMatchers("/webauthn/register", "/webauthn/register/**").denyAll();
                    if (apiDocs.apiDocs() == ApiDocs.PUBLIC) {
                        auth.requestMatchers(ApiDocs.PATHS).permitAll();
                    }
                    auth.anyRequest().authenticated();
                })
                .formLogin(form -> form.loginPage("/signin").loginProcessingUrl("/signin")
                        .usernameParameter("email").passwordParameter("password")
                        .successHandler(recordSignIn(accounts, devices, signIns))
                        .failureHandler(signInFailure()))
                .logout(logout -> logout.logoutUrl("/signout").logoutSuccessHandler(signedOut()))
                .addFilterAfter(new ActiveAccountFilter(actors, new PortalEntryPoint()),
                        org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(secondStep.forPages(), org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(new PortalEntryPoint()))
                .headers(headers -> headers
                        .addHeaderWriter(new PortalContentSecurityPolicy(CONTENT_SECURITY_POLICY, signOnOrigins))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        passkeySignIn.configure(http, passkeyAttempts(throttle, devices),
                recordSignIn(accounts, devices, signIns, passkeySignIn.answer()), passkeySignInFailure(), metrics);
        return http.build();
    }

    /** A passkey's owner is known before its assertion is checked: the attempt counts against that account, as a password's would. */
    private static io.gatehouse.security.passkey.PasskeyAuthenticationProvider.Attempts passkeyAttempts(SignInThrottle throttle,
            DeviceCookies devices) {
        return account -> {
            HttpServletRequest request = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                    instanceof org.springframework.web.context.request.ServletRequestAttributes attributes ? attributes.getRequest() : null;
            SignInThrottle.Admission admission = throttle.admit(new SignInThrottle.Attempt("id:" + account,
                    request == null ? java.util.Optional.empty() : devices.knownDevice(request, account),
                    request == null ? null : request.getRemoteAddr()));
            return () -> throttle.succeeded(admission);
        };
    }

    /**
     * Records the sign-in and marks the browser as a known device of the account. Only the portal
     * sets that cookie: the API sets none, though a client that sends one is a known device there too.
     * The session notes what it was signed in from; a device the account has not used before is told
     * to the account's owner by mail.
     */
    private static AuthenticationSuccessHandler recordSignIn(Accounts accounts, DeviceCookies devices,
            io.gatehouse.security.session.SignInRecorder signIns) {
        SavedRequestAwareAuthenticationSuccessHandler target = new SavedRequestAwareAuthenticationSuccessHandler();
        target.setDefaultTargetUrl("/");
        target.setRedirectStrategy(new RelativeRedirects());
        return recordSignIn(accounts, devices, signIns, target);
    }


    private static AuthenticationSuccessHandler recordSignIn(Accounts accounts, DeviceCookies devices,
            io.gatehouse.security.session.SignInRecorder signIns, AuthenticationSuccessHandler target) {
        return (request, response, authentication) -> {
            UserId account = UserId.parse(authentication.getName());
            boolean firstSignIn = accounts.find(account).lastSignInAt() == null;
            accounts.recordSignIn(account);
            boolean newDevice = devices.knownDevice(request, account).isEmpty();
            if (newDevice) {
                devices.remember(response, account);
            }
            signIns.signedIn(request, account, newDevice, firstSignIn);
            target.onAuthenticationSuccess(request, response, authentication);
        };
    }

    private static org.springframework.security.web.authentication.logout.LogoutSuccessHandler signedOut() {
        org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler handler =
                new org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler();
        handler.setDefaultTargetUrl("/signin?signedOut");
        handler.setRedirectStrategy(new RelativeRedirects());
        return handler;
    }

    /** Tells the person why: wrong password, disabled account, or too many attempts. */
    private static AuthenticationFailureHandler signInFailure() {
        return (request, response, exception) -> response.sendRedirect(request.getContextPath() + "/signin?error=" + reason(exception));
    }

    /** The same reasons for a passkey, as JSON for the page's script, which shows them. */
    private static AuthenticationFailureHandler passkeySignInFailure() {
        return (request, response, exception) -> {
            response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"authenticated\":false,\"error\":\"" + reason(exception) + "\"}");
        };
    }

    private static String reason(org.springframework.security.core.AuthenticationException exception) {
        return exception instanceof SignInThrottledException ? "throttled"
                : exception instanceof org.springframework.security.authentication.DisabledException ? "disabled" : "bad";
    }
}
