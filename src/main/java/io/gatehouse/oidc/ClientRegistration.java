package io.gatehouse.oidc;

import io.gatehouse.shared.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How an application signs people in, as the vendor admin registers it: where Gatehouse may send
 * people back (exact addresses, https — or http on this machine only, for development), where
 * to tell it of a sign-out, how long its access tokens live, whether people are asked to consent,
 * which algorithm signs its tokens. A public client (a single-page or native application) has no
 * secret and must use PKCE.
 *
 * <p>Tokens are signed with RS256 unless the application asks for ES256 (OpenID Connect's
 * {@code id_token_signed_response_alg}): what every OpenID Connect library accepts by default
 * against a signature that costs a fraction of the CPU, for applications and resource servers
 * configured to accept it. The choice holds for its ID, access and logout tokens alike.
 */
record ClientRegistration(List<String> redirectUris, List<String> postLogoutRedirectUris, String backchannelLogoutUri,
        int accessTokenSeconds, boolean consent, boolean publicClient, String signingAlgorithm) {

    /** The algorithms Gatehouse holds a signing key for, the default first. */
    static final List<String> SIGNING_ALGORITHMS = SigningKeys.ALGORITHMS.stream().map(algorithm -> algorithm.getName()).toList();
    static final String DEFAULT_SIGNING_ALGORITHM = SIGNING_ALGORITHMS.get(0);

    static final int MAX_URIS = 10;
    static final int MAX_URI_LENGTH = 1000;
    static final int DEFAULT_ACCESS_TOKEN_SECONDS = 300;
    static final int MIN_ACCESS_TOKEN_SECONDS = 60;
    static final int MAX_ACCESS_TOKEN_SECONDS = 3600;

    ClientRegistration {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
    }

    /** Checks every field and reports every error at once; nothing is saved unless all pass. */
    static ClientRegistration of(List<String> redirectUris, List<String> postLogoutRedirectUris, String backchannelLogoutUri,
            Integer accessTokenSeconds, Boolean consent, Boolean publicClient, String signingAlgorithm) {
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        List<String> redirects = uris("redirectUris", redirectUris, true, errors);
        List<String> postLogout = uris("postLogoutRedirectUris", postLogoutRedirectUris, false, errors);
        String backchannel = null;
        if (backchannelLogoutUri != null && !backchannelLogoutUri.isBlank()) {
            backchannel = backchannelLogoutUri.strip();
            check("backchannelLogoutUri", backchannel, errors);
        }
        int seconds = accessTokenSeconds == null ? DEFAULT_ACCESS_TOKEN_SECONDS : accessTokenSeconds;
        if (seconds < MIN_ACCESS_TOKEN_SECONDS || seconds > MAX_ACCESS_TOKEN_SECONDS) {
            errors.add(new InvalidInputException.FieldError("accessTokenSeconds", "validation.oidc.accessTokenSeconds",
                    List.of(String.valueOf(MIN_ACCESS_TOKEN_SECONDS), String.valueOf(MAX_ACCESS_TOKEN_SECONDS))));
        }
        String algorithm = signingAlgorithm == null || signingAlgorithm.isBlank() ? DEFAULT_SIGNING_ALGORITHM
                : signingAlgorithm.strip().toUpperCase(Locale.ROOT);
        if (!SIGNING_ALGORITHMS.contains(algorithm)) {
            errors.add(new InvalidInputException.FieldError("signingAlgorithm", "validation.oidc.signingAlgorithm",
                    List.of(String.join(", ", SIGNING_ALGORITHMS))));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ClientRegistration(redirects, postLogout, backchannel, seconds, Boolean.TRUE.equals(consent),
                Boolean.TRUE.equals(publicClient), algorithm);
    }

    private static List<String> uris(String field, List<String> given, boolean required, List<InvalidInputException.FieldError> errors) {
        Set<String> uris = new LinkedHashSet<>();
        if (given != null) {
            for (String uri : given) {
                if (uri != null && !uri.isBlank()) {
                    uris.add(uri.strip());
                }
            }
        }
        if (required && uris.isEmpty()) {
            errors.add(new InvalidInputException.FieldError(field, "validation.oidc.redirectUriRequired", List.of()));
        }
        if (uris.size() > MAX_URIS) {
            errors.add(new InvalidInputException.FieldError(field, "validation.oidc.tooManyUris", List.of(String.valueOf(MAX_URIS))));
            return List.of();
        }
        uris.forEach(uri -> check(field, uri, errors));
        return List.copyOf(uris);
    }

    /** An absolute https address without fragment; http only for localhost, where nothing crosses a network. */
    private static void check(String field, String uri, List<InvalidInputException.FieldError> errors) {
        if (uri.length() > MAX_URI_LENGTH) {
            errors.add(new InvalidInputException.FieldError(field, "validation.oidc.uri", List.of(shorten(uri))));
            return;
        }
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            String host = parsed.getHost() == null ? "" : parsed.getHost().toLowerCase(Locale.ROOT);
            boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            boolean acceptable = parsed.isAbsolute() && parsed.getRawFragment() == null && !host.isEmpty()
                    && parsed.getRawUserInfo() == null
                    && (scheme.equals("https") || (scheme.equals("http") && local));
            if (!acceptable) {
                errors.add(new InvalidInputException.FieldError(field, "validation.oidc.uri", List.of(shorten(uri))));
            }
        } catch (URISyntaxException e) {
            errors.add(new InvalidInputException.FieldError(field, "validation.oidc.uri", List.of(shorten(uri))));
        }
    }

    private static String shorten(String uri) {
        return uri.length() > 80 ? uri.substring(0, 80) + "…" : uri;
    }
}
