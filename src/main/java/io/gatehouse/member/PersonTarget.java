package io.gatehouse.member;

import io.gatehouse.shared.PersonName;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;

/** The person as met on their page: a member of the organization in the address, which the actor manages. */
public record PersonTarget(OrganizationId organization, UserId user, AccountView person, MemberView member) {

    String base() {
        return "/organizations/" + organization + "/users/" + user;
    }

    String usersList() {
        return "/organizations/" + organization + "/users";
    }

    /** "First Last", or the address while the person has no name yet (invited). */
    String name() {
        return PersonName.orEmail(person.firstName(), person.lastName(), person.email());
    }
}
