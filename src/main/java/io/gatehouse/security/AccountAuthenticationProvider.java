package io.gatehouse.security;

import io.gatehouse.user.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
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
 * so timing tells nobody which addresses exist.
 */
@Component
class AccountAuthenticationProvider implements AuthenticationProvider {

    private final Accounts accounts;
    private final PasswordEncoder passwordEncoder;
    private final SignInThrottle throttle;
    /** Made alongside the start-up rather than holding it up: hashing at production cost takes a while. */
    private final java.util.concurrent.CompletableFuture<String> unknownAccountHash;

    AccountAuthenticationProvider(Accounts accounts, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.unknownAccountHash = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> passwordEncoder.encode("unknown-account-timing-equaliser"));
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        String address = clientAddress();
        if (throttle.refuses(email, address)) {
            throw new SignInThrottledException(throttle.retryAfterSeconds(email, address));
        }
        var credentials = accounts.credentials(email);
        boolean matches = passwordEncoder.matches(password, credentials.map(Accounts.Credentials::passwordHash).orElseGet(unknownAccountHash::join));
        if (credentials.isEmpty() || !matches) {
            throttle.failed(email, address);
            throw new BadCredentialsException("bad credentials");
        }
        if (!credentials.get().active()) {
            throw new DisabledException("account disabled");
        }
        throttle.succeeded(email);
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(
                credentials.get().userId().toString(), null, List.of(new SimpleGrantedAuthority("ROLE_USER")));
        accounts.upgradeHash(credentials.get().userId(), credentials.get().passwordHash(), password);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
