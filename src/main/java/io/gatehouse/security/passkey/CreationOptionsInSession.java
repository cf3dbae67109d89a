package io.gatehouse.security.passkey;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Keeps the options of a passkey registration in the session between the options call and the
 * registration. Sessions live in the database, so what is kept must be serializable, and Spring
 * Security's options object is not: a snapshot of what the registration checks is kept instead.
 */
final class CreationOptionsInSession implements PublicKeyCredentialCreationOptionsRepository {

    static final String ATTRIBUTE = CreationOptionsInSession.class.getName();

    /** What verifying a registration reads from its options. */
    record Snapshot(String rpId, String rpName, PublicKeyCredentialUserEntity user, Bytes challenge, List<Long> algorithms,
            long timeoutMillis, String userVerification, String residentKey) implements Serializable {

        static Snapshot of(PublicKeyCredentialCreationOptions options) {
            AuthenticatorSelectionCriteria selection = options.getAuthenticatorSelection();
            return new Snapshot(options.getRp().getId(), options.getRp().getName(), options.getUser(), options.getChallenge(),
                    options.getPubKeyCredParams().stream().map(p -> p.getAlg().getValue()).toList(),
                    options.getTimeout() == null ? Duration.ofMinutes(5).toMillis() : options.getTimeout().toMillis(),
                    selection == null || selection.getUserVerification() == null ? null : selection.getUserVerification().getValue(),
                    selection == null || selection.getResidentKey() == null ? null : selection.getResidentKey().getValue());
        }

        PublicKeyCredentialCreationOptions options() {
            AuthenticatorSelectionCriteria.AuthenticatorSelectionCriteriaBuilder selection = AuthenticatorSelectionCriteria.builder();
            if (userVerification != null) {
                selection.userVerification(CreationOptionsInSession.userVerification(userVerification));
            }
            if (residentKey != null) {
                selection.residentKey(ResidentKeyRequirement.valueOf(residentKey));
            }
            return PublicKeyCredentialCreationOptions.builder()
                    .rp(PublicKeyCredentialRpEntity.builder().id(rpId).name(rpName).build())
                    .user(user)
                    .challenge(challenge)
                    .pubKeyCredParams(algorithms.stream().map(CreationOptionsInSession::parameters).toList())
                    .timeout(Duration.ofMillis(timeoutMillis))
                    .authenticatorSelection(selection.build())
                    .attestation(AttestationConveyancePreference.NONE)
                    .build();
        }
    }

    @Override
    public void save(HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialCreationOptions options) {
        if (options == null) {
            var session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(ATTRIBUTE);
            }
            return;
        }
        request.getSession().setAttribute(ATTRIBUTE, Snapshot.of(options));
    }

    @Override
    public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
        var session = request.getSession(false);
        return session != null && session.getAttribute(ATTRIBUTE) instanceof Snapshot snapshot ? snapshot.options() : null;
    }

    private static PublicKeyCredentialParameters parameters(long algorithm) {
        for (PublicKeyCredentialParameters known : List.of(PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.ES256,
                PublicKeyCredentialParameters.ES384, PublicKeyCredentialParameters.ES512, PublicKeyCredentialParameters.RS256,
                PublicKeyCredentialParameters.RS384, PublicKeyCredentialParameters.RS512, PublicKeyCredentialParameters.RS1)) {
            if (known.getAlg().getValue() == algorithm) {
                return known;
            }
        }
        throw new IllegalArgumentException("unknown COSE algorithm " + algorithm);
    }

    private static UserVerificationRequirement userVerification(String value) {
        return switch (value) {
            case "required" -> UserVerificationRequirement.REQUIRED;
            case "discouraged" -> UserVerificationRequirement.DISCOURAGED;
            default -> UserVerificationRequirement.PREFERRED;
        };
    }
}
