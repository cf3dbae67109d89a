package io.gatehouse.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The factors a sign-in proved, as authorities of its authentication: FACTOR_PASSWORD,
 * FACTOR_WEBAUTHN, FACTOR_TOTP, FACTOR_RECOVERY_CODE; and whether the sign-in is complete.
 */
public final class SignInFactors {

    public static final String TOTP = "FACTOR_TOTP";
    public static final String RECOVERY_CODE = "FACTOR_RECOVERY_CODE";
    /**
     * A password sign-in found sufficient: the account held no second factor and had to hold none.
     * Kept in the authentication so a complete session costs the gate no query.
     */
    static final String PASSWORD_SUFFICED = "SIGN_IN_PASSWORD_SUFFICED";

    private static final List<String> SECOND_FACTORS = List.of(FactorGrantedAuthority.WEBAUTHN_AUTHORITY, TOTP, RECOVERY_CODE);
    private static final SecurityContextRepository SESSIONS = new HttpSessionSecurityContextRepository();

    private SignInFactors() {
    }

    /** Whether the authentication proved this factor. */
    public static boolean has(Authentication authentication, String authority) {
        return authentication != null && authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    /** Whether a second factor was proved, or the password alone was found enough. */
    public static boolean complete(Authentication authentication) {
        return has(authentication, PASSWORD_SUFFICED) || SECOND_FACTORS.stream().anyMatch(f -> has(authentication, f));
    }

    /** A sign-in that proved the password (and perhaps more), as opposed to a token or an application's client. */
    static boolean byPassword(Authentication authentication) {
        return authentication instanceof UsernamePasswordAuthenticationToken && authentication.isAuthenticated()
                && has(authentication, FactorGrantedAuthority.PASSWORD_AUTHORITY);
    }

    /**
     * The person proved another factor: the authentication keeps what it had and gains it, the
     * session gets a new id (what an onlooker saw of the old one is worth nothing now), and the
     * new authentication is saved for the next requests.
     */
    public static void proved(String factor, HttpServletRequest request, HttpServletResponse response) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        replace(current, FactorGrantedAuthority.fromAuthority(factor), request, response);
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
    }

    static void passwordSufficed(Authentication current, HttpServletRequest request, HttpServletResponse response) {
        replace(current, new SimpleGrantedAuthority(PASSWORD_SUFFICED), request, response);
    }

    private static void replace(Authentication current, GrantedAuthority added, HttpServletRequest request, HttpServletResponse response) {
        if (current == null) {
            throw new IllegalStateException("nobody is signed in");
        }
        Collection<GrantedAuthority> authorities = new ArrayList<>();
        for (GrantedAuthority authority : current.getAuthorities()) {
            if (!authority.getAuthority().equals(added.getAuthority())) {
                authorities.add(authority);
            }
        }
        authorities.add(added);
        UsernamePasswordAuthenticationToken next = UsernamePasswordAuthenticationToken.authenticated(current.getName(), null, authorities);
        next.setDetails(current.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(next);
        SecurityContextHolder.setContext(context);
        SESSIONS.saveContext(context, request, response);
    }
}
