package io.gatehouse.oidc;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Writes Gatehouse's claims into ID tokens, access tokens and UserInfo, from what holds at this
 * moment: each token and each refresh asks the sign-on policy again, so a person whose access was
 * withdrawn gets no new token — the refresh is refused and the authorization is revoked.
 */
class GatehouseClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private static final String FOUND = GatehouseClaims.class.getName() + ".person";

    private final SignOns signOns;
    private final OAuth2AuthorizationService authorizations;

    GatehouseClaims(SignOns signOns, OAuth2AuthorizationService authorizations) {
        this.signOns = signOns;
        this.authorizations = authorizations;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        // Every token of the application is signed with its algorithm, the ID token's (RS256 unless it chose ES256).
        String algorithm = ClientRegistrations.signingAlgorithm(context.getRegisteredClient());
        // The key of that algorithm is chosen and named in the header by TokenEncoder, which signs.
        context.getJwsHeader().algorithm(SignatureAlgorithm.from(algorithm));
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            return;
        }
        SignOns.Person person = person(context.getAuthorization(), application(context.getRegisteredClient().getId()));
        // The sign-in kept with the authorization: a refresh says how the person signed in at first.
        AuthenticationMethods methods = AuthenticationMethods.of(context.<Authentication>getPrincipal());
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            context.getClaims().claims(claims -> {
                claims.putAll(SignOns.claims(person, context.getAuthorizedScopes()));
                methods(claims, methods);
            });
        } else if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            context.getClaims().claims(claims -> {
                claims.putAll(SignOns.authorization(person));
                methods(claims, methods);
            });
        }
    }

    /** RFC 8176's amr and the level reached; access tokens carry them too (RFC 9068), and so introspection. */
    private static void methods(Map<String, Object> claims, AuthenticationMethods methods) {
        if (!methods.amr().isEmpty()) {
            claims.put("amr", new java.util.ArrayList<>(methods.amr()));
        }
        claims.put("acr", methods.acr());
    }

    /** UserInfo: the standard claims the access token's scopes allow, and the authorization claims. */
    OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context) {
        OAuth2Authorization authorization = context.getAuthorization();
        SignOns.Person person = person(authorization, application(authorization.getRegisteredClientId()));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", authorization.getPrincipalName());
        claims.putAll(SignOns.claims(person, Set.copyOf(context.getAccessToken().getScopes())));
        return new OidcUserInfo(claims);
    }

    private static UUID application(String registeredClientId) {
        try {
            return UUID.fromString(registeredClientId);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    /**
     * The person as this request found them: a token request makes an access token and an ID token
     * for the same authorization, and both say the same.
     */
    private SignOns.Person person(OAuth2Authorization authorization, UUID application) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String key = FOUND + ":" + (authorization == null ? null : authorization.getId()) + ":" + application;
        if (request != null && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof SignOns.Person found) {
            return found;
        }
        SignOns.Person person = read(authorization, application);
        if (request != null) {
            request.setAttribute(key, person, RequestAttributes.SCOPE_REQUEST);
        }
        return person;
    }

    private SignOns.Person read(OAuth2Authorization authorization, UUID application) {
        String organization = authorization == null ? null : authorization.getAttribute(DigestedAuthorizations.ORGANIZATION);
        SignOns.Person person = organization == null || application == null ? null
                : signOns.person(UserId.parse(authorization.getPrincipalName()), OrganizationId.parse(organization), application)
                        .orElse(null);
        if (person == null || person.decision().denied()) {
            if (authorization != null) {
                authorizations.remove(authorization);
            }
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                    "The person may no longer use this application for this organization", null));
        }
        return person;
    }
}
