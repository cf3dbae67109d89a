package io.gatehouse.oidc;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import io.gatehouse.security.SecondFactorKind;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands before the authorization endpoint once the person is signed in: settles which of their
 * organizations they sign in to the application for (the one the application names with the
 * {@code organization} parameter, else the one they chose last time, else their only one, else
 * they choose), and sends nobody to the application who may not use it there: they see why, and
 * whom to ask, instead of a token. Before all that, a person who has not proved the second factor
 * the application asks for ({@code acr_values}), or one they hold, is sent to the second sign-in step.
 */
class ApplicationGate extends OncePerRequestFilter {

    static final String AUTHORIZE = "/oauth2/authorize";
    private static final String CHOSEN = ApplicationGate.class.getName() + ".organization";

    static final String SECOND_FACTOR = "/signin/second-factor";

    private final RegisteredClientRepository clients;
    private final SignOns signOns;
    private final OrganizationChoices choices;
    private final ObjectProvider<SecondFactorKind> secondFactors;
    private final RequestCache requests = new HttpSessionRequestCache();

    ApplicationGate(RegisteredClientRepository clients, SignOns signOns, OrganizationChoices choices,
            ObjectProvider<SecondFactorKind> secondFactors) {
        this.clients = clients;
        this.signOns = signOns;
        this.choices = choices;
        this.secondFactors = secondFactors;
    }

    /** The organization settled for the authorization being made on this request, if any. */
    static Optional<OrganizationId> chosenOrganization() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes == null ? Optional.empty()
                : Optional.ofNullable((OrganizationId) attributes.getAttribute(CHOSEN, RequestAttributes.SCOPE_REQUEST));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !AUTHORIZE.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String clientId = request.getParameter("client_id");
        RegisteredClient client = clientId == null || clientId.length() > 100 ? null : clients.findByClientId(clientId);
        UUID application = client == null ? null : applicationOf(client);
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken
                || application == null) {
            // Not signed in yet (the endpoint sends them to sign in), or not a client of ours (the endpoint refuses it).
            chain.doFilter(request, response);
            return;
        }
        UserId user = UserId.parse(authentication.getName());
        if (lacksSecondFactor(request, authentication, user)) {
            if (prompts(request, "none")) {
                // The application wants no page shown: the authorization endpoint answers it interaction_required.
                chain.doFilter(request, response);
                return;
            }
            // The second step asks for the factor (or leads to enrolment), then comes back to this very request.
            requests.saveRequest(request, response);
            response.sendRedirect(request.getContextPath() + SECOND_FACTOR);
            return;
        }
        Optional<OrganizationId> remembered = request.getParameter("organization") == null
                ? choices.remembered(user, application) : Optional.empty();
        // Most sign-ins are for the organization chosen last time: the person read to check it is the one decided on.
        Optional<SignOns.Person> person = remembered.flatMap(id -> signOns.person(user, id, application))
                .filter(p -> p.membership() != null);
        Optional<OrganizationId> organization = person.isPresent() ? remembered : settle(request, user, application);
        if (organization.isEmpty()) {
            response.sendRedirect(request.getContextPath() + "/oidc/organization?continue="
                    + URLEncoder.encode(AUTHORIZE + "?" + request.getQueryString(), StandardCharsets.UTF_8));
            return;
        }
        if (person.isEmpty()) {
            person = signOns.person(user, organization.get(), application);
        }
        if (!person.map(p -> p.decision().allowed()).orElse(false)) {
            response.sendRedirect(request.getContextPath() + "/oidc/denied?client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                    + "&organization=" + organization.get());
            return;
        }
        if (!remembered.equals(organization)) {
            choices.remember(user, application, organization.get());
        }
        request.setAttribute(CHOSEN, organization.get());
        chain.doFilter(request, response);
    }

    /**
     * The application asked for a second factor that this sign-in did not prove, or the person holds
     * one and proved only their password: no code for them until the second step is done.
     */
    private boolean lacksSecondFactor(HttpServletRequest request, Authentication authentication, UserId user) {
        if (AuthenticationMethods.of(authentication).secondFactor()) {
            return false;
        }
        if (AuthenticationMethods.asksForSecondFactor(request.getParameter("acr_values"))) {
            return true;
        }
        // A sign-in the second step already found complete with the password alone costs no query.
        return !io.gatehouse.security.SignInFactors.complete(authentication)
                && secondFactors.orderedStream().anyMatch(kind -> kind.enrolled(user) > 0);
    }

    private static boolean prompts(HttpServletRequest request, String value) {
        String prompt = request.getParameter("prompt");
        return prompt != null && List.of(prompt.trim().split("\\s+")).contains(value);
    }

    /** The organization named by the application, else their only one; empty when they must choose. */
    private Optional<OrganizationId> settle(HttpServletRequest request, UserId user, UUID application) {
        String named = request.getParameter("organization");
        if (named != null) {
            try {
                return Optional.of(OrganizationId.parse(named));
            } catch (io.gatehouse.shared.NotFoundException | IllegalArgumentException notAnId) {
                // Nobody is a member of an organization that cannot exist: they are told so on the refusal page.
                return Optional.of(new OrganizationId(new UUID(0, 0)));
            }
        }
        // A remembered organization they are no longer a member of is forgotten: they choose again.
        List<SignOns.Choice> theirs = signOns.choices(user, application);
        return theirs.size() == 1 ? Optional.of(theirs.get(0).id()) : Optional.empty();
    }

    /** Each application's client is registered under the application's id. */
    static UUID applicationOf(RegisteredClient client) {
        if (client == null) {
            return null;
        }
        try {
            return UUID.fromString(client.getId());
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
