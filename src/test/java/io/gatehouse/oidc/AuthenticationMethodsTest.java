package io.gatehouse.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What applications read of a sign-in: one row per combination of factors, and how acr_values are understood. */
class AuthenticationMethodsTest {

    static Stream<Arguments> signIns() {
        return Stream.of(
                Arguments.of(List.of("FACTOR_PASSWORD"), List.of("pwd"), AuthenticationMethods.PASSWORD),
                Arguments.of(List.of("FACTOR_PASSWORD", "FACTOR_TOTP"), List.of("pwd", "otp", "mfa"), AuthenticationMethods.MFA),
                Arguments.of(List.of("FACTOR_PASSWORD", "FACTOR_RECOVERY_CODE"), List.of("pwd", "otp", "mfa"), AuthenticationMethods.MFA),
                Arguments.of(List.of("FACTOR_PASSWORD", "FACTOR_WEBAUTHN"), List.of("pwd", "hwk", "user", "mfa"), AuthenticationMethods.MFA),
                // A passkey alone: one factor, which is a second factor's strength on its own.
                Arguments.of(List.of("FACTOR_WEBAUTHN"), List.of("hwk", "user"), AuthenticationMethods.MFA),
                // An authenticator code and a recovery code are the same kind of proof: not two factors.
                Arguments.of(List.of("FACTOR_TOTP", "FACTOR_RECOVERY_CODE"), List.of("otp"), AuthenticationMethods.MFA),
                Arguments.of(List.of("ROLE_USER", "FACTOR_PASSWORD", "FACTOR_OTT"), List.of("pwd"), AuthenticationMethods.PASSWORD),
                Arguments.of(List.of("ROLE_USER"), List.of(), AuthenticationMethods.PASSWORD));
    }

    @ParameterizedTest(name = "{0} → amr {1}, acr {2}")
    @MethodSource("signIns")
    void factorsOfTheSignInBecomeAmrAndAcr(List<String> authorities, List<String> amr, String acr) {
        List<GrantedAuthority> granted = authorities.stream()
                .<GrantedAuthority>map(a -> a.startsWith("FACTOR_") ? FactorGrantedAuthority.fromAuthority(a) : new SimpleGrantedAuthority(a))
                .toList();

        AuthenticationMethods methods = AuthenticationMethods.of(granted);

        assertThat(methods.amr()).containsExactlyElementsOf(amr);
        assertThat(methods.acr()).isEqualTo(acr);
        assertThat(methods.secondFactor()).isEqualTo(AuthenticationMethods.MFA.equals(acr));
    }

    static Stream<Arguments> acrValues() {
        return Stream.of(
                Arguments.of(null, false),
                Arguments.of("", false),
                Arguments.of("urn:gatehouse:acr:mfa", true),
                Arguments.of("http://schemas.openid.net/pape/policies/2007/06/multi-factor", true),
                Arguments.of("  urn:example:unknown   urn:gatehouse:acr:mfa ", true),
                Arguments.of("urn:example:unknown", false),
                Arguments.of("urn:gatehouse:acr:pwd", false),
                // In order of preference: the password level would do, so nothing more is asked.
                Arguments.of("urn:gatehouse:acr:pwd urn:gatehouse:acr:mfa", false),
                Arguments.of("urn:gatehouse:acr:mfa urn:gatehouse:acr:pwd", false),
                Arguments.of("x".repeat(3000) + " urn:gatehouse:acr:mfa", false));
    }

    @ParameterizedTest(name = "acr_values={0} asks for a second factor: {1}")
    @MethodSource("acrValues")
    void acrValuesAskForASecondFactorOnlyWhenNoKnownLowerLevelWouldDo(String acrValues, boolean asks) {
        assertThat(AuthenticationMethods.asksForSecondFactor(acrValues)).isEqualTo(asks);
    }
}
