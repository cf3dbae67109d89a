package io.gatehouse.oidc;

import io.gatehouse.access.Memberships;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import io.gatehouse.shared.PortalPage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The two pages a person may meet on the way to an application: which organization to sign in
 * for, and why they cannot go in — naming the application, the reason, and the organization's
 * admins who can give access.
 */
@Controller
@PortalPage
class SignOnPages {

    private final RegisteredClientRepository clients;
    private final SignOns signOns;
    private final Memberships memberships;
    private final Accounts accounts;

    SignOnPages(RegisteredClientRepository clients, SignOns signOns, Memberships memberships, Accounts accounts) {
        this.clients = clients;
        this.signOns = signOns;
        this.memberships = memberships;
        this.accounts = accounts;
    }

    @GetMapping("/oidc/organization")
    String choose(@RequestParam(name = "continue", required = false) String next, Principal principal, Model model,
            HttpServletResponse response) {
        Optional<Continuation> continuation = Continuation.of(next, clients);
        if (continuation.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "oidc/invalid";
        }
        UserId user = UserId.parse(principal.getName());
        UUID application = continuation.get().application();
        model.addAttribute("app", signOns.application(application).map(SignOns.Application::name).orElse(""));
        model.addAttribute("choices", signOns.choices(user, application));
        model.addAttribute("continueTo", continuation.get().url());
        return "oidc/organization";
    }

    @PostMapping("/oidc/organization")
    String chosen(@RequestParam(name = "continue", required = false) String next,
            @RequestParam(name = "organization", required = false) String organization, HttpServletResponse response) {
        Optional<Continuation> continuation = Continuation.of(next, clients);
        Optional<OrganizationId> chosen = parse(organization);
        if (continuation.isEmpty() || chosen.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "oidc/invalid";
        }
        // The gate checks the choice again: naming an organization here grants nothing by itself.
        return "redirect:" + continuation.get().url() + "&organization=" + chosen.get();
    }

    @GetMapping("/oidc/denied")
    String denied(@RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "organization", required = false) String organization, Principal principal, Model model,
            HttpServletResponse response) {
        RegisteredClient client = clientId == null || clientId.length() > 100 ? null : clients.findByClientId(clientId);
        UUID application = client == null ? null : ApplicationGate.applicationOf(client);
        Optional<SignOns.Application> app = application == null ? Optional.empty() : signOns.application(application);
        if (app.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "oidc/invalid";
        }
        UserId user = UserId.parse(principal.getName());
        Optional<OrganizationId> orgId = parse(organization);
        Optional<SignOns.Person> person = orgId.flatMap(id -> signOns.person(user, id, application));
        String reason = person.map(p -> p.decision().allowed() ? null : p.decision().reason()).orElse(SignOnPolicy.NOT_A_MEMBER);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("app", app.get().name());
        model.addAttribute("reason", reason == null ? "oidc.denied.none" : reason);
        boolean member = person.map(p -> p.membership() != null).orElse(false);
        model.addAttribute("organization", member ? person.get().organization().name() : null);
        List<String> admins = member ? memberships.activeManagerIds(orgId.get()).stream()
                .map(accounts::find)
                .map(SignOnPages::nameAndAddress)
                .toList() : List.of();
        model.addAttribute("admins", admins);
        model.addAttribute("otherOrganizations", signOns.choices(user, application).stream()
                .filter(c -> c.allowed() && orgId.map(id -> !id.equals(c.id())).orElse(true))
                .toList());
        model.addAttribute("clientId", clientId);
        return "oidc/denied";
    }

    private static String nameAndAddress(AccountView account) {
        return (account.firstName() + " " + account.lastName()).strip() + " <" + account.email() + ">";
    }

    private static Optional<OrganizationId> parse(String text) {
        try {
            return text == null || text.length() > 36 ? Optional.empty() : Optional.of(OrganizationId.parse(text));
        } catch (io.gatehouse.shared.NotFoundException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The authorization request to go back to: only ever our own endpoint, for a client of ours. */
    record Continuation(String url, UUID application) {

        static Optional<Continuation> of(String url, RegisteredClientRepository clients) {
            if (url == null || url.length() > 4000 || !url.startsWith(ApplicationGate.AUTHORIZE + "?")) {
                return Optional.empty();
            }
            String query = url.substring(ApplicationGate.AUTHORIZE.length() + 1);
            for (String pair : query.split("&")) {
                if (pair.startsWith("client_id=")) {
                    String clientId = java.net.URLDecoder.decode(pair.substring("client_id=".length()), StandardCharsets.UTF_8);
                    RegisteredClient client = clientId.length() > 100 ? null : clients.findByClientId(clientId);
                    UUID application = client == null ? null : ApplicationGate.applicationOf(client);
                    // Anything but a plain query of our endpoint (another host, a fragment) is refused.
                    if (application != null && !url.contains("#")) {
                        return Optional.of(new Continuation(url.replaceAll("&organization=[^&]*", ""), application));
                    }
                }
            }
            return Optional.empty();
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
