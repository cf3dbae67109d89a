package io.gatehouse.member;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogApplication;
import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.Role;
import io.gatehouse.organization.Organizations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What the "Create new user" form offers: the roles, access rights and sites the policy lets this
 * actor give. Rights managed in another application are listed too, locked, so people see why.
 */
@Component
public class GrantableAccess {

    /** One application's fieldset: the rights the actor may tick, or all of them locked when managed elsewhere. */
    public record ApplicationOffer(String name, boolean managedExternally, List<CatalogRight> rights) {
    }

    public record Offer(List<Role> roles, List<ApplicationOffer> applications, List<SiteView> sites) {
    }

    private final AccessPolicy policy;
    private final Catalog catalog;
    private final Organizations organizations;

    GrantableAccess(AccessPolicy policy, Catalog catalog, Organizations organizations) {
        this.policy = policy;
        this.catalog = catalog;
        this.organizations = organizations;
    }

    public Offer offer(Actor actor, OrganizationId organization) {
        List<Role> roles = Arrays.stream(Role.values())
                .filter(role -> policy.addMember(actor, organization, role, Set.of(), Set.of()).allowed())
                .toList();
        List<ApplicationOffer> applications = new ArrayList<>();
        for (CatalogApplication application : catalog.applications()) {
            List<CatalogRight> rights = application.managedExternally() ? application.rights()
                    : application.rights().stream()
                            .filter(right -> policy.addMember(actor, organization, Role.USER, Set.of(right), Set.of()).allowed())
                            .toList();
            if (!rights.isEmpty()) {
                applications.add(new ApplicationOffer(application.name(), application.managedExternally(), rights));
            }
        }
        List<SiteView> sites = organizations.sites(organization).stream()
                .filter(site -> policy.addMember(actor, organization, Role.USER, Set.of(), Set.of(site.siteId())).allowed())
                .toList();
        return new Offer(roles, applications, sites);
    }
}
