package io.gatehouse.oidc;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/applications/{applicationId}/client")
@Tag(name = "Single sign-on", description = "Each application as an OpenID Connect client of Gatehouse (vendor admin)")
class ApplicationClientController {

    private final ClientRegistrations registrations;
    private final OidcSettings settings;

    ApplicationClientController(ClientRegistrations registrations, OidcSettings settings) {
        this.registrations = registrations;
        this.settings = settings;
    }

    record ClientBody(List<String> redirectUris, List<String> postLogoutRedirectUris, String backchannelLogoutUri,
            String webhookUrl, Integer accessTokenSeconds, Boolean consent, Boolean publicClient, String signingAlgorithm) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClientResponse(String clientId, String clientSecret, String issuer, boolean publicClient, List<String> redirectUris,
            List<String> postLogoutRedirectUris, String backchannelLogoutUri, String webhookUrl, String webhookSecret,
            int accessTokenSeconds, boolean consent, String signingAlgorithm) {
    }

    @PutMapping
    @Operation(summary = "Register the application as a client, or change its settings, with its webhook (webhookUrl; "
            + "left out, the webhook is removed); each secret is in the answer only when it was made; addresses are exact, "
            + "https (http only for localhost); signingAlgorithm RS256 (the default) or ES256 signs the application's ID, access "
            + "and logout tokens")
    ClientResponse register(Actor actor, @PathVariable String applicationId, @RequestBody ClientBody body) {
        ClientRegistration registration = ClientRegistration.of(body.redirectUris(), body.postLogoutRedirectUris(),
                body.backchannelLogoutUri(), body.accessTokenSeconds(), body.consent(), body.publicClient(), body.signingAlgorithm());
        ClientRegistrations.WithWebhook saved = registrations.registerWithWebhook(actor, id(applicationId), registration,
                body.webhookUrl());
        return response(saved.client(), saved.webhookUrl(), saved.webhookSecret());
    }

    @GetMapping
    @Operation(summary = "The application's client, without its secret")
    ClientResponse get(Actor actor, @PathVariable String applicationId) {
        UUID application = id(applicationId);
        return registrations.find(actor, application)
                .map(view -> response(view, registrations.webhookUrl(actor, application).orElse(null), null))
                .orElseThrow(() -> new NotFoundException("client"));
    }

    @PostMapping("/secret")
    @Operation(summary = "A new client secret, shown once; the old one stops working at once")
    ClientResponse rotate(Actor actor, @PathVariable String applicationId) {
        UUID application = id(applicationId);
        return response(registrations.rotateSecret(actor, application), registrations.webhookUrl(actor, application).orElse(null), null);
    }

    @DeleteMapping
    @Operation(summary = "Unregister: the application can sign nobody in, and every token it holds is revoked")
    ResponseEntity<Void> unregister(Actor actor, @PathVariable String applicationId) {
        registrations.unregister(actor, id(applicationId));
        return ResponseEntity.noContent().build();
    }

    private ClientResponse response(ClientRegistrations.ClientView view, String webhookUrl, String webhookSecret) {
        return new ClientResponse(view.clientId(), view.clientSecret(), issuer(), view.publicClient(), view.redirectUris(),
                view.postLogoutRedirectUris(), view.backchannelLogoutUri(), webhookUrl, webhookSecret, view.accessTokenSeconds(),
                view.consent(), view.signingAlgorithm());
    }

    private String issuer() {
        return settings.issuer() != null ? settings.issuer() : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("application");
        }
    }
}
