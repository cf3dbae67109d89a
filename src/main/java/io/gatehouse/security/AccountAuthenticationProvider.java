package io.gatehouse.security;

import io.gatehouse.user.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Email and password, for the sign-in form and HTTP Basic. The authenticated name is the account
 * id, so renaming or changing the email never orphans a session. Unknown addresses cost a hash too,
 * so timing tells nobody which addresses exist. A device the account signed in from before
 * ({@link DeviceCookies}) is counted apart by the throttle.
 */
@Component
class AccountAuthenticationProvider implements AuthenticationProvider {

    private final Accounts accounts;
    private final PasswordEncoder passwordEncoder;
    private final SignInThrottle throttle;
    private final DeviceCookies devices;
    /** Made alongside the start-up rather than holding it up: hashing at production cost takes a while. */
    private final java.util.concurrent.CompletableFuture<String> unknownAccountHash;

    AccountAuthenticationProvider(Accounts accounts, PasswordEncoder passwordEncoder, SignInThrottle throttle, DeviceCookies devices) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.devices = devices;
        this.unknownAccountHash = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> passwordEncoder.encode("unknown-account-timing-equaliser"));
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        HttpServletRequest request = currentRequest();
        var credentials = accounts.credentials(email);
        Optional<String> device = credentials.flatMap(c -> devices.knownDevice(request, c.userId()));
        SignInThrottle.Attempt attempt = new SignInThrottle.Attempt(
                credentials.map(c -> "id:" + c.userId()).orElseGet(() -> SignInThrottle.Attempt.typedName(email)), device,
                request == null ? null : request.getRemoteAddr());
        // Counted before the password is checked: parallel guesses cannot all slip under the limit.
        SignInThrottle.Admission admission = throttle.admit(attempt);
        boolean matches = passwordEncoder.matches(password, credentials.map(Accounts.Credentials::passwordHash).orElseGet(unknownAccountHash::join));
        if (credentials.isEmpty() || !matches) {
            throw new BadCredentialsException("bad credentials");
        }
        throttle.succeeded(admission);
        if (!credentials.get().active()) {
            throw new DisabledException("account disabled");
        }
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                credentials.get().userId().toString(), null, List.of(new SimpleGrantedAuthority("ROLE_USER"),
                        // When the password was proved: ID tokens carry it as auth_time.
                        org.springframework.security.core.authority.FactorGrantedAuthority.fromAuthority(
                                org.springframework.security.core.authority.FactorGrantedAuthority.PASSWORD_AUTHORITY)));
        accounts.upgradeHash(credentials.get().userId(), credentials.get().passwordHash(), password);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The client address in it is the one the trusted proxies vouch for (see {@link TrustedProxies}). */
    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes ? attributes.getRequest() : null;
    }
}
