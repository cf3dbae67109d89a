package io.gatehouse.oidc;

import java.util.function.Consumer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * The authorization endpoint's own refusal to issue a code without the second factor an application
 * asked for. {@link ApplicationGate} sends the person to the second step first; this holds even
 * where no page may be shown ({@code prompt=none}): the application hears {@code interaction_required}.
 */
final class SecondFactorCheck implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        // Not signed in yet: the endpoint sends them to sign in, and the gate sees them on their way back.
        if (!(request.getPrincipal() instanceof Authentication person) || !person.isAuthenticated()
                || person instanceof AnonymousAuthenticationToken) {
            return;
        }
        Object acrValues = request.getAdditionalParameters().get("acr_values");
        if (AuthenticationMethods.asksForSecondFactor(acrValues instanceof String values ? values : null)
                && !AuthenticationMethods.of(person).secondFactor()) {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error("interaction_required",
                    "The application asks for a second factor, which this sign-in has not proved", null), request);
        }
    }
}
