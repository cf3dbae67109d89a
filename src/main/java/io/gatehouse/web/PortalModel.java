package io.gatehouse.web;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Actors;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import io.gatehouse.shared.PortalPage;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.HandlerMapping;
import org.thymeleaf.context.LazyContextVariable;

/**
 * What every portal page shows around its content: who is signed in, their organizations, the
 * one being worked on, and which parts of the portal they may use.
 */
@ControllerAdvice(annotations = PortalPage.class)
class PortalModel {

    private static final Logger log = LoggerFactory.getLogger(PortalModel.class);

    private final Accounts accounts;
    private final SignedInAccount signedIn;
    private final Actors actors;
    private final Organizations organizations;
    private final AccessPolicy policy;

    PortalModel(Accounts accounts, SignedInAccount signedIn, Actors actors, Organizations organizations, AccessPolicy policy) {
        this.accounts = accounts;
        this.signedIn = signedIn;
        this.actors = actors;
        this.organizations = organizations;
        this.policy = policy;
    }

    /** The frame of a page: null before sign-in. */
    public record Portal(AccountView me, List<OrganizationView> organizations, OrganizationView current,
            boolean mayManageMembers, boolean vendorAdmin, boolean vendorStaff, String section, boolean mayViewLicences) {
    }

    /**
     * Read only when the template shows the frame: the answers to htmx (search as you type, a
     * ticked right) and downloads do not, and they are most of the requests.
     */
    @ModelAttribute("portal")
    LazyContextVariable<Portal> portal(HttpServletRequest request) {
        return new LazyContextVariable<>() {
            @Override
            protected Portal loadValue() {
                return frame(request);
            }
        };
    }

    /** The frame of an error page, which shows what it can: none when even that fails. */
    LazyContextVariable<Portal> forErrorPage(HttpServletRequest request) {
        return new LazyContextVariable<>() {
            @Override
            protected Portal loadValue() {
                try {
                    return frame(request);
                } catch (RuntimeException e) {
                    log.debug("Error page without its frame", e);
                    return null;
                }
            }
        };
    }

    private Portal frame(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        UserId userId;
        try {
            userId = UserId.parse(authentication.getName());
        } catch (RuntimeException e) {
            return null;
        }
        Actor actor = actors.forRequest(userId, request).orElse(null);
        if (actor == null) {
            return null;
        }
        AccountView me = signedIn.of(request).orElse(null);
        if (me == null) {
            return null;
        }
        List<OrganizationView> mine = organizations.list(actor, null, PageRequest.of(0, PageRequest.MAX_SIZE)).items();
        OrganizationView current = current(request, actor, me, mine);
        boolean mayManage = current != null && policy.manageMembers(actor, OrganizationId.parse(current.id())).allowed();
        boolean mayViewLicences = current != null && policy.viewLicences(actor, OrganizationId.parse(current.id())).allowed();
        return new Portal(me, mine, current, mayManage, actor.isVendorAdmin(), actor.isVendorStaff(), section(request),
                mayViewLicences);
    }

    /** The organization in the address if there is one, else the one last worked on, else the first. */
    private OrganizationView current(HttpServletRequest request, Actor actor, AccountView me, List<OrganizationView> mine) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String fromPath = variables == null ? null : variables.get("orgId");
        if (fromPath != null) {
            for (OrganizationView organization : mine) {
                if (organization.id().equals(fromPath)) {
                    return organization;
                }
            }
            try {
                return organizations.get(actor, OrganizationId.parse(fromPath));
            } catch (RuntimeException e) {
                return null;
            }
        }
        String preferred = accounts.preferredOrganization(me.id()).map(OrganizationId::toString).orElse(null);
        for (OrganizationView organization : mine) {
            if (organization.id().equals(preferred)) {
                return organization;
            }
        }
        return mine.isEmpty() ? null : mine.get(0);
    }

    private static String section(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/admin/organizations")) {
            return "admin-organizations";
        }
        if (path.startsWith("/admin/mailbox")) {
            return "admin-mailbox";
        }
        if (path.startsWith("/admin/applications")) {
            return "admin-applications";
        }
        if (path.startsWith("/admin/products")) {
            return "admin-products";
        }
        if (path.startsWith("/admin/staff")) {
            return "admin-staff";
        }
        if (path.startsWith("/admin/catalogues")) {
            return "admin-catalogues";
        }
        if (path.startsWith("/admin/welcome")) {
            return "admin-welcome";
        }
        // The pages of User profile: the profile itself, and the account's sessions and security under /account.
        if (path.startsWith("/profile") || path.startsWith("/account/")) {
            return "profile";
        }
        if (path.matches("/organizations/[^/]+/(users|invitations).*")) {
            return "users";
        }
        if (path.matches("/organizations/[^/]+/sites.*")) {
            return "sites";
        }
        if (path.matches("/organizations/[^/]+/downloads.*")) {
            return "downloads";
        }
        if (path.matches("/organizations/[^/]+/catalogues.*")) {
            return "catalogues";
        }
        if (path.matches("/organizations/[^/]+/licences.*")) {
            return "licences";
        }
        if (path.matches("/organizations/[^/]+/requests.*")) {
            return "tickets";
        }
        if (path.equals("/requests") || path.startsWith("/requests/")) {
            return "queue";
        }
        return "welcome";
    }
}
