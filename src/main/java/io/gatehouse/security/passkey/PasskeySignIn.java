package io.gatehouse.security.passkey;

import io.gatehouse.user.Accounts;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.HttpMessageConverterAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Component;

/**
 * Signing in with a passkey, in the portal's chain: Spring Security's WebAuthn endpoints
 * ({@code POST /webauthn/authenticate/options}, {@code POST /login/webauthn}, and
 * {@code POST /webauthn/register/options} for adding one), with Gatehouse's own checks and answers.
 * <p>
 * The sign-in answers JSON for the page's script: {@code {"authenticated":true,"redirectUrl":…}},
 * or 401 with {@code {"error":"bad"|"disabled"|"throttled"}}. Used while a password sign-in waits for
 * its second step, the authentication keeps the password's factor and gains the passkey's.
 */
@Component
public class PasskeySignIn {

    private final WebAuthnRelyingPartyOperations relyingParty;
    private final Passkeys passkeys;
    private final Accounts accounts;

    PasskeySignIn(WebAuthnRelyingPartyOperations relyingParty, Passkeys passkeys, Accounts accounts) {
        this.relyingParty = relyingParty;
        this.passkeys = passkeys;
        this.accounts = accounts;
    }

    /** What a successful passkey sign-in answers after the caller's own bookkeeping: where to go next, as JSON. */
    public AuthenticationSuccessHandler answer() {
        return new HttpMessageConverterAuthenticationSuccessHandler();
    }

    public void configure(HttpSecurity http, PasskeyAuthenticationProvider.Attempts attempts, AuthenticationSuccessHandler success,
            AuthenticationFailureHandler failure, org.springframework.security.authentication.AuthenticationEventPublisher events)
            throws Exception {
        PasskeyAuthenticationProvider provider = new PasskeyAuthenticationProvider(relyingParty, passkeys, accounts, attempts);
        // Spring's configurer insists on a UserDetailsService for the provider it builds; that provider is replaced below.
        http.setSharedObject(UserDetailsService.class, name -> {
            throw new UsernameNotFoundException("passkeys sign in through their own provider");
        });
        http.webAuthn(webAuthn -> webAuthn
                .disableDefaultRegistrationPage(true)
                .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                    @Override
                    public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                        ProviderManager manager = new ProviderManager(provider);
                        manager.setAuthenticationEventPublisher(events);
                        filter.setAuthenticationManager(manager);
                        filter.setAuthenticationSuccessHandler(success);
                        filter.setAuthenticationFailureHandler(failure);
                        // The second step: a password session proving a passkey of the same account keeps both factors.
                        filter.setMfaEnabled(true);
                        // A new session id once signed in, as after the password.
                        filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
                        return filter;
                    }
                }));
    }
}
