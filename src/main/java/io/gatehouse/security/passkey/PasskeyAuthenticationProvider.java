package io.gatehouse.security.passkey;

import io.gatehouse.shared.UserId;
import io.gatehouse.user.Accounts;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

/**
 * A passkey's assertion, verified by the relying party, then held to what a password sign-in is
 * held to: the account must be active, and a failed assertion of a known passkey counts against
 * its account in the sign-in throttle. The authentication's name is the account id, and it
 * carries {@code FACTOR_WEBAUTHN}.
 * <p>
 * Someone already signed in (a password waiting for its second step) can only prove the same
 * account: another account's passkey is refused rather than swapping whose session this is.
 */
public class PasskeyAuthenticationProvider implements AuthenticationProvider {

    /** What the sign-in throttle does with an attempt on a known account. */
    public interface Attempts {

        /**
         * Counts an attempt on the account before it is checked.
         *
         * @return what to run when it succeeded (takes the count back)
         * @throws AuthenticationException when the account must wait
         */
        Runnable admit(UserId account);
    }

    private final WebAuthnRelyingPartyOperations relyingParty;
    private final Passkeys passkeys;
    private final Accounts accounts;
    private final Attempts attempts;

    public PasskeyAuthenticationProvider(WebAuthnRelyingPartyOperations relyingParty, Passkeys passkeys, Accounts accounts,
            Attempts attempts) {
        this.relyingParty = relyingParty;
        this.passkeys = passkeys;
        this.accounts = accounts;
        this.attempts = attempts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        RelyingPartyAuthenticationRequest request = ((WebAuthnAuthenticationRequestToken) authentication).getWebAuthnRequest();
        Bytes credentialId = request.getPublicKey() == null ? null : request.getPublicKey().getRawId();
        if (credentialId == null) {
            throw new BadCredentialsException("no passkey");
        }
        Optional<UserId> owner = passkeys.ownerOf(credentialId);
        Runnable succeeded = owner.map(attempts::admit).orElse(() -> { });
        PublicKeyCredentialUserEntity user;
        try {
            user = relyingParty.authenticate(request);
        } catch (RuntimeException e) {
            throw new BadCredentialsException("passkey refused", e);
        }
        succeeded.run();
        UserId account = owner.orElseThrow(() -> new BadCredentialsException("passkey without an account"));
        if (!account.toString().equals(user.getName())) {
            throw new BadCredentialsException("passkey of another owner");
        }
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken)
                && !current.getName().equals(user.getName())) {
            throw new BadCredentialsException("passkey of another account than the one signed in");
        }
        if (!accounts.isActive(account)) {
            throw new DisabledException("account disabled");
        }
        passkeys.signedIn(account, credentialId);
        // The same kind of authentication a password gives, named by the account id: whatever keeps or reads a
        // sign-in (the session, the authorization server's stored authorizations) knows it already.
        return UsernamePasswordAuthenticationToken.authenticated(account.toString(), null, List.of(new SimpleGrantedAuthority("ROLE_USER"),
                FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
    }
}
