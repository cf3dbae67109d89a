package io.gatehouse.oidc;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import io.gatehouse.shared.PortalPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * For an application registered to ask: what it will learn of the person, in their language,
 * before it learns it. The answer goes back to the authorization endpoint, which records it.
 */
@Controller
@PortalPage
class ConsentPage {

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;

    ConsentPage(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
        this.clients = clients;
        this.consents = consents;
    }

    @GetMapping("/oauth2/consent")
    String consent(@RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "scope", required = false) String scope,
            @RequestParam(name = "state", required = false) String state, Principal principal, Model model,
            HttpServletResponse response) {
        RegisteredClient client = clientId == null || clientId.length() > 100 ? null : clients.findByClientId(clientId);
        if (client == null || state == null || state.length() > 500 || scope == null || scope.length() > 1000) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "oidc/invalid";
        }
        OAuth2AuthorizationConsent earlier = consents.findById(client.getId(), principal.getName());
        Set<String> granted = earlier == null ? Set.of() : earlier.getScopes();
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
        requested.retainAll(client.getScopes());
        // openid needs no consent: it only says that the person signs in.
        requested.remove(OidcScopes.OPENID);
        model.addAttribute("app", client.getClientName());
        model.addAttribute("clientId", client.getClientId());
        model.addAttribute("state", state);
        model.addAttribute("toApprove", requested.stream().filter(s -> !granted.contains(s)).toList());
        model.addAttribute("approved", requested.stream().filter(granted::contains).toList());
        model.addAttribute("always", List.of("org"));
        return "oidc/consent";
    }
}
