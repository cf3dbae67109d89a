package io.gatehouse.security.passkey;

import io.gatehouse.shared.PersonName;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * The relying party: passkeys and their owners in the database, and the options of every
 * ceremony. Every passkey is discoverable (signing in needs no name typed first) and proves its
 * user (a PIN or biometric on the device), so a passkey alone is a full sign-in.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasskeySettings.class)
class PasskeyConfiguration {

    @Bean
    JdbcPublicKeyCredentialUserEntityRepository passkeyUsers(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    JdbcUserCredentialRepository passkeyCredentials(JdbcOperations jdbc) {
        return new JdbcUserCredentialRepository(jdbc);
    }

    @Bean
    AllowedOrigins passkeyOrigins(PasskeySettings settings, @Value("${gatehouse.public-url:http://localhost:8080}") String publicUrl) {
        return new AllowedOrigins(settings.rpId(publicUrl), settings.origins(publicUrl));
    }

    @Bean
    CreationOptionsInSession passkeyCreationOptions() {
        return new CreationOptionsInSession();
    }

    @Bean
    Webauthn4JRelyingPartyOperations passkeyRelyingParty(PublicKeyCredentialUserEntityRepository users, UserCredentialRepository credentials,
            PasskeySettings settings, AllowedOrigins origins, Accounts accounts,
            @Value("${gatehouse.public-url:http://localhost:8080}") String publicUrl,
            @Value("${gatehouse.vendor.name:Gatehouse}") String vendorName) {
        // The name a device shows next to the passkey: the vendor's, as in every mail.
        Webauthn4JRelyingPartyOperations operations = new Webauthn4JRelyingPartyOperations(users, credentials,
                PublicKeyCredentialRpEntity.builder().id(settings.rpId(publicUrl)).name(vendorName).build(), origins);
        operations.setCustomizeCreationOptions(options -> options
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .userVerification(UserVerificationRequirement.REQUIRED)
                        .residentKey(ResidentKeyRequirement.REQUIRED)
                        .build())
                .timeout(Duration.ofMinutes(5))
                .user(shownUser(users, accounts)));
        operations.setCustomizeRequestOptions(options -> options
                .userVerification(UserVerificationRequirement.REQUIRED)
                .timeout(Duration.ofMinutes(5)));
        return operations;
    }

    /**
     * The owner as the device shows it in its list of passkeys: the email and the person's name.
     * The stored owner is named by the account id (the name signing in gives); only its handle
     * (id) goes into the passkey, so what is shown may change with the email.
     */
    private static PublicKeyCredentialUserEntity shownUser(PublicKeyCredentialUserEntityRepository users, Accounts accounts) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        PublicKeyCredentialUserEntity stored = authentication == null ? null : users.findByUsername(authentication.getName());
        if (stored == null) {
            throw new IllegalStateException("the owner of a new passkey is stored before its options are made");
        }
        AccountView account = accounts.find(UserId.parse(stored.getName()));
        return ImmutablePublicKeyCredentialUserEntity.builder()
                .id(stored.getId())
                .name(account.email())
                .displayName(PersonName.orEmail(account.firstName(), account.lastName(), account.email()))
                .build();
    }
}
