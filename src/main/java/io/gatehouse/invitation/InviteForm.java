package io.gatehouse.invitation;

import io.gatehouse.access.Role;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * Everything the two steps of "Invite users" carry from one request to the next: the addresses
 * (chips), then one choice per organization added with "+ Add" — role, sites and access rights,
 * posted as {@code role.<orgId>}, {@code sites.<orgId>} and {@code rights.<orgId>}.
 */
record InviteForm(List<String> emails, String entry, List<Choice> choices) {

    record Choice(String organizationId, Role role, List<String> sites, List<String> rights) {

        public boolean ticked(String right) {
            return rights.contains(right);
        }

        public boolean reaches(String site) {
            return sites.contains(site);
        }
    }

    InviteForm {
        emails = List.copyOf(emails);
        choices = List.copyOf(choices);
    }

    static InviteForm from(MultiValueMap<String, String> params) {
        List<String> emails = new ArrayList<>(params.getOrDefault("emails", List.of()));
        String remove = params.getFirst("remove");
        if (remove != null) {
            emails.removeIf(email -> email.equalsIgnoreCase(remove));
        }
        Set<String> organizations = new LinkedHashSet<>(params.getOrDefault("organizations", List.of()));
        String dropped = params.getFirst("dropOrganization");
        if (dropped != null) {
            organizations.remove(dropped);
        }
        List<Choice> choices = new ArrayList<>();
        for (String organization : organizations) {
            choices.add(new Choice(organization, role(params.getFirst("role." + organization)),
                    List.copyOf(params.getOrDefault("sites." + organization, List.of())),
                    List.copyOf(params.getOrDefault("rights." + organization, List.of()))));
        }
        String entry = params.getFirst("entry");
        return new InviteForm(emails, entry == null ? "" : entry, choices);
    }

    /** The typed entry joins the chips: "Add", or Enter in the field. */
    InviteForm withEntryAdded(List<String> parsed) {
        List<String> all = new ArrayList<>(emails);
        all.addAll(parsed);
        return new InviteForm(all, "", choices);
    }

    InviteForm withOrganization(String organization) {
        if (organization == null || organization.isBlank() || choices.stream().anyMatch(c -> c.organizationId().equals(organization))) {
            return this;
        }
        List<Choice> all = new ArrayList<>(choices);
        all.add(new Choice(organization, Role.USER, List.of(), List.of()));
        return new InviteForm(emails, entry, all);
    }

    List<Invitations.Target> targets() {
        return choices.stream()
                .map(c -> new Invitations.Target(organization(c.organizationId()), c.role(), c.rights(), c.sites()))
                .toList();
    }

    private static OrganizationId organization(String id) {
        try {
            return OrganizationId.parse(id);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static Role role(String value) {
        if (value == null) {
            return Role.USER;
        }
        try {
            return Role.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
