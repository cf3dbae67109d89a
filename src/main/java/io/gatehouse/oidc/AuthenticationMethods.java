package io.gatehouse.oidc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * How a person proved who they are, as applications read it: {@code amr} (RFC 8176) from the
 * factors their sign-in carries, and {@code acr}, the level reached. A second factor (or a passkey,
 * which is one on its own) is {@link #MFA}; a password alone is {@link #PASSWORD}.
 */
record AuthenticationMethods(List<String> amr, String acr) {

    static final String PASSWORD = "urn:gatehouse:acr:pwd";
    static final String MFA = "urn:gatehouse:acr:mfa";
    /** What many applications send for "a second factor", from OpenID PAPE: taken as {@link #MFA}. */
    static final String PAPE_MULTI_FACTOR = "http://schemas.openid.net/pape/policies/2007/06/multi-factor";
    /** Published in discovery as {@code acr_values_supported}. */
    static final List<String> SUPPORTED = List.of(PASSWORD, MFA);

    static final String TOTP = "FACTOR_TOTP";
    static final String RECOVERY_CODE = "FACTOR_RECOVERY_CODE";
    private static final Set<String> SECOND_FACTORS = Set.of(TOTP, RECOVERY_CODE, FactorGrantedAuthority.WEBAUTHN_AUTHORITY);

    AuthenticationMethods {
        amr = List.copyOf(amr);
    }

    static AuthenticationMethods of(Authentication authentication) {
        return of(authentication == null ? List.of() : authentication.getAuthorities());
    }

    static AuthenticationMethods of(Collection<? extends GrantedAuthority> authorities) {
        Set<String> methods = new LinkedHashSet<>();
        boolean secondFactor = false;
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (name == null) {
                continue;
            }
            switch (name) {
                case FactorGrantedAuthority.PASSWORD_AUTHORITY -> methods.add("pwd");
                case TOTP, RECOVERY_CODE -> methods.add("otp");
                // A passkey is a key held in hardware, unlocked by its holder.
                case FactorGrantedAuthority.WEBAUTHN_AUTHORITY -> {
                    methods.add("hwk");
                    methods.add("user");
                }
                default -> {
                }
            }
            secondFactor |= SECOND_FACTORS.contains(name);
        }
        // Two distinct factors: a password and a code, a password and a passkey, a code and a passkey.
        long distinct = methods.stream().filter(m -> !m.equals("user")).count();
        List<String> amr = new ArrayList<>(methods);
        if (distinct >= 2) {
            amr.add("mfa");
        }
        return new AuthenticationMethods(amr, secondFactor ? MFA : PASSWORD);
    }

    boolean secondFactor() {
        return MFA.equals(acr);
    }

    /**
     * Whether {@code acr_values} (space separated, in order of preference) asks for more than this
     * sign-in proved. Values Gatehouse does not know are ignored, as OpenID Connect lets it: a request
     * naming only unknown values asks for nothing; one naming the password level is satisfied by it.
     */
    static boolean asksForSecondFactor(String acrValues) {
        if (acrValues == null || acrValues.isBlank() || acrValues.length() > 2048) {
            return false;
        }
        boolean mfa = false;
        for (String value : acrValues.trim().split("\\s+")) {
            if (PASSWORD.equals(value)) {
                return false;
            }
            mfa |= MFA.equals(value) || PAPE_MULTI_FACTOR.equals(value);
        }
        return mfa;
    }
}
