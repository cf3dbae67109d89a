package io.gatehouse.member;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.Accounts;
import org.springframework.stereotype.Component;

/** Finds the person a person's page is about, refusing what the actor may not see or manage. */
@Component
class PersonTargets {

    private final Members members;
    private final Accounts accounts;
    private final Organizations organizations;
    private final AccessPolicy policy;

    PersonTargets(Members members, Accounts accounts, Organizations organizations, AccessPolicy policy) {
        this.members = members;
        this.accounts = accounts;
        this.organizations = organizations;
        this.policy = policy;
    }

    /** 404 for an organization the actor cannot see or a person who is not its member; 403 if they may not manage members. */
    PersonTarget find(Actor actor, String orgId, String userId) {
        OrganizationId organization = OrganizationId.parse(orgId);
        UserId user = UserId.parse(userId);
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        MemberView member = members.get(actor, organization, user);
        return new PersonTarget(organization, user, accounts.get(actor, user), member);
    }

    /** The same person as they are after a change. */
    PersonTarget reload(Actor actor, PersonTarget target) {
        return new PersonTarget(target.organization(), target.user(), accounts.get(actor, target.user()),
                members.get(actor, target.organization(), target.user()));
    }
}
