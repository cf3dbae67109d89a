package io.gatehouse.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import io.gatehouse.webhook.ApplicationWebhooks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each application of the catalogue as a client of Gatehouse's OpenID Connect provider, registered
 * under the application's id. The secret is shown once, when made; only its digest is kept.
 */
@Service
class ClientRegistrations {

    private final RegisteredClientRepository clients;
    private final SignOns signOns;
    private final AccessPolicy policy;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final OidcSettings settings;
    private final ClientSecrets secrets = new ClientSecrets();
    private final ApplicationWebhooks webhooks;

    ClientRegistrations(RegisteredClientRepository clients, SignOns signOns, AccessPolicy policy, JdbcClient jdbc,
            ApplicationEventPublisher events, Clock clock, OidcSettings settings, ApplicationWebhooks webhooks) {
        this.webhooks = webhooks;
        this.clients = clients;
        this.signOns = signOns;
        this.policy = policy;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    /** What the vendor admin sees of a client; the secret only right after it was made. */
    record ClientView(String applicationId, String applicationName, String clientId, String clientSecret, boolean publicClient,
            List<String> redirectUris, List<String> postLogoutRedirectUris, String backchannelLogoutUri, int accessTokenSeconds,
            boolean consent, String signingAlgorithm, Instant createdAt, Instant secretRotatedAt) {

        ClientView withSecret(String secret) {
            return new ClientView(applicationId, applicationName, clientId, secret, publicClient, redirectUris, postLogoutRedirectUris,
                    backchannelLogoutUri, accessTokenSeconds, consent, signingAlgorithm, createdAt, secretRotatedAt);
        }
    }

    @Transactional(readOnly = true)
    Optional<ClientView> find(Actor actor, UUID application) {
        policy.manageSignOnClients(actor).orThrow();
        SignOns.Application app = application(application);
        return view(app);
    }

    /** Creates the client (with a new secret, returned once) or changes its settings (keeping its secret). */
    @Transactional
    ClientView register(Actor actor, UUID application, ClientRegistration registration) {
        policy.manageSignOnClients(actor).orThrow();
        SignOns.Application app = application(application);
        RegisteredClient existing = clients.findById(application.toString());
        Instant now = clock.instant();
        String secret = null;
        String encodedSecret = existing == null ? null : existing.getClientSecret();
        boolean wasPublic = existing != null && existing.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
        if (!registration.publicClient() && (existing == null || wasPublic)) {
            secret = ClientSecrets.generate();
            encodedSecret = secrets.encode(secret);
        }
        if (registration.publicClient()) {
            encodedSecret = null;
        }
        Map<String, Object> before = existing == null ? null : view(app).map(ClientRegistrations::state).orElse(null);
        clients.save(client(app, registration, encodedSecret, existing == null ? now : existing.getClientIdIssuedAt()));
        if (existing == null) {
            jdbc.sql("insert into oidc_client (application_id, backchannel_logout_uri, created_at, secret_rotated_at) values (?, ?, ?, ?)")
                    .params(application, registration.backchannelLogoutUri(), Timestamp.from(now), Timestamp.from(now)).update();
        } else {
            jdbc.sql("update oidc_client set backchannel_logout_uri = ? where application_id = ?")
                    .params(registration.backchannelLogoutUri(), application).update();
        }
        ClientView saved = view(app).orElseThrow();
        events.publishEvent(new Audited(actor.ref(), null, existing == null ? "oidc.clientRegistered" : "oidc.clientChanged",
                "application", application.toString(), before, state(saved)));
        return secret == null ? saved : saved.withSecret(secret);
    }

    /** A client and, when given, the application's webhook, in one transaction: either both change or neither. */
    record WithWebhook(ClientView client, String webhookUrl, String webhookSecret) {
    }

    @Transactional
    WithWebhook registerWithWebhook(Actor actor, UUID application, ClientRegistration registration, String webhookUrl) {
        ClientView client = register(actor, application, registration);
        if (webhookUrl == null || webhookUrl.isBlank()) {
            if (webhooks.find(actor, application).isPresent()) {
                webhooks.remove(actor, application);
            }
            return new WithWebhook(client, null, null);
        }
        ApplicationWebhooks.Configured configured;
        try {
            configured = webhooks.configure(actor, application, webhookUrl);
        } catch (io.gatehouse.shared.InvalidInputException e) {
            throw new io.gatehouse.shared.InvalidInputException(e.errors().stream()
                    .map(error -> new io.gatehouse.shared.InvalidInputException.FieldError("webhookUrl", error.messageCode(),
                            error.arguments()))
                    .toList());
        }
        return new WithWebhook(client, configured.webhook().url(), configured.secret());
    }

    @Transactional(readOnly = true)
    Optional<String> webhookUrl(Actor actor, UUID application) {
        return webhooks.find(actor, application).map(io.gatehouse.webhook.WebhookView::url);
    }

    /** A new secret, returned once; the old one stops working at once. */
    @Transactional
    ClientView rotateSecret(Actor actor, UUID application) {
        policy.manageSignOnClients(actor).orThrow();
        SignOns.Application app = application(application);
        RegisteredClient existing = clients.findById(application.toString());
        if (existing == null) {
            throw new NotFoundException("client");
        }
        if (existing.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
            throw new io.gatehouse.shared.ConflictException("clientSecret", "oidc.client.publicHasNoSecret");
        }
        String secret = ClientSecrets.generate();
        clients.save(RegisteredClient.from(existing).clientSecret(secrets.encode(secret)).build());
        jdbc.sql("update oidc_client set secret_rotated_at = ? where application_id = ?")
                .params(Timestamp.from(clock.instant()), application).update();
        events.publishEvent(new Audited(actor.ref(), null, "oidc.clientSecretRotated", "application", application.toString(), null, null));
        return view(app).orElseThrow().withSecret(secret);
    }

    /** The application can no longer sign anyone in; everything it was issued is revoked. */
    @Transactional
    void unregister(Actor actor, UUID application) {
        policy.manageSignOnClients(actor).orThrow();
        SignOns.Application app = application(application);
        ClientView before = view(app).orElseThrow(() -> new NotFoundException("client"));
        String id = application.toString();
        jdbc.sql("delete from oauth2_spent_refresh_token where authorization_id in (select id from oauth2_authorization where registered_client_id = ?)")
                .param(id).update();
        jdbc.sql("delete from oauth2_authorization where registered_client_id = ?").param(id).update();
        jdbc.sql("delete from oauth2_authorization_consent where registered_client_id = ?").param(id).update();
        jdbc.sql("delete from oauth2_registered_client where id = ?").param(id).update();
        jdbc.sql("delete from oidc_client where application_id = ?").param(application).update();
        events.publishEvent(new Audited(actor.ref(), null, "oidc.clientUnregistered", "application", id, state(before), null));
    }

    /** Where the application wants to hear of a sign-out, if it said so. */
    Optional<String> backchannelLogoutUri(UUID application) {
        return jdbc.sql("select backchannel_logout_uri from oidc_client where application_id = ?").param(application)
                .query(String.class).optional();
    }

    /** The algorithm that signs the application's tokens, its logout tokens too. */
    JWSAlgorithm signingAlgorithm(UUID application) {
        RegisteredClient client = clients.findById(application.toString());
        return JWSAlgorithm.parse(client == null ? ClientRegistration.DEFAULT_SIGNING_ALGORITHM : signingAlgorithm(client));
    }

    private SignOns.Application application(UUID id) {
        return signOns.application(id).orElseThrow(() -> new NotFoundException("application"));
    }

    private RegisteredClient client(SignOns.Application app, ClientRegistration registration, String encodedSecret, Instant issuedAt) {
        boolean publicClient = registration.publicClient();
        RegisteredClient.Builder builder = RegisteredClient.withId(app.id().toString())
                .clientId(app.id().toString())
                .clientIdIssuedAt(issuedAt)
                .clientSecret(encodedSecret)
                .clientName(app.name())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(registration.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(registration.postLogoutRedirectUris()))
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(publicClient)
                        .requireAuthorizationConsent(registration.consent())
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(Duration.ofSeconds(registration.accessTokenSeconds()))
                        .refreshTokenTimeToLive(settings.refreshTokenLifetime())
                        .reuseRefreshTokens(false)
                        .authorizationCodeTimeToLive(Duration.ofMinutes(2))
                        .idTokenSignatureAlgorithm(SignatureAlgorithm.from(registration.signingAlgorithm()))
                        .build());
        if (publicClient) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        }
        return builder.build();
    }

    private Optional<ClientView> view(SignOns.Application app) {
        RegisteredClient client = clients.findById(app.id().toString());
        if (client == null) {
            return Optional.empty();
        }
        record Extra(String backchannel, Instant createdAt, Instant rotatedAt) {
        }
        Extra extra = jdbc.sql("select backchannel_logout_uri, created_at, secret_rotated_at from oidc_client where application_id = ?")
                .param(app.id())
                .query((rs, n) -> new Extra(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .optional().orElse(new Extra(null, client.getClientIdIssuedAt(), null));
        return Optional.of(new ClientView(app.id().toString(), app.name(), client.getClientId(), null,
                client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE),
                List.copyOf(client.getRedirectUris()), List.copyOf(client.getPostLogoutRedirectUris()), extra.backchannel(),
                (int) client.getTokenSettings().getAccessTokenTimeToLive().toSeconds(),
                client.getClientSettings().isRequireAuthorizationConsent(), signingAlgorithm(client), extra.createdAt(),
                extra.rotatedAt()));
    }

    /** The algorithm that signs the client's tokens: its ID tokens', which Gatehouse uses for all of them. */
    static String signingAlgorithm(RegisteredClient client) {
        SignatureAlgorithm algorithm = client.getTokenSettings().getIdTokenSignatureAlgorithm();
        return algorithm == null ? ClientRegistration.DEFAULT_SIGNING_ALGORITHM : algorithm.getName();
    }

    private static Map<String, Object> state(ClientView view) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("publicClient", view.publicClient());
        state.put("redirectUris", view.redirectUris());
        state.put("postLogoutRedirectUris", view.postLogoutRedirectUris());
        state.put("backchannelLogoutUri", view.backchannelLogoutUri());
        state.put("accessTokenSeconds", view.accessTokenSeconds());
        state.put("consent", view.consent());
        state.put("signingAlgorithm", view.signingAlgorithm());
        return state;
    }
}
