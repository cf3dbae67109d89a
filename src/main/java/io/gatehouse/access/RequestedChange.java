package io.gatehouse.access;

import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.SiteId;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a change request asks for, in the terms the policy judges a direct change by: a request
 * may only ask for what its requester could do themselves.
 */
public sealed interface RequestedChange {

    OrganizationId organization();

    /** The rights whose holding the change would give or take: what may need the vendor's approval. */
    Collection<CatalogRight> rightsTouched();

    /** "Create new user", or an existing person joining the organization. */
    record NewMember(OrganizationId organization, Role role, Collection<CatalogRight> rights, Set<SiteId> sites)
            implements RequestedChange {

        public NewMember {
            rights = List.copyOf(rights);
            sites = Set.copyOf(sites);
        }

        @Override
        public Collection<CatalogRight> rightsTouched() {
            return rights;
        }
    }

    /** A change of role (null: unchanged), of rights and of sites; only what changes is listed. */
    record AccessChange(MemberFacts target, Role role, Collection<CatalogRight> rightsChanged, Set<SiteId> sitesChanged)
            implements RequestedChange {

        public AccessChange {
            rightsChanged = List.copyOf(rightsChanged);
            sitesChanged = Set.copyOf(sitesChanged);
        }

        @Override
        public OrganizationId organization() {
            return target.organizationId();
        }

        @Override
        public Collection<CatalogRight> rightsTouched() {
            return rightsChanged;
        }
    }

    /** A deactivation: the person is blocked in this organization. */
    record Deactivation(MemberFacts target) implements RequestedChange {

        @Override
        public OrganizationId organization() {
            return target.organizationId();
        }

        @Override
        public Collection<CatalogRight> rightsTouched() {
            return List.of();
        }
    }
}
